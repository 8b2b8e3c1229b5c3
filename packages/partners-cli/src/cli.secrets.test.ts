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
import {
  NOW,
  identity,
  partner,
  integration,
  docs,
  ORG,
  estate,
  config,
  write,
  writeCleanEstate,
  run,
  runJson,
  catalogReading,
} from './__testUtils__/harness';

describe('secret values never appear in any output', () => {
  // Assembled at runtime, so that this file does not itself look like it
  // holds credentials.
  const join = (...parts: string[]) => parts.join('');
  const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(2);
  const PEM = join(
    '-----BEGIN ',
    'RSA PRIV',
    'ATE KEY-----\n',
    PEM_BODY,
    '\n-----END ',
    'RSA PRIV',
    'ATE KEY-----',
  );
  const AWS = join('AK', 'IA', 'Z7LMNOPQRSTUV234');
  const GITHUB = join('gh', 'p_', 'a1B2c3D4e5F6g7H8i9J0'.repeat(2));
  const SLACK = join('xo', 'xb-', '1234567890-', 'AbCdEfGhIjKlMnOp');
  const JWT = join(
    'ey',
    'JhbGciOiJIUzI1NiJ9',
    '.',
    'ey',
    'JzdWIiOiJwYXJ0bmVyIn0',
    '.',
    'c2lnbmF0dXJlLXZhbHVl',
  );
  const keyed = (key: string) => join('Zq7xLm2v', '-', key, '-', 'Kp9wRt4s');

  /** Everything of the secret that must not be echoed. */
  const fragments = (secret: string) =>
    secret === PEM
      ? [PEM_BODY, PEM.split('\n')[0]]
      : [secret, secret.toLowerCase()];

  /**
   * Runs report and validate in both formats (on a TTY, so with colour) and
   * checks that no part of the secret is in stdout or stderr. Returns the
   * errors of the JSON report.
   */
  async function expectNoLeak(
    secret: string,
  ): Promise<Array<Record<string, string>>> {
    let errors: Array<Record<string, string>> = [];
    for (const format of ['json', 'text']) {
      for (const command of ['report', 'validate']) {
        const result = await run(
          [
            command,
            estate,
            '--format',
            format,
            '--config',
            config,
            '--now',
            NOW,
          ],
          { tty: true },
        );
        expect(result.code).toBe(1);
        for (const fragment of fragments(secret)) {
          expect(result.stdout).not.toContain(fragment);
          expect(result.stderr).not.toContain(fragment);
        }
        if (format === 'json') {
          errors = JSON.parse(result.stdout).errors;
        }
      }
    }
    expect(errors.length).toBeGreaterThan(0);
    return errors;
  }

  beforeEach(async () => {
    await write('org.yaml', ORG);
  });

  const shapes: Array<[string, string, (secret: string) => string, string]> = [
    [
      'a PEM private key in a description',
      PEM,
      s =>
        docs(
          partner('acme', {}, [
            'description: |',
            ...s.split('\n').map(l => `  ${l}`),
          ]),
          integration(),
        ),
      'metadata.description',
    ],
    [
      'an AWS access key as a secretRef',
      AWS,
      s =>
        docs(
          partner(),
          integration('acme-orders', {}, [identity({ secretRef: s })]),
        ),
      'spec.identities[0].secretRef',
    ],
    [
      'a GitHub token in an annotation',
      GITHUB,
      s =>
        docs(
          partner('acme', {}, ['annotations:', `  example.com/note: ${s}`]),
          integration(),
        ),
      'metadata.annotations["example.com/note"]',
    ],
    [
      'a Slack token in a scope',
      SLACK,
      s =>
        docs(
          partner(),
          integration('acme-orders', {}, [
            identity({ scopes: `[orders:read, ${s}]` }),
          ]),
        ),
      'spec.identities[0].scopes[1]',
    ],
    [
      'a JWT as an identity name',
      JWT,
      s =>
        docs(
          partner(),
          integration('acme-orders', {}, [identity({ name: s })]),
        ),
      'spec.identities[0].name',
    ],
  ];

  it.each(shapes)('%s', async (_name, secret, file, expectedPath) => {
    await write('acme.yaml', file(secret));
    const errors = await expectNoLeak(secret);
    expect(errors[0]).toEqual(
      expect.objectContaining({
        path: expectedPath,
        message: expect.stringContaining('holds a secret value'),
      }),
    );
  });

  it.each(['password', 'secret', 'token', 'apiKey', 'clientSecret'])(
    'a value under the key %s',
    async key => {
      const secret = keyed(key);
      await write(
        'acme.yaml',
        docs(
          partner(),
          integration('acme-orders', {}, [identity({ [key]: secret })]),
        ),
      );
      const errors = await expectNoLeak(secret);
      expect(errors).toEqual([
        expect.objectContaining({
          entityRef: 'partnerintegration:default/acme-orders',
          path: `spec.identities[0].${key}`,
          message: expect.stringContaining(`a value under the key "${key}"`),
        }),
      ]);
    },
  );

  it('a GitHub token as the entity name (the entity ref is withheld)', async () => {
    const file = await write('acme.yaml', docs(partner(GITHUB)));
    const errors = await expectNoLeak(GITHUB);
    expect(errors).toEqual([
      {
        file,
        path: 'metadata.name',
        message: expect.stringContaining(
          'metadata.name holds a secret value (a GitHub token)',
        ),
      },
    ]);
  });

  it('an AWS key as the namespace', async () => {
    const file = await write(
      'acme.yaml',
      docs(partner('acme', {}, [`namespace: ${AWS}`])),
    );
    const errors = await expectNoLeak(AWS);
    expect(errors).toEqual([
      {
        file,
        path: 'metadata.namespace',
        message: expect.stringContaining('(an AWS access key)'),
      },
    ]);
  });

  it('a token-shaped mapping key', async () => {
    await write('acme.yaml', docs(partner('acme', { [GITHUB]: 'x' })));
    const errors = await expectNoLeak(GITHUB);
    expect(errors).toEqual([
      expect.objectContaining({
        entityRef: 'partner:default/acme',
        path: 'spec',
        message: expect.stringContaining('(a key that is a GitHub token)'),
      }),
    ]);
  });

  describe('in a malformed YAML document whose broken line holds it', () => {
    const broken: Array<[string, (secret: string) => string]> = [
      ['an unterminated quote', s => `  password: "${s}\n  other: 1\n`],
      ['an unclosed flow sequence', s => `  scopes: [${s}, \n`],
      [
        'a bad indentation',
        s => `  password: ${s}\n     bad: indentation\n   worse: 1\n`,
      ],
      ['an undefined alias', s => `  notes: *${s}\n`],
      ['an unknown tag', s => `  notes: !<${s}> value\n`],
      ['a duplicated key', s => `  token: ${s}\n  token: ${s}\n`],
    ];
    const secrets: Array<[string, string]> = [
      ['GitHub token', GITHUB],
      ['AWS key', AWS],
      ['password value', keyed('password')],
    ];
    const cases = broken.flatMap(([how, line]) =>
      secrets.map(
        ([what, secret]) => [`${how}, ${what}`, secret, line] as const,
      ),
    );

    it.each(cases)('%s', async (_name, secret, line) => {
      const text = docs(
        `apiVersion: partners.governance.dev/v1alpha1\nkind: Partner\nmetadata:\n  name: broken\nspec:\n${line(
          secret,
        )}`,
        partner(),
        integration(),
      );
      const file = await write('acme.yaml', text);
      await expectNoLeak(secret);
      const { report } = await runJson('report');
      // One error for the broken document, whichever the YAML reading makes
      // of it; the other documents are read as the catalog reads them.
      expect(report.errors).toEqual([expect.objectContaining({ file })]);
      // the org file's two, and the entities the catalog reads in this file
      expect(report.entities).toBe(
        2 + (await catalogReading(text)).entities.length,
      );
    });
  });

  it('a secret in the app-config does not appear in the config error', async () => {
    await writeCleanEstate();
    await fs.writeFile(config, `backend:\n  auth:\n    key: *${GITHUB}\n`);
    const result = await run(['report', estate, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid config/);
    expect(result.stderr).not.toContain(GITHUB);
    expect(result.stderr).not.toContain(GITHUB.toLowerCase());
  });

  it('a secret on the command line does not appear in the usage error', async () => {
    await writeCleanEstate();
    const result = await run([
      'report',
      estate,
      '--config',
      config,
      `--${GITHUB}`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option/);
    expect(result.stderr).not.toContain(GITHUB);
  });
});
