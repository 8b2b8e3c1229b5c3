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
import {
  readEntityFiles,
  type SecretFinding,
} from '@partner-governance/plugin-partners-node';
import type { ProblemReport } from './types';

/** One YAML document of a file, parsed the way the catalog reads it. */
export interface ParsedDocument {
  file: string;
  /** 1-based line where the document starts. */
  line: number;
  /** The document, secret values replaced. */
  data: unknown;
  /** Where the document held secret values. */
  secrets: SecretFinding[];
}

/** A path given on the command line that cannot be read. */
export class UnreadablePathError extends Error {}

const YAML_FILE = /\.ya?ml$/i;
/** Sorts like localeCompare, many times faster on large directories. */
const byName = new Intl.Collator();

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

/** A sentence from a reader's reason. */
const sentence = (reason: string) =>
  reason.charAt(0).toUpperCase() + reason.slice(1);

/**
 * Reads files and parses their YAML documents exactly as the catalog module
 * does (the shared reader of `@partner-governance/plugin-partners-node`),
 * each document on its own, so that one malformed document does not hide the
 * others, with every secret value already replaced. Errors never quote the
 * source: a malformed line may hold a secret. The files are scanned for
 * secrets together, in the order given.
 */
export async function readDocuments(
  files: readonly string[],
  problems: ProblemReport,
): Promise<ParsedDocument[]> {
  const contents = files.map(file => {
    try {
      // Synchronous on purpose: for thousands of small files
      // fs.promises.readFile costs several times the read itself, and the
      // CLI has nothing to overlap.
      return readFileSync(file);
    } catch (error) {
      throw new UnreadablePathError(
        `Cannot read ${file}: ${
          (error as NodeJS.ErrnoException).code ?? (error as Error).message
        }`,
      );
    }
  });
  const read = await readEntityFiles(contents);
  const documents: ParsedDocument[] = [];
  read.forEach((entityFile, index) => {
    const file = files[index];
    if (entityFile.error) {
      problems.error({ file, message: sentence(entityFile.error) });
    }
    for (const { line, data, secrets, error } of entityFile.documents) {
      if (error) {
        problems.error({
          file,
          message: `Malformed YAML in the document starting at line ${line}: ${error}`,
        });
      } else {
        documents.push({ file, line, data, secrets });
      }
    }
  });
  return documents;
}
