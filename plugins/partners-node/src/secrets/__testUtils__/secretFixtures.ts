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

// Fixtures shared by the secrets tests: every shape of secret value with the
// name it is reported under, the secret-looking key names, and a document to
// put them in.

// Every secret-looking value is assembled at runtime, so that this file does
// not itself look like it holds credentials.
import { join, pem, PLAIN } from '../../testUtils/credentialCases';

export { join, pem, PLAIN };
export { CREDENTIAL_CASES } from '../../testUtils/credentialCases';

export const SHAPES: Array<[string, string, string]> = [
  ['a PEM private key', pem('PRIV' + 'ATE KEY'), 'a private key block'],
  ['an RSA private key', pem('RSA PRIV' + 'ATE KEY'), 'a private key block'],
  [
    'an OPENSSH private key',
    pem('OPENSSH PRIV' + 'ATE KEY'),
    'a private key block',
  ],
  [
    'an ENCRYPTED private key',
    pem('ENCRYPTED PRIV' + 'ATE KEY'),
    'a private key block',
  ],
  ['an EC private key', pem('EC PRIV' + 'ATE KEY'), 'a private key block'],
  [
    'an AWS AKIA access key',
    'AK' + 'IA' + 'Q3EGRBVEXAMPLE7Z',
    'an AWS access key',
  ],
  [
    'an AWS ASIA access key',
    'AS' + 'IA' + 'Z7LMNOPQRSTUV234',
    'an AWS access key',
  ],
  [
    'a Google API key',
    join('AI', 'za', 'Sy', 'D'.repeat(20), '-_', 'x9'.repeat(5), 'q'),
    'a Google API key',
  ],
  [
    'a Google API key ending in -',
    join('AI', 'za', 'Sy', 'D'.repeat(20), '_', 'x9'.repeat(5), 'z-'),
    'a Google API key',
  ],
  ['a GitHub ghp_ token', join('gh', 'p_', 'a'.repeat(36)), 'a GitHub token'],
  ['a GitHub gho_ token', join('gh', 'o_', 'Bc1'.repeat(12)), 'a GitHub token'],
  [
    'a GitHub fine-grained token',
    join('github', '_pat_', '11ABCDEFG0'.repeat(2), '_', 'z'.repeat(40)),
    'a GitHub token',
  ],
  ['a GitLab token', join('gl', 'pat-', 'Xy9_'.repeat(5)), 'a GitLab token'],
  [
    'a Slack bot token',
    'xo' + 'xb-' + '1234567890' + '-' + 'abcdefghij',
    'a Slack token',
  ],
  [
    'a Slack webhook URL',
    join(
      'https://hooks.',
      'slack.com/services/',
      'T0AB12CD3',
      '/',
      'B0EF45GH6',
      '/',
      'q'.repeat(24),
    ),
    'a Slack webhook URL',
  ],
  [
    'a JSON Web Token',
    join(
      'ey',
      'J',
      'hbGciOiJIUzI1NiJ9',
      '.',
      'ey',
      'J',
      'zdWIiOiJwYXJ0bmVyIn0',
      '.',
      'Sfl'.repeat(8),
    ),
    'a JSON Web Token',
  ],
  [
    'a Stripe live key',
    'sk' + '_live_' + '4eC39HqLyjWDarjtT1zdp7dc',
    'a Stripe secret key',
  ],
  [
    'credentials in a URL',
    'https://' +
      'deploy-bot' +
      ':' +
      'Tr0ub4dor' +
      '&3x' +
      '@git.example.com/acme/orders.git',
    'credentials embedded in a URL',
  ],
  [
    'credentials in a database URL',
    'postgres' +
      'ql://' +
      'orders' +
      ':' +
      'pa55' +
      'w0rd' +
      '@db.internal:5432/orders',
    'credentials embedded in a URL',
  ],
];

export const KEYS = [
  'password',
  'secret',
  'token',
  'apiKey',
  'api_key',
  'clientSecret',
  'client-secret',
  'privateKey',
  'Password',
  'db.password',
  'accessKey',
  'passphrase',
];

export function integration(identity: Record<string, unknown>) {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: {
      name: 'acme-orders',
      annotations: { 'example.com/team': 'orders' },
    },
    spec: {
      partner: 'acme',
      type: 'api',
      owner: 'group:team-orders',
      identities: [
        {
          name: 'acme-orders-client',
          type: 'oauth-client',
          secretRef: 'vault:partners/acme/client',
          ...identity,
        },
      ],
    },
  };
}

/** Asserts that a message leaks neither the value nor any 12 characters of it. */
export function expectNoLeak(message: string, value: string) {
  expect(message).not.toContain(value);
  const compact = value.replace(/\s+/g, '');
  for (let i = 0; i + 12 <= compact.length; i++) {
    const part = compact.slice(i, i + 12);
    if (message.includes(part)) {
      throw new Error(`message leaks "${part.slice(0, 3)}…" at offset ${i}`);
    }
  }
}
