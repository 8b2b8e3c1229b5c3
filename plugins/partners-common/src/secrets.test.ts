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
import { parseAllDocuments } from 'yaml';
import {
  REDACTED_SECRET_VALUE,
  describeSecretFinding,
  findSecretValues,
  redactSecretValues,
  type SecretFinding,
} from './secrets';

// Every secret-looking value is assembled at runtime, so that this file does
// not itself look like it holds credentials.
const join = (...parts: string[]) => parts.join('');
const BEGIN = '-----' + 'BEGIN';
const END = '-----' + 'END';
const pem = (label: string) =>
  `${BEGIN} ${label}-----\n${'MIIEvQ'.repeat(10)}\n${END} ${label}-----\n`;

const SHAPES: Array<[string, string, string]> = [
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

const KEYS = [
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
const PLAIN = 'correct-' + 'horse-' + 'battery-' + 'staple';

function integration(identity: Record<string, unknown>) {
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
function expectNoLeak(message: string, value: string) {
  expect(message).not.toContain(value);
  const compact = value.replace(/\s+/g, '');
  for (let i = 0; i + 12 <= compact.length; i++) {
    const part = compact.slice(i, i + 12);
    if (message.includes(part)) {
      throw new Error(`message leaks "${part.slice(0, 3)}…" at offset ${i}`);
    }
  }
}

describe('findSecretValues', () => {
  describe.each(SHAPES)('%s', (_, value, shape) => {
    it('is found under any key, with the exact path', () => {
      const doc = integration({ secretRef: value });
      const findings = findSecretValues(doc);
      expect(findings).toEqual([
        { path: 'spec.identities[0].secretRef', shape },
      ]);
    });

    it('is found in descriptions, quoted keys and arrays', () => {
      const doc = integration({});
      (doc.metadata as any).description = `Use ${value} for now`;
      doc.metadata.annotations['example.com/team'] = value;
      (doc.spec as any).accesses = ['api:orders', value];
      expect(findSecretValues(doc)).toEqual([
        { path: 'metadata.annotations["example.com/team"]', shape },
        { path: 'metadata.description', shape },
        { path: 'spec.accesses[1]', shape },
      ]);
    });

    it('is described without the value', () => {
      const findings = findSecretValues(integration({ secretRef: value }));
      expect(findings).toHaveLength(1);
      const message = describeSecretFinding(findings[0]);
      expect(message).toContain('spec.identities[0].secretRef');
      expect(message).toContain(shape);
      expectNoLeak(message, value);
    });

    it('is redacted', () => {
      const doc = integration({ secretRef: value });
      const before = JSON.parse(JSON.stringify(doc));
      const { document, findings } = redactSecretValues(doc);
      expect(findings).toHaveLength(1);
      expect(document.spec.identities[0].secretRef).toBe(REDACTED_SECRET_VALUE);
      expect(JSON.stringify(document)).not.toContain(value.trim().slice(0, 20));
      expect(doc).toEqual(before);
    });
  });

  describe.each(KEYS)('a value under the key %s', key => {
    it('is found with the exact path and described without the value', () => {
      const findings = findSecretValues(integration({ [key]: PLAIN }));
      const expectedPath = /^[A-Za-z_$][\w$]*$/.test(key)
        ? `spec.identities[0].${key}`
        : `spec.identities[0]["${key}"]`;
      expect(findings).toEqual([
        { path: expectedPath, shape: `a value under the key "${key}"` },
      ]);
      const message = describeSecretFinding(findings[0]);
      expect(message).toContain(expectedPath);
      expectNoLeak(message, PLAIN);
    });

    it('is found when the value is a number', () => {
      expect(findSecretValues({ [key]: 12345678 })).toEqual([
        {
          path: key.match(/^[A-Za-z_$][\w$]*$/) ? key : `"${key}"`,
          shape: `a value under the key "${key}"`,
        },
      ]);
    });
  });

  it('reports the path the brief names: spec.identities[0].token', () => {
    expect(findSecretValues(integration({ token: PLAIN }))).toEqual([
      {
        path: 'spec.identities[0].token',
        shape: 'a value under the key "token"',
      },
    ]);
  });

  it('reports every secret in a document, in document order', () => {
    const github = join('gh', 'p_', 'b'.repeat(40));
    const doc = {
      metadata: { name: 'x', description: github },
      spec: { identities: [{ password: PLAIN }, { clientSecret: PLAIN }] },
    };
    expect(findSecretValues(doc).map(f => f.path)).toEqual([
      'metadata.description',
      'spec.identities[0].password',
      'spec.identities[1].clientSecret',
    ]);
  });

  it('finds secrets in a top-level array and a bare string', () => {
    expect(findSecretValues([{ password: PLAIN }])).toEqual([
      { path: '[0].password', shape: 'a value under the key "password"' },
    ]);
    expect(findSecretValues(join('gh', 'p_', 'c'.repeat(36)))).toEqual([
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
    ])('%s', (_, identity) => {
      const doc = integration(identity);
      expect(findSecretValues(doc)).toEqual([]);
      const result = redactSecretValues(doc);
      expect(result.findings).toEqual([]);
      expect(result.document).toBe(doc);
    });

    it('a nested object under a secret-named key, when nothing inside is a secret', () => {
      expect(
        findSecretValues({ secret: { ref: 'vault:x', rotate: true } }),
      ).toEqual([]);
    });

    it('every file of the example estate', () => {
      const examples = path.resolve(__dirname, '../../../examples');
      const files = [
        ...fs.readdirSync(examples).map(f => path.join(examples, f)),
        ...fs
          .readdirSync(path.join(examples, 'partners'))
          .map(f => path.join(examples, 'partners', f)),
      ].filter(f => f.endsWith('.yaml'));
      expect(files.length).toBeGreaterThan(10);
      for (const file of files) {
        const docs = parseAllDocuments(fs.readFileSync(file, 'utf8')).map(doc =>
          doc.toJSON(),
        );
        expect([file, findSecretValues(docs)]).toEqual([file, []]);
      }
    });
  });
});

describe('redactSecretValues', () => {
  it('replaces every secret value, leaves the rest and does not mutate the input', () => {
    const aws = 'AK' + 'IA' + 'ABCDEFGHIJKLMNOP';
    const doc = {
      metadata: { name: 'acme', tags: ['partner', aws] },
      spec: {
        identities: [
          { name: 'a', type: 'api-key', apiKey: PLAIN, secretRef: 'vault:a' },
          { name: 'b', type: 'token', password: 1234, privileged: false },
        ],
      },
    };
    const before = JSON.parse(JSON.stringify(doc));
    const { document, findings } = redactSecretValues(doc);
    expect(findings.map(f => f.path)).toEqual([
      'metadata.tags[1]',
      'spec.identities[0].apiKey',
      'spec.identities[1].password',
    ]);
    expect(document).toEqual({
      metadata: { name: 'acme', tags: ['partner', REDACTED_SECRET_VALUE] },
      spec: {
        identities: [
          {
            name: 'a',
            type: 'api-key',
            apiKey: REDACTED_SECRET_VALUE,
            secretRef: 'vault:a',
          },
          {
            name: 'b',
            type: 'token',
            password: REDACTED_SECRET_VALUE,
            privileged: false,
          },
        ],
      },
    });
    expect(document).not.toBe(doc);
    expect(doc).toEqual(before);
    expect(JSON.stringify(document)).not.toContain(PLAIN);
    expect(JSON.stringify(document)).not.toContain(aws);
    expect(REDACTED_SECRET_VALUE).toBe('<redacted>');
  });

  it('returns the same object when the document is clean', () => {
    const doc = integration({});
    const result = redactSecretValues(doc);
    expect(result.document).toBe(doc);
    expect(result.findings).toEqual([]);
  });

  it('agrees with findSecretValues', () => {
    const doc = integration({
      clientSecret: PLAIN,
      secretRef: pem('PRIV' + 'ATE KEY'),
    });
    expect(redactSecretValues(doc).findings).toEqual(findSecretValues(doc));
  });
});

describe('describeSecretFinding', () => {
  it('names the path and the shape and says what to do instead', () => {
    const finding: SecretFinding = {
      path: 'spec.identities[0].token',
      shape: 'a GitHub token',
    };
    expect(describeSecretFinding(finding)).toBe(
      'spec.identities[0].token holds a secret value (a GitHub token); partner files must name where a secret lives (secretRef: vault:..., an ARN), never the secret itself',
    );
  });
});
