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

import fc from 'fast-check';
import {
  DEFAULT_DOCUMENT_LIMITS,
  readEntityDocuments,
} from './readEntityDocuments';

const ENTITY = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n';
const AFTER = `---\n${ENTITY}  name: after\n`;
const TOKEN = ['gh', 'p_', 'Q'.repeat(36)].join('');

/** The documents read, as line → name or error. */
async function read(text: string | Buffer) {
  const file = await readEntityDocuments(text);
  return {
    error: file.error,
    documents: file.documents.map(d =>
      d.error
        ? { line: d.line, error: d.error }
        : { line: d.line, name: (d.data as any)?.metadata?.name },
    ),
  };
}

describe('readEntityDocuments', () => {
  it('reads every document with the line it starts on', async () => {
    await expect(
      read(`${ENTITY}  name: a\n---\n${ENTITY}  name: b\n`),
    ).resolves.toEqual({
      documents: [
        { line: 1, name: 'a' },
        { line: 6, name: 'b' },
      ],
    });
  });

  it('reads a one-line document after the separator', async () => {
    await expect(
      read(`${ENTITY}  name: a\n--- {kind: Group, metadata: {name: b}}\n`),
    ).resolves.toEqual({
      documents: [
        { line: 1, name: 'a' },
        { line: 5, name: 'b' },
      ],
    });
  });

  it('keeps dates and YAML 1.1 booleans as strings', async () => {
    const file = await readEntityDocuments(
      `${ENTITY}  name: a\n  when: 2026-03-01\n  on: yes\n`,
    );
    expect((file.documents[0].data as any).metadata).toEqual({
      name: 'a',
      when: '2026-03-01',
      on: 'yes',
    });
  });

  describe('hostile input gets a clear error and the rest is read', () => {
    it.each([
      [
        'an alias bomb',
        `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
        /^the document expands through aliases to more than the \d+ characters of its file$/,
      ],
      [
        'a map repeated through more aliases than the limit',
        `a: &a {k: v}\nb: [${Array(DEFAULT_DOCUMENT_LIMITS.maxAliases + 1)
          .fill('*a')
          .join(', ')}]\n`,
        /^the document repeats maps or lists through more than 50 aliases$/,
      ],
      [
        'an alias that refers to the list holding it',
        'a: &a [ *a ]\n',
        /^an alias refers to the node that holds it$/,
      ],
      [
        'an alias that refers to the map holding it',
        'a: &x\n  b: *x\n',
        /^an alias refers to the node that holds it$/,
      ],
      [
        'nesting deeper than the limit',
        `${'['.repeat(DEFAULT_DOCUMENT_LIMITS.maxDepth + 2)}${']'.repeat(
          DEFAULT_DOCUMENT_LIMITS.maxDepth + 2,
        )}\n`,
        /^maps and lists are nested deeper than 64 levels$/,
      ],
      [
        'an alias it cannot resolve, named like a secret',
        `title: *${TOKEN}\n`,
        /^unidentified alias "…" \(line 1, column \d+\)$/,
      ],
    ])('%s', async (_, text, error) => {
      const { documents } = await read(`${text}${AFTER}`);
      expect(documents).toEqual([
        { line: expect.any(Number), error: expect.stringMatching(error) },
        { line: expect.any(Number), name: 'after' },
      ]);
      expect(JSON.stringify(documents)).not.toContain(TOKEN);
    });

    it('a %YAML 1.1 directive, for the document it precedes', async () => {
      const { documents } = await read(
        `%YAML 1.1\n---\n${ENTITY}  name: a\n  when: 2026-03-01\n${AFTER}`,
      );
      expect(documents).toEqual([
        {
          line: 3,
          error: 'declares %YAML 1.1; entity files are read as YAML 1.2 only',
        },
        { line: 9, name: 'after' },
      ]);
    });

    it('a %YAML 1.2 directive is read', async () => {
      await expect(
        read(`%YAML 1.2\n---\n${ENTITY}  name: a\n`),
      ).resolves.toEqual({ documents: [{ line: 3, name: 'a' }] });
    });

    it('nesting at the limit is read', async () => {
      const depth = DEFAULT_DOCUMENT_LIMITS.maxDepth;
      const { documents } = await read(
        `${'['.repeat(depth)}${']'.repeat(depth)}\n`,
      );
      expect(documents).toEqual([{ line: 1, name: undefined }]);
    });

    it('a file over the size limit', async () => {
      const text = `${ENTITY}  name: a\n  description: ${'x'.repeat(
        DEFAULT_DOCUMENT_LIMITS.maxFileBytes,
      )}\n`;
      await expect(read(text)).resolves.toEqual({
        documents: [],
        error: `the file is ${Buffer.byteLength(
          text,
        )} bytes, more than the limit of ${
          DEFAULT_DOCUMENT_LIMITS.maxFileBytes
        }`,
      });
    });

    it('a file at the size limit is read', async () => {
      const head = `${ENTITY}  name: a\n  description: `;
      const text = `${head}${'x'.repeat(
        DEFAULT_DOCUMENT_LIMITS.maxFileBytes - head.length - 1,
      )}\n`;
      expect(Buffer.byteLength(text)).toBe(
        DEFAULT_DOCUMENT_LIMITS.maxFileBytes,
      );
      await expect(read(text)).resolves.toEqual({
        documents: [{ line: 1, name: 'a' }],
      });
    });

    it('a NUL byte, named by its line', async () => {
      await expect(read(`${ENTITY}  name: a\u0000b\n`)).resolves.toEqual({
        documents: [],
        error: 'the file holds a NUL byte on line 4',
      });
    });

    it('bytes that are not UTF-8', async () => {
      await expect(
        read(Buffer.from([...Buffer.from(ENTITY), 0x20, 0x20, 0xe9, 0x0a])),
      ).resolves.toEqual({
        documents: [],
        error: 'the file is not valid UTF-8 text',
      });
    });

    it('a broken line is located without being quoted', async () => {
      const { documents } = await read(
        `${ENTITY}  name: a\n  token: ${TOKEN}: oops\n${AFTER}`,
      );
      expect(documents).toEqual([
        {
          line: 1,
          error: 'bad indentation of a mapping entry (line 5, column 50)',
        },
        { line: 7, name: 'after' },
      ]);
    });
  });

  it('replaces secret values and says where they were', async () => {
    const file = await readEntityDocuments(
      `${ENTITY}  name: a\n  description: ${TOKEN}\n`,
    );
    expect(file.documents).toEqual([
      {
        line: 1,
        data: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'a', description: '<redacted>' },
        },
        secrets: [{ path: 'metadata.description', shape: 'a GitHub token' }],
      },
    ]);
  });

  it('never throws and never echoes a token, whatever the text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('', '&a ', '*a ', '--- ', '%YAML 1.1\n', '{', '['),
        async (noise, prefix) => {
          const file = await readEntityDocuments(
            `${prefix}${noise}\ntoken: ${TOKEN}\n${prefix}${noise}`,
          );
          expect(JSON.stringify(file)).not.toContain(TOKEN);
        },
      ),
      { numRuns: 300 },
    );
  });
});
