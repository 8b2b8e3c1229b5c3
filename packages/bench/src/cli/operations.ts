/*
 * Copyright 2026 The Partner Governance Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

/*
 * The two operations the CLI benchmark compares: a raw parse of the files
 * (js-yaml with its core schema, as the shared reader parses them, without
 * limits, splitting or the secret guard), and `partners report`.
 */

import fs from 'node:fs';
import path from 'node:path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';

type Cli = typeof import('@partner-governance/partners-cli');

/** Files under a directory, the way the CLI walks it (sorted, recursive). */
function listYamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (current: string) => {
    const entries = fs.readdirSync(current, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(child);
      } else if (/\.ya?ml$/i.test(entry.name)) {
        out.push(child);
      }
    }
  };
  walk(dir);
  return out;
}

/** (a) Read every file and parse its documents: js-yaml, core schema. */
export async function baseline(dir: string): Promise<{ documents: number }> {
  let documents = 0;
  for (const file of listYamlFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const data of loadAll(text, undefined, { schema: CORE_SCHEMA })) {
      if (data !== null && data !== undefined) {
        documents += 1;
      }
    }
  }
  return { documents };
}

let cli: Cli | undefined;

/**
 * The CLI, loaded (and its TypeScript transpiled) on first use: the
 * baseline's child process measures its peak RSS without it.
 */
export function loadCli(): Cli {
  const loaded: Cli = cli ?? require('@partner-governance/partners-cli');
  cli = loaded;
  return loaded;
}

/** (b) `partners report <dir> --format json`, in-process, output to a sink. */
export async function report(
  dir: string,
  config: string,
  now: string,
  options: { keepOutput?: boolean; threads?: number } = {},
): Promise<{ bytes: number; output?: string }> {
  const { keepOutput = false, threads } = options;
  const { runCli } = loadCli();
  let bytes = 0;
  const chunks: string[] = [];
  const sink = {
    write(text: string) {
      bytes += Buffer.byteLength(text);
      if (keepOutput) chunks.push(text);
      return true;
    },
    isTTY: false,
  };
  const stderr: string[] = [];
  const code = await runCli(
    [
      'report',
      dir,
      '--format',
      'json',
      '--config',
      config,
      '--now',
      now,
      '--fail-on',
      'none',
      ...(threads ? ['--threads', String(threads)] : []),
    ],
    {
      stdout: sink,
      stderr: { write: (t: string) => stderr.push(t) },
      env: {},
    },
  );
  // With --fail-on none, 1 means errors in the files: the caller checks them.
  if (code !== 0 && !(code === 1 && keepOutput)) {
    throw new Error(`partners report exited ${code}: ${stderr.join('')}`);
  }
  return { bytes, output: keepOutput ? chunks.join('') : undefined };
}
