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

import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { ProblemReport } from './types';

/** One YAML document of a file, parsed the way the catalog reads it. */
export interface ParsedDocument {
  file: string;
  /** 1-based line where the document starts. */
  line: number;
  data: unknown;
}

/** A path given on the command line that cannot be read. */
export class UnreadablePathError extends Error {}

const YAML_FILE = /\.ya?ml$/i;
/** Sorts like localeCompare, many times faster on large directories. */
const byName = new Intl.Collator();
const DOCUMENT_SEPARATOR = /^---(?:[ \t].*)?$/;

/**
 * Expands the given files and directories into YAML files, sorted, each once.
 * Directories are walked recursively; hidden entries and node_modules are
 * skipped. Throws UnreadablePathError for a path that does not exist.
 */
export async function collectFiles(inputs: string[]): Promise<string[]> {
  const files = new Set<string>();
  const unreadable = (target: string, error: unknown) =>
    new UnreadablePathError(
      `Cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  const walkDirectory = async (target: string) => {
    let entries;
    try {
      entries = await fs.readdir(target, { withFileTypes: true });
    } catch (error) {
      throw unreadable(target, error);
    }
    for (const entry of entries.sort((a, b) => byName.compare(a.name, b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      const child = path.join(target, entry.name);
      if (entry.isDirectory()) {
        await walkDirectory(child);
      } else if (YAML_FILE.test(entry.name)) {
        if (entry.isFile()) {
          files.add(path.normalize(child));
        } else {
          // A symbolic link or other entry: follow it like a given path.
          await walk(child, false);
        }
      }
    }
  };
  const walk = async (target: string, explicit: boolean) => {
    let stat;
    try {
      stat = await fs.stat(target);
    } catch (error) {
      throw unreadable(target, error);
    }
    if (stat.isDirectory()) {
      await walkDirectory(target);
    } else if (explicit || YAML_FILE.test(target)) {
      files.add(path.normalize(target));
    }
  };
  for (const input of inputs) {
    await walk(input, true);
  }
  return [...files];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The reason of a YAML parse error without the fragments of the source that
 * js-yaml quotes in some reasons (alias names, tags): a broken line may hold
 * a secret. The line and column say where the problem is.
 */
export function yamlReason(error: unknown): string {
  const reason = (error as yaml.YAMLException)?.reason;
  if (typeof reason !== 'string' || !reason) {
    return 'cannot be parsed';
  }
  return reason
    .replace(/"[^"]*"/g, '"…"')
    .replace(/!<[^>]*>/g, '!<…>')
    .replace(/(malformed|such characters): .*$/s, '$1');
}

/**
 * Reads a file and parses each of its YAML documents on its own, as YAML 1.2
 * core schema (dates stay strings, like the catalog reads them), so that one
 * malformed document does not hide the others. Parse errors never quote the
 * source: a malformed line may hold a secret.
 */
export async function readDocuments(
  file: string,
  problems: ProblemReport,
): Promise<ParsedDocument[]> {
  let text: string;
  try {
    // Synchronous on purpose: for thousands of small files fs.promises.readFile
    // costs several times the read itself, and the CLI has nothing to overlap.
    text = utf8.decode(readFileSync(file));
  } catch (error) {
    if (error instanceof TypeError) {
      problems.error({ file, message: 'File is not valid UTF-8 text' });
      return [];
    }
    throw new UnreadablePathError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }

  const documents: ParsedDocument[] = [];
  const lines = text.split(/\r?\n/);
  let start = 0;
  const flush = (end: number) => {
    const chunk = lines.slice(start, end).join('\n');
    const line = start + 1;
    if (chunk.trim()) {
      try {
        const data = yaml.load(chunk, { schema: yaml.CORE_SCHEMA, filename: file });
        if (data !== null && data !== undefined) {
          documents.push({ file, line, data });
        }
      } catch (error) {
        const yamlError = error as yaml.YAMLException;
        const mark = yamlError.mark;
        const where = mark ? ` at line ${start + mark.line + 1}, column ${mark.column + 1}` : '';
        problems.error({
          file,
          message: `Malformed YAML in the document starting at line ${line}${where}: ${yamlReason(error)}`,
        });
      }
    }
  };
  lines.forEach((text_, index) => {
    if (DOCUMENT_SEPARATOR.test(text_)) {
      flush(index);
      start = index + 1;
    }
  });
  flush(lines.length);
  return documents;
}
