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
export const join = (...parts: string[]) => parts.join('');
const BEGIN = '-----' + 'BEGIN';
const END = '-----' + 'END';
export const pem = (label: string) =>
  `${BEGIN} ${label}-----\n${'MIIEvQ'.repeat(10)}\n${END} ${label}-----\n`;

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

/** A plain value that no shape matches, so only the key can give it away. */
export const PLAIN = 'correct-' + 'horse-' + 'battery-' + 'staple';

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

/**
 * One credential of each shape a scanner of plain text misses or a partner
 * file is likely to carry, as identity fields: `path` is where the finding
 * is reported, `secret` what must never be echoed.
 */
export interface CredentialCase {
  name: string;
  identity: Record<string, unknown>;
  path: string;
  secret: string;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const at = (field: string) => `spec.identities[0].${field}`;
/** A credential in free text; `secret` defaults to the whole credential. */
const inNotes = (
  name: string,
  credential: string,
  secret = credential,
): CredentialCase => ({
  name,
  identity: { notes: `Rotated by the partner: ${credential}` },
  path: at('notes'),
  secret,
});

const AZURE_KEY = b64('k'.repeat(40) + 'Z'.repeat(24));
const SERVICE_ACCOUNT = b64(
  JSON.stringify({
    type: 'service_account',
    project_id: 'acme-orders',
    private_key_id: '3f1c'.repeat(10),
    private_key: pem('PRIV' + 'ATE KEY'),
    client_email: 'orders@acme-orders.iam.gserviceaccount.com',
  }),
);

export const CREDENTIAL_CASES: CredentialCase[] = [
  {
    name: 'a list under a secret-named key',
    identity: { apiKeys: [PLAIN, `second-${PLAIN}`] },
    path: at('apiKeys'),
    secret: PLAIN,
  },
  {
    name: 'a map under a secret-named key',
    identity: { credentials: { user: 'svc-acme', pass: PLAIN } },
    path: at('credentials'),
    secret: PLAIN,
  },
  {
    name: 'a raw value in secretRef',
    identity: { secretRef: PLAIN },
    path: at('secretRef'),
    secret: PLAIN,
  },
  inNotes(
    'an Azure Storage connection string',
    join(
      'DefaultEndpointsProtocol=https;AccountName=acmeorders;Account',
      'Key=',
      AZURE_KEY,
      ';EndpointSuffix=core.windows.net',
    ),
  ),
  inNotes(
    'an Azure Service Bus connection string',
    join(
      'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;',
      'SharedAccess',
      'Key=',
      AZURE_KEY.slice(0, 44),
    ),
  ),
  inNotes(
    'a shared access signature',
    join(
      'https://acmeorders.blob.core.windows.net/exports?sv=2022-11-02&sp=r',
      '&se=2027-01-01T00:00:00Z&si',
      'g=',
      'Qm9va2tlZXBpbmdTaWduYXR1cmVWYWx1ZQ',
      '%3D',
    ),
  ),
  inNotes(
    'a password-only Redis URL',
    join(
      'redis',
      '://:',
      'hunter2-' + 'orders-cache',
      '@cache.internal:6379/0',
    ),
  ),
  inNotes(
    'a token as a URL user name',
    join('https://', 'a1b2c3d4'.repeat(5), '@git.example.com/acme/orders.git'),
    'a1b2c3d4'.repeat(5),
  ),
  inNotes(
    'an OpenAI API key',
    join(
      'sk-',
      'proj-',
      'Ab3dEf6hIj9kLm2n'.repeat(3),
      'T3Blbk',
      'FJ',
      'q'.repeat(20),
    ),
  ),
  inNotes('an npm token', join('np', 'm_', 'aB3dE6gH9j'.repeat(3), 'kL2mN5')),
  inNotes(
    'a Google OAuth access token',
    join('ya', '29.', 'a0AfH6SM', 'Bx7Yq2Lp'.repeat(7)),
  ),
  inNotes(
    'a Google OAuth refresh token',
    join('1//', '0g', 'Lp8Rx2Tz'.repeat(6)),
  ),
  inNotes(
    'a Slack app token',
    join('xa', 'pp-1-', 'A0123456789-1234567890123-', '9f8e7d6c'.repeat(8)),
  ),
  inNotes(
    'a HashiCorp Vault token',
    join('hv', 's.', 'CAESIJ', 'x7Kq2Lp9Rz'.repeat(9)),
  ),
  inNotes(
    'a SendGrid API key',
    join(
      'S',
      'G.',
      'aB3dE6gH9jkL2mN5pQ8rS1',
      '.',
      'tU4vW7xY0z'.repeat(4),
      'AbC',
    ),
  ),
  inNotes(
    'an OpenSSH private key without its header',
    join(
      'b3BlbnNzaC1r',
      'ZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
    ),
  ),
  inNotes(
    'an SSH2 private key',
    join(
      '---- BEGIN SSH2 ENCRYPTED PRIV',
      'ATE KEY ----\nComment: "rsa-key-20260101"\n',
      'P2/5',
      '6wAAA'.repeat(12),
      '\n---- END SSH2 ENCRYPTED PRIV',
      'ATE KEY ----',
    ),
  ),
  inNotes(
    'a PuTTY private key',
    join(
      'PuTTY-User-',
      'Key-File-3: ssh-ed25519\nEncryption: none\nComment: acme\n',
      'Private-Lines: 1\n',
      'AAAAIHm0yJp'.repeat(4),
    ),
  ),
  inNotes('a base64-encoded service-account key', SERVICE_ACCOUNT),
  inNotes(
    'a JDBC password',
    join(
      'jdbc:sqlserver://db.internal:1433;databaseName=orders;user=orders;pass',
      'word=',
      'Tr0ub4dor-orders',
    ),
  ),
  inNotes(
    'credentials in a JSON string',
    join('{"client_id":"acme","client_', 'secret":"', PLAIN, '"}'),
    PLAIN,
  ),
  {
    name: 'a key that is itself a token',
    identity: { labels: { [join('gh', 'p_', 'K'.repeat(36))]: 'ci' } },
    path: at('labels'),
    secret: join('gh', 'p_', 'K'.repeat(36)),
  },
  inNotes(
    'a token after a secretlint-disable comment',
    join(
      '// secretlint-',
      'disable\n',
      'np',
      'm_',
      'zY9xW8vU7t'.repeat(3),
      'sR6qP5',
    ),
  ),
];
