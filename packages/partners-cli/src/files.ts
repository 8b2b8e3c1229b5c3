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

import { isUtf8 } from 'node:buffer';
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
      `Cannot read ${target}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    );
  /** Walks a path; `known` is what a directory listing already told. */
  const walk = async (
    target: string,
    explicit: boolean,
    known?: 'file' | 'directory',
  ) => {
    let kind = known;
    if (!kind) {
      try {
        kind = (await fs.stat(target)).isDirectory() ? 'directory' : 'file';
      } catch (error) {
        throw unreadable(target, error);
      }
    }
    if (kind === 'file') {
      if (explicit || YAML_FILE.test(target)) {
        files.add(path.normalize(target));
      }
      return;
    }
    let entries;
    try {
      entries = await fs.readdir(target, { withFileTypes: true });
    } catch (error) {
      throw unreadable(target, error);
    }
    for (const entry of entries.sort((a, b) =>
      byName.compare(a.name, b.name),
    )) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        continue;
      }
      const child = path.join(target, entry.name);
      if (entry.isDirectory()) {
        await walk(child, false, 'directory');
      } else if (YAML_FILE.test(entry.name)) {
        // A symbolic link (or other entry) is followed like a given path.
        await walk(child, false, entry.isFile() ? 'file' : undefined);
      }
    }
  };
  for (const input of inputs) {
    await walk(input, true);
  }
  return [...files];
}

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
  let buffer: Buffer;
  try {
    // Synchronous on purpose: for thousands of small files fs.promises.readFile
    // costs several times the read itself, and the CLI has nothing to overlap.
    buffer = readFileSync(file);
  } catch (error) {
    throw new UnreadablePathError(
      `Cannot read ${file}: ${
        (error as NodeJS.ErrnoException).code ?? (error as Error).message
      }`,
    );
  }
  if (!isUtf8(buffer)) {
    problems.error({ file, message: 'File is not valid UTF-8 text' });
    return [];
  }
  let text = buffer.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }

  const documents: ParsedDocument[] = [];
  /** Parses the text from `start` to `end`, a document that starts on `line`. */
  const flush = (start: number, end: number, line: number) => {
    const chunk = text.slice(start, end);
    if (!/\S/.test(chunk)) {
      return;
    }
    try {
      const data = yaml.load(chunk, {
        schema: yaml.CORE_SCHEMA,
        filename: file,
      });
      if (data !== null && data !== undefined) {
        documents.push({ file, line, data });
      }
    } catch (error) {
      const mark = (error as yaml.YAMLException).mark;
      const where = mark
        ? ` at line ${line + mark.line}, column ${mark.column + 1}`
        : '';
      problems.error({
        file,
        message: `Malformed YAML in the document starting at line ${line}${where}: ${yamlReason(
          error,
        )}`,
      });
    }
  };
  // Split on separator lines without building an array of lines: only lines
  // that start with `---` are looked at.
  let start = 0;
  let startLine = 1;
  let line = 1;
  for (let position = 0; position < text.length; line += 1) {
    let end = text.indexOf('\n', position);
    if (end === -1) {
      end = text.length;
    }
    if (text.startsWith('---', position)) {
      const content = text.slice(
        position,
        text.charCodeAt(end - 1) === 13 ? end - 1 : end,
      );
      if (DOCUMENT_SEPARATOR.test(content)) {
        flush(start, position, startLine);
        start = end + 1;
        startLine = line + 1;
      }
    }
    position = end + 1;
  }
  flush(start, text.length, startLine);
  return documents;
}
