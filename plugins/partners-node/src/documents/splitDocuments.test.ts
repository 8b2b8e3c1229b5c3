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

import { splitDocuments } from './splitDocuments';

const lines = (text: string) =>
  splitDocuments(text).map(({ firstLine, line, version }) => ({
    firstLine,
    line,
    ...(version && { version }),
  }));

describe('splitDocuments', () => {
  it('splits at document markers and keeps each document whole', () => {
    const text = 'a: 1\n---\nb: 2\n--- {c: 3}\n---\n# only a comment\n';
    expect(splitDocuments(text).map(d => d.text)).toEqual([
      'a: 1\n',
      '---\nb: 2\n',
      '--- {c: 3}\n',
    ]);
    expect(lines(text)).toEqual([
      { firstLine: 1, line: 1 },
      { firstLine: 2, line: 3 },
      { firstLine: 4, line: 4 },
    ]);
  });

  it('gives a directive to the document after it, and ends it at ...', () => {
    const text = '%YAML 1.1\n---\na: 1\n...\n%YAML 1.2\n---\nb: 2\n...\nc: 3\n';
    expect(lines(text)).toEqual([
      { firstLine: 1, line: 3, version: '1.1' },
      { firstLine: 5, line: 7, version: '1.2' },
      { firstLine: 9, line: 9 },
    ]);
  });

  it('does not split at markers that are not at the start of a line', () => {
    const text = 'a: |\n  ---\n  text\nb: "--- x"\n----: 4\n';
    expect(splitDocuments(text).map(d => d.text)).toEqual([text]);
  });

  it('reads CRLF line ends', () => {
    expect(lines('a: 1\r\n---\r\nb: 2\r\n')).toEqual([
      { firstLine: 1, line: 1 },
      { firstLine: 2, line: 3 },
    ]);
  });

  it('gives nothing for an empty stream or comments only', () => {
    expect(splitDocuments('')).toEqual([]);
    expect(splitDocuments('# a\n---\n---\n\n')).toEqual([]);
  });
});
