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
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { redactSecrets, type SecretFinding } from '../secrets/guard';

/**
 * Limits on what one file may hold. A file over them gets an error naming
 * the limit instead of costing the reader (and every catalog refresh) time.
 *
 * @public
 */
export interface DocumentLimits {
  /** The largest file, in bytes. */
  maxFileBytes: number;
  /** The most aliases one document may resolve (YAML "billion laughs"). */
  maxAliases: number;
  /** The deepest nesting of maps and lists in one document. */
  maxDepth: number;
}

/** @public */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxFileBytes: 1024 * 1024,
  maxAliases: 50,
  maxDepth: 64,
};

/**
 * One YAML document of a file: its data with every secret value replaced,
 * where those values were, or why the document could not be read.
 *
 * @public
 */
export interface EntityDocument {
  /** 1-based line where the document starts. */
  line: number;
  /** The document, secret values replaced; absent when it could not be read. */
  data?: unknown;
  /** Where the document held secret values (never the values). */
  secrets: SecretFinding[];
  /** Why the document could not be read; it never quotes the file. */
  error?: string;
}

/**
 * A file read into documents, or why none of it could be read.
 *
 * @public
 */
export interface EntityFile {
  documents: EntityDocument[];
  /** Why the file as a whole could not be read. */
  error?: string;
}

/**
 * The reason of a YAML parse error without what it quotes of the source:
 * only the first line (the lines under it show the broken line, which may
 * hold a secret), without its position (given apart) and with quoted
 * fragments (alias names, tags, keys) blanked.
 */
function yamlReason(error: unknown): string {
  const message = (error as Error)?.message;
  if (typeof message !== 'string' || !message) {
    return 'cannot be parsed';
  }
  let [first] = message.split(/\r?\n/, 1);
  // What follows "alias …: ", "anchor …: " or "tag …: " quotes the source.
  const named = /alias|anchor|tag/.exec(first);
  const colon = named ? first.indexOf(': ', named.index) : -1;
  if (colon !== -1) {
    first = first.slice(0, colon);
  }
  return first
    .replace(/ at line \d+, column \d+:?$/, '')
    .replace(/:$/, '')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/!<[^>!]*>/g, '!<…>');
}

/**
 * Why a value is too deep, or refers to itself through an alias (the YAML
 * library builds circular objects for those), if it is.
 */
function shapeError(value: unknown, maxDepth: number): string | undefined {
  const ancestors = new Set<object>();
  const visit = (node: unknown, depth: number): string | undefined => {
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    if (ancestors.has(node)) {
      return 'an alias refers to the node that holds it';
    }
    if (depth > maxDepth) {
      return `maps and lists are nested deeper than ${maxDepth} levels`;
    }
    ancestors.add(node);
    for (const child of Object.values(node)) {
      const error = visit(child, depth + 1);
      if (error) {
        return error;
      }
    }
    ancestors.delete(node);
    return undefined;
  };
  return visit(value, 0);
}

function toData(
  document: Document.Parsed,
  limits: DocumentLimits,
): { data?: unknown; error?: string } {
  if (document.directives?.yaml.explicit) {
    if (document.directives.yaml.version !== '1.2') {
      return {
        error: `declares %YAML ${document.directives.yaml.version}; entity files are read as YAML 1.2 only`,
      };
    }
  }
  const [parseError] = document.errors;
  if (parseError) {
    const at = parseError.linePos?.[0];
    return {
      error: `${yamlReason(parseError)}${
        at ? ` (line ${at.line}, column ${at.col})` : ''
      }`,
    };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: limits.maxAliases });
  } catch (error) {
    return { error: yamlReason(error) };
  }
  const error = shapeError(data, limits.maxDepth);
  return error ? { error } : { data };
}

/**
 * Reads a file of entity documents the way the catalog does (the `yaml`
 * library, YAML 1.2 core schema so that dates stay strings, no merge keys),
 * each document on its own so that one bad document does not hide the
 * others, with limits on size, aliases and nesting, and every secret value
 * replaced before anything else sees the data. The catalog module's entity
 * parser and the `partners` command line both read files through this.
 *
 * @public
 */
export async function readEntityDocuments(
  content: Buffer | string,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): Promise<EntityFile> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  if (bytes.length > limits.maxFileBytes) {
    return {
      documents: [],
      error: `the file is ${bytes.length} bytes, more than the limit of ${limits.maxFileBytes}`,
    };
  }
  if (!isUtf8(bytes)) {
    return { documents: [], error: 'the file is not valid UTF-8 text' };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = bytes.subarray(0, nul).toString('utf8').split('\n').length;
    return {
      documents: [],
      error: `the file holds a NUL byte on line ${line}`,
    };
  }
  const lines = new LineCounter();
  const parsed = parseAllDocuments(bytes.toString('utf8'), {
    lineCounter: lines,
    merge: false,
  });
  const documents: EntityDocument[] = [];
  for (const document of parsed) {
    const start = document.contents?.range[0] ?? document.range[0];
    const line = lines.linePos(start).line;
    const { data, error } = toData(document, limits);
    if (error) {
      documents.push({ line, secrets: [], error });
    } else if (data !== null && data !== undefined) {
      const redacted = await redactSecrets(data);
      documents.push({
        line,
        data: redacted.document,
        secrets: redacted.findings,
      });
    }
  }
  return { documents };
}
