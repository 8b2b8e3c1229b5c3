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
import { CORE_SCHEMA, YAMLException, load } from 'js-yaml';
import { redactSecretsOfAll, type SecretFinding } from '../secrets/guard';
import { splitDocuments, type DocumentText } from './splitDocuments';

/**
 * Limits on what one file may hold. A file over them gets an error naming
 * the limit instead of costing the reader (and every catalog refresh) time.
 *
 * @public
 */
export interface DocumentLimits {
  /** The largest file, in bytes. */
  maxFileBytes: number;
  /** The most times one document may repeat a map or list through aliases. */
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
  /** 1-based line where the document's content starts. */
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
 * The reason of a YAML error without what it quotes of the source: alias
 * and anchor names, tags and keys are blanked (they may be secrets), and the
 * excerpt of the source the library prints under it is left out.
 */
function yamlReason(error: YAMLException, document: DocumentText): string {
  const reason = (error.reason || 'cannot be parsed')
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/!<[^>!]*>/g, '!<…>')
    .replace(/![^\s,]*/g, '!…');
  const mark = error.mark;
  return mark
    ? `${reason} (line ${document.firstLine + mark.line}, column ${
        mark.column + 1
      })`
    : reason;
}

/**
 * Why a document's data is too deep, repeats maps or lists through aliases
 * more than the limit, refers to itself, or expands through aliases to more
 * text than its file holds, if it does. js-yaml resolves an alias to the
 * very object of its anchor, so an alias bomb costs nothing to parse and
 * everything to walk: this walk counts before anything else walks it. Only
 * a document with an anchor (`&`) can hold an alias, so only such a document
 * is checked for repeated maps and lists.
 */
function shapeError(
  value: unknown,
  limits: DocumentLimits,
  maxLength: number,
  mayRepeat: boolean,
): string | undefined {
  const ancestors = new Set<object>();
  const seen = new Set<object>();
  let aliases = 0;
  let length = 0;
  const visit = (node: unknown, depth: number): string | undefined => {
    if (typeof node === 'string') {
      length += node.length;
      return length > maxLength
        ? `the document expands through aliases to more than the ${maxLength} characters of its file`
        : undefined;
    }
    if (node === null || typeof node !== 'object') {
      return undefined;
    }
    if (mayRepeat) {
      if (ancestors.has(node)) {
        return 'an alias refers to the node that holds it';
      }
      if (seen.has(node) && ++aliases > limits.maxAliases) {
        return `the document repeats maps or lists through more than ${limits.maxAliases} aliases`;
      }
    }
    if (depth > limits.maxDepth) {
      return `maps and lists are nested deeper than ${limits.maxDepth} levels`;
    }
    if (mayRepeat) {
      seen.add(node);
      ancestors.add(node);
    }
    // A list's indices count as its keys.
    for (const key of Object.keys(node)) {
      length += key.length;
      const error = visit((node as Record<string, unknown>)[key], depth + 1);
      if (error) {
        return error;
      }
    }
    if (mayRepeat) {
      ancestors.delete(node);
    }
    return undefined;
  };
  return visit(value, 0);
}

function toData(
  document: DocumentText,
  limits: DocumentLimits,
  maxLength: number,
): { data?: unknown; error?: string } {
  if (document.version !== undefined && document.version !== '1.2') {
    return {
      error: `declares %YAML ${document.version}; entity files are read as YAML 1.2 only`,
    };
  }
  let data: unknown;
  try {
    data = load(document.text, { schema: CORE_SCHEMA });
  } catch (error) {
    if (error instanceof YAMLException) {
      return { error: yamlReason(error, document) };
    }
    throw error;
  }
  const error = shapeError(
    data,
    limits,
    maxLength,
    document.text.includes('&'),
  );
  return error ? { error } : { data };
}

/** A file parsed, its documents not yet scanned for secrets. */
interface ParsedFile {
  error?: string;
  documents: Array<{ line: number; data?: unknown; error?: string }>;
}

function parseFile(
  content: Buffer | string,
  limits: DocumentLimits,
): ParsedFile {
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
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
  }
  return {
    documents: splitDocuments(text).flatMap(document => {
      const { data, error } = toData(document, limits, text.length);
      if (!error && (data === null || data === undefined)) {
        return [];
      }
      return [{ line: document.line, ...(error ? { error } : { data }) }];
    }),
  };
}

/**
 * Reads files of entity documents: YAML 1.2 with the core schema (js-yaml's
 * `CORE_SCHEMA`, so dates and `yes` stay strings, no merge keys), each
 * document on its own so that one bad document does not hide the others,
 * with limits on size, aliases and nesting, and every secret value replaced
 * before anything else sees the data. The catalog module's entity parser and
 * the `partners` command line both read files through this; reading many
 * files in one call scans them for secrets together, which is much faster.
 *
 * @public
 */
export async function readEntityFiles(
  contents: ReadonlyArray<Buffer | string>,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): Promise<EntityFile[]> {
  const parsed = contents.map(content => parseFile(content, limits));
  const readable = parsed.flatMap(file =>
    file.documents.filter(document => !document.error),
  );
  const redacted = await redactSecretsOfAll(readable.map(d => d.data));
  const result = new Map(
    readable.map((document, index) => [document, redacted[index]]),
  );
  return parsed.map(file => ({
    ...(file.error !== undefined && { error: file.error }),
    documents: file.documents.map(document => {
      const clean = result.get(document);
      return clean
        ? { line: document.line, data: clean.document, secrets: clean.findings }
        : { line: document.line, secrets: [], error: document.error };
    }),
  }));
}

/**
 * Reads one file of entity documents: see {@link readEntityFiles}.
 *
 * @public
 */
export async function readEntityDocuments(
  content: Buffer | string,
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): Promise<EntityFile> {
  const [file] = await readEntityFiles([content], limits);
  return file;
}
