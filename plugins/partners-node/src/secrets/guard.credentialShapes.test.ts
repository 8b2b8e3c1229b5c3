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

import { findSecrets, redactSecrets } from './guard';
import { describeSecretFinding } from './describe';
import {
  CREDENTIAL_CASES,
  expectNoLeak,
  integration,
} from './__testUtils__/secretFixtures';

// The credential shapes that a plain-text scanner misses in structured files.

describe.each(CREDENTIAL_CASES)('$name', ({ identity, path, secret }) => {
  it('is found at its field, described without the value', async () => {
    const findings = await findSecrets(integration(identity));
    expect(findings.map(f => f.path)).toEqual([path]);
    const message = describeSecretFinding(findings[0]);
    expect(message).toContain(path);
    expectNoLeak(message, secret);
    expectNoLeak(findings[0].shape, secret);
  });

  it('is redacted out of the document', async () => {
    const doc = integration(identity);
    const { document, findings } = await redactSecrets(doc);
    expect(findings).toHaveLength(1);
    expectNoLeak(JSON.stringify(document), secret);
  });
});

describe('references to a secret store', () => {
  it.each([
    'vault:partners/acme/client',
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:partners/acme-AbCdEf',
    'projects/acme/secrets/orders-client/versions/3',
    'https://acme-kv.vault.azure.net/secrets/orders-client',
    'op://partners/acme/client',
  ])('%s is allowed in secretRef and under secret-named keys', async ref => {
    expect(
      await findSecrets(
        integration({ secretRef: ref, clientSecret: ref, tokens: [ref] }),
      ),
    ).toEqual([]);
  });

  it('a token behind a reference scheme is still a token', async () => {
    const token = ['gh', 'p_', 'R'.repeat(36)].join('');
    expect(
      await findSecrets(integration({ secretRef: `vault:${token}` })),
    ).toEqual([
      { path: 'spec.identities[0].secretRef', shape: 'a GitHub token' },
    ]);
  });
});

describe('plain text that is not a credential', () => {
  it.each([
    ['an account name in a URL', 'ssh://git@github.com/acme/orders.git'],
    ['a short URL user name', 'https://deploy@git.example.com/acme.git'],
    ['a URL with a port', 'https://docs.example.com:8443/a@b'],
    ['base64 of plain text', Buffer.from('x'.repeat(60)).toString('base64')],
    ['a JSON list of scopes', '["orders:read","orders:write"]'],
    ['a password policy', 'passwords rotate every 90 days'],
  ])('%s', async (_, value) => {
    expect(await findSecrets(integration({ notes: value }))).toEqual([]);
  });
});
