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

import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogReading } from './__testUtils__/harness';
import { readDocuments } from './files';
import type { FileError } from './types';

/** What the command line reads in the same file. */
async function cliReading(text: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'partners-files-'));
  try {
    const file = path.join(dir, 'file.yaml');
    await fs.writeFile(file, text);
    const problems: FileError[] = [];
    const documents = await readDocuments([file], {
      error: problem => problems.push(problem),
    });
    const isMapping = (data: unknown) =>
      typeof data === 'object' && data !== null && !Array.isArray(data);
    return {
      entities: documents.map(d => d.data).filter(isMapping),
      // a document that is not a mapping is an error of the check
      errors:
        problems.length + documents.filter(d => !isMapping(d.data)).length,
      problems,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const ENTITY = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n';

describe('readDocuments reads a file as the catalog does', () => {
  it.each([
    ['one document', `${ENTITY}  name: a\n`],
    ['several documents', `---\n${ENTITY}  name: a\n---\n${ENTITY}  name: b\n`],
    [
      'a one-line document after the separator',
      `${ENTITY}  name: a\n--- {apiVersion: backstage.io/v1alpha1, kind: Group, metadata: {name: b}}\n`,
    ],
    [
      'dates, which stay strings',
      `${ENTITY}  name: a\n  created: 2026-03-01\n`,
    ],
    [
      'YAML 1.1 booleans, which stay strings',
      `${ENTITY}  name: a\n  on: yes\n`,
    ],
    [
      'a %YAML 1.1 directive',
      `%YAML 1.1\n---\n${ENTITY}  name: a\n  when: 2026-03-01\n`,
    ],
    ['anchors and aliases', `${ENTITY}  name: &n a\n  title: *n\n`],
    ['a merge key, kept as a key', `${ENTITY}  name: a\n  <<: {x: 1}\n`],
    [
      'a byte order mark and CRLF',
      `\ufeff${ENTITY}  name: a\n`.replace(/\n/g, '\r\n'),
    ],
    [
      'empty documents and comments',
      `# only a comment\n---\n---\n${ENTITY}  name: a\n`,
    ],
    ['a document that is not a mapping', `- a\n- b\n---\n${ENTITY}  name: a\n`],
    ['a scalar document', `just text\n---\n${ENTITY}  name: a\n`],
    [
      'a duplicated key',
      `${ENTITY}  name: a\n  name: b\n---\n${ENTITY}  name: c\n`,
    ],
    [
      'an unclosed flow sequence',
      `${ENTITY}  name: [a\n---\n${ENTITY}  name: c\n`,
    ],
    ['an unterminated quote', `${ENTITY}  name: "a\n---\n${ENTITY}  name: c\n`],
    [
      'an undefined alias',
      `${ENTITY}  name: a\n---\n${ENTITY}  name: *nowhere\n---\n${ENTITY}  name: c\n`,
    ],
    [
      'an alias bomb',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n${ENTITY}  name: after\n`,
    ],
  ])('%s', async (_name, text) => {
    const catalog = await catalogReading(text);
    const cli = await cliReading(text);
    expect(cli.entities).toEqual(catalog.entities);
    expect(cli.errors).toBe(catalog.errors);
  });

  it('names where a malformed document starts and where it breaks', async () => {
    const { problems } = await cliReading(
      `${ENTITY}  name: a\n---\n${ENTITY}  name: [b\n`,
    );
    expect(problems).toEqual([
      {
        file: expect.stringMatching(/file\.yaml$/),
        message: expect.stringMatching(
          /^Malformed YAML in the document starting at line 6: .+ \(line \d+, column \d+\)$/,
        ),
      },
    ]);
  });

  it('names an alias it cannot resolve without quoting it, and reads on', async () => {
    const { problems, entities } = await cliReading(
      `title: *secret-looking-name\n---\n${ENTITY}  name: c\n`,
    );
    expect(problems).toEqual([
      {
        file: expect.any(String),
        message:
          'Malformed YAML in the document starting at line 1: unidentified alias "…" (line 1, column 28)',
      },
    ]);
    expect(entities).toHaveLength(1);
  });
});
