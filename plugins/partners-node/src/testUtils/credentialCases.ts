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

// Credentials of every shape the guard must catch, for the tests of every
// part that reads partner files: the guard itself, the command line and the
// catalog module. Every value is assembled at runtime, so that no file of
// the project looks like it holds credentials.

/** Joins parts of a value, so that the source never holds it whole. */
export const join = (...parts: string[]) => parts.join('');
const BEGIN = '-----' + 'BEGIN';
const END = '-----' + 'END';
/** A PEM block with the given label. */
export const pem = (label: string) =>
  `${BEGIN} ${label}-----\n${'MIIEvQ'.repeat(10)}\n${END} ${label}-----\n`;

/** A plain value that no shape matches, so only its key can give it away. */
export const PLAIN = 'correct-' + 'horse-' + 'battery-' + 'staple';

/**
 * One credential of a shape a scanner of plain text misses or a partner file
 * is likely to carry.
 *
 * @public
 */
export interface CredentialCase {
  /** What the case is, for test names. */
  name: string;
  /** Fields to spread into an identity of a PartnerIntegration. */
  identity: Record<string, unknown>;
  /** Where the guard reports it, e.g. `spec.identities[0].notes`. */
  path: string;
  /** What no output may ever hold. */
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

/**
 * Credentials of every shape the secret guard catches, one per case, as
 * identity fields.
 *
 * @public
 */
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
