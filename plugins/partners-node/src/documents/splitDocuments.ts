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

/** One document of a YAML stream, as text, with the line its content starts on. */
export interface DocumentText {
  /** The document's text: its directives, its `---` marker and its content. */
  text: string;
  /** 1-based line of the stream where the document's text starts. */
  firstLine: number;
  /** 1-based line where the document's content starts. */
  line: number;
  /** The version of a `%YAML` directive, when the document has one. */
  version?: string;
}

/**
 * Blanks up to a comment or the end of the line (what `trimStart` drops:
 * `\s` is the same set of characters), read from `lastIndex`.
 */
const BLANK = /[^\S\n]*(?:#|\n|$)/y;

/** Whether the line from `at` is only blanks or a comment. */
function isBlankAt(stream: string, at: number): boolean {
  BLANK.lastIndex = at;
  return BLANK.test(stream);
}

/**
 * `---` or `...` at `at`, the start of a line that ends at `end`, followed
 * by a blank or the end of the line.
 */
function markerAt(
  stream: string,
  at: number,
  end: number,
): '---' | '...' | undefined {
  let marker: '---' | '...';
  if (stream.startsWith('---', at)) {
    marker = '---';
  } else if (stream.startsWith('...', at)) {
    marker = '...';
  } else {
    return undefined;
  }
  const next = at + 3 < end ? stream.charAt(at + 3) : '';
  return next === '' || next === ' ' || next === '\t' || next === '\r'
    ? marker
    : undefined;
}

/**
 * Splits a YAML stream into its documents without parsing them, so that each
 * is parsed on its own and one broken document does not hide the others.
 * YAML forbids a document marker at the start of a line inside any scalar,
 * so the split needs no parse. Directives belong to the document after them.
 * Lines are read in place: a large file costs no string per line.
 */
export function splitDocuments(stream: string): DocumentText[] {
  const documents: DocumentText[] = [];
  let start = 0;
  let firstLine = 1;
  let contentLine: number | undefined;
  let version: string | undefined;
  let inPrologue = true;
  const close = (end: number) => {
    if (contentLine !== undefined) {
      documents.push({
        text: stream.slice(start, end),
        firstLine,
        line: contentLine,
        ...(version !== undefined && { version }),
      });
    }
  };
  let lineNumber = 1;
  for (let at = 0; at < stream.length; lineNumber++) {
    const newline = stream.indexOf('\n', at);
    const lineEnd = newline === -1 ? stream.length : newline;
    const end = newline === -1 ? stream.length : newline + 1;
    const marker = markerAt(stream, at, lineEnd);
    if (marker === '---') {
      if (!inPrologue) {
        close(at);
        start = at;
        firstLine = lineNumber;
        contentLine = undefined;
        version = undefined;
      }
      inPrologue = false;
      if (!isBlankAt(stream, at + 3)) {
        contentLine = lineNumber;
      }
    } else if (marker === '...') {
      close(end);
      start = end;
      firstLine = lineNumber + 1;
      contentLine = undefined;
      version = undefined;
      inPrologue = true;
    } else if (inPrologue && stream.startsWith('%', at)) {
      const directive = /^%YAML[ \t]+(\S+)/.exec(stream.slice(at, lineEnd));
      if (directive) {
        version = directive[1];
      }
    } else if (!isBlankAt(stream, at)) {
      inPrologue = false;
      contentLine ??= lineNumber;
    }
    at = end;
  }
  close(stream.length);
  return documents;
}
