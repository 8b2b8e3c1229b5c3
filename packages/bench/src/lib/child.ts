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
 * A benchmark measuring one operation again in a child process of its own:
 * the same script, run through the same TypeScript transform.
 */

import { spawnSync } from 'node:child_process';

const NODE_TRANSFORM = require.resolve(
  '@backstage/cli/config/nodeTransform.cjs',
);

/** Node's arguments to run the TypeScript `script` with `args`. */
export function nodeArgs(script: string, args: string[]): string[] {
  return ['--require', NODE_TRANSFORM, script, ...args];
}

/** What an operation measured in a child process reports. */
export interface ChildMeasurement {
  mode: string;
  ms: number;
  rssBeforeKb: number;
  maxRssKb: number;
}

/** The JSON of the last line of a child's output. */
export function lastJsonLine<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop() ?? '');
}

/**
 * Runs `script --child mode ...args` and returns the measurement it prints
 * as its last line.
 */
export function inChild(
  script: string,
  mode: string,
  args: string[],
): ChildMeasurement {
  const result = spawnSync(
    process.execPath,
    nodeArgs(script, ['--child', mode, ...args]),
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    throw new Error(
      `child ${mode} failed (${result.status}): ${result.stderr}`,
    );
  }
  return lastJsonLine(result.stdout);
}

/**
 * In a child: runs `operation` and prints its wall time and the process's
 * RSS before it and at its peak, as one JSON line.
 */
export async function measureInChild(
  mode: string,
  operation: () => Promise<unknown>,
): Promise<void> {
  const rssBefore = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  await operation();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const measurement: ChildMeasurement = {
    mode,
    ms,
    rssBeforeKb: Math.round(rssBefore / 1024),
    maxRssKb: process.resourceUsage().maxRSS,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}
