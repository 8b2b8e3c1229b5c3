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

import fs from 'fs';
import path from 'path';
import { readEntityDocuments } from '../documents/readEntityDocuments';
import { findSecrets, redactSecrets, redactSecretsOfAll } from './guard';
import {
  CREDENTIAL_CASES,
  PLAIN,
  SHAPES,
  integration,
  join,
} from './__testUtils__/secretFixtures';

// Walking whole documents: the order of findings, the top-level forms, and
// the values that are left alone.

describe('findSecrets', () => {
  it('reports every secret in a document, in document order', async () => {
    const github = join('gh', 'p_', 'b'.repeat(40));
    const doc = {
      metadata: { name: 'x', description: github },
      spec: { identities: [{ password: PLAIN }, { clientSecret: PLAIN }] },
    };
    expect((await findSecrets(doc)).map(f => f.path)).toEqual([
      'metadata.description',
      'spec.identities[0].password',
      'spec.identities[1].clientSecret',
    ]);
  });

  it('finds secrets in a top-level array and a bare string', async () => {
    expect(await findSecrets([{ password: PLAIN }])).toEqual([
      { path: '[0].password', shape: 'a value under the key "password"' },
    ]);
    expect(await findSecrets(join('gh', 'p_', 'c'.repeat(36)))).toEqual([
      { path: '', shape: 'a GitHub token' },
    ]);
  });

  describe('allows', () => {
    it.each<[string, Record<string, unknown>]>([
      ['a vault secretRef', { secretRef: 'vault:partners/acme/client' }],
      [
        'an ARN secretRef',
        {
          secretRef:
            'arn:aws:secretsmanager:eu-west-1:123456789012:secret:partners/acme/client-AbCdEf',
        },
      ],
      ['type: token', { type: 'token' }],
      ['a tokenUrl', { tokenUrl: 'https://auth.example.com/oauth2/token' }],
      ['a secretRefs list', { secretRefs: ['vault:a', 'vault:b'] }],
      ['an empty password', { password: '' }],
      ['a blank token', { token: '   ' }],
      ['a null secret', { secret: null }],
      ['boolean values', { secret: true, token: false, privileged: true }],
      ['a tokenType', { tokenType: 'bearer' }],
      [
        'a URL without credentials',
        { docs: 'https://docs.example.com:8443/a@b' },
      ],
      ['scopes', { scopes: ['tokens:read', 'secrets:list'] }],
    ])('%s', async (_, identity) => {
      const doc = integration(identity);
      expect(await findSecrets(doc)).toEqual([]);
      const result = await redactSecrets(doc);
      expect(result.findings).toEqual([]);
      expect(result.document).toBe(doc);
    });

    it('a nested object under a secret-named key, when nothing inside is a secret', async () => {
      expect(
        await findSecrets({ secret: { ref: 'vault:x', rotate: true } }),
      ).toEqual([]);
    });

    it('every file of the example estate', async () => {
      const examples = path.resolve(__dirname, '../../../../examples');
      const files = [
        ...fs.readdirSync(examples).map(f => path.join(examples, f)),
        ...fs
          .readdirSync(path.join(examples, 'partners'))
          .map(f => path.join(examples, 'partners', f)),
      ].filter(f => f.endsWith('.yaml'));
      expect(files.length).toBeGreaterThan(10);
      for (const file of files) {
        const read = await readEntityDocuments(fs.readFileSync(file));
        expect([
          file,
          read.error,
          read.documents.flatMap(d => d.secrets),
        ]).toEqual([file, undefined, []]);
        expect(read.documents.filter(d => d.error)).toEqual([]);
        expect(read.documents.length).toBeGreaterThan(0);
      }
    });
  });
});

describe('redactSecretsOfAll', () => {
  it('finds in documents read together what it finds in each alone', async () => {
    const encoded = Buffer.from(SHAPES[0][1]).toString('base64');
    const documents = [
      integration({ notes: 'nothing to see' }),
      ...CREDENTIAL_CASES.map(({ identity }) => integration(identity)),
      ...SHAPES.map(([, value]) => ({ notes: value, again: value })),
      // A value holding two credentials, one of them encoded.
      { notes: `${encoded} ${SHAPES[5][1]}`, [SHAPES[9][1]]: PLAIN },
      [SHAPES[1][1], { password: PLAIN }, 'plain text'],
      integration({ notes: 'nothing here either' }),
    ];
    const together = await redactSecretsOfAll(documents);
    const alone = await Promise.all(documents.map(d => redactSecrets(d)));
    expect(together).toEqual(alone);
    expect(together[0].document).toBe(documents[0]);
    expect(together[together.length - 1].document).toBe(
      documents[documents.length - 1],
    );
    expect(together.filter(r => r.findings.length === 0)).toHaveLength(2);
  });
});
