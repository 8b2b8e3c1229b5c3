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
import path from 'node:path';
import fc from 'fast-check';
import { CREDENTIAL_CASES } from '@partner-governance/plugin-partners-node/testUtils';
import { estate, run, write } from './__testUtils__/harness';

// 300 generated files: seconds alone, longer on a busy machine
jest.setTimeout(120_000);

// Generated hostile partner files: whatever the command line is given, it
// answers with a report or a clear error, exits 0 or 1, and never prints a
// secret that a file holds.

const SECRETS = CREDENTIAL_CASES.map(c => c.secret);

/** YAML fragments that parsers trip over. */
const NOISE = fc.constantFrom(
  '',
  '&a ',
  '*a ',
  '*undefined ',
  '!!binary ',
  '!<tag:x> ',
  '%YAML 1.1\n',
  '--- ',
  '... ',
  '{',
  '[',
  '? ',
  '| \n',
  '"\\u001b[2J',
  '\t',
  '<<: ',
);

/** A document more or less like an entity, holding one credential case. */
const DOCUMENT = fc
  .record({
    apiVersion: fc.constantFrom(
      'partners.governance.dev/v1alpha1',
      'Partners.Governance.Dev/V1Alpha1',
      'backstage.io/v1alpha1',
      'x',
    ),
    kind: fc.constantFrom('Partner', 'PartnerIntegration', 'Component', 'x'),
    name: fc.string({ maxLength: 12 }),
    credential: fc.constantFrom(...CREDENTIAL_CASES),
    extra: fc.jsonValue({ maxDepth: 3 }),
  })
  .map(({ apiVersion, kind, name, credential, extra }) =>
    JSON.stringify({
      apiVersion,
      kind,
      metadata: { name },
      spec: {
        identities: [
          { name: 'client', type: 'api-key', ...credential.identity },
        ],
        extra,
      },
    }),
  );

const FILE = fc
  .array(fc.tuple(NOISE, DOCUMENT, NOISE), { minLength: 1, maxLength: 3 })
  .map(parts =>
    parts
      .map(([before, doc, after]) => `${before}${doc}${after}`)
      .join('\n---\n'),
  );

describe('generated hostile files', () => {
  it('get a report or a clear error, never a crash or an echoed secret', async () => {
    await fc.assert(
      fc.asyncProperty(FILE, async text => {
        await fs.rm(estate, { recursive: true, force: true });
        const file = await write('partners.yaml', text);
        const { code, stdout, stderr } = await run([
          'validate',
          estate,
          '--format',
          'json',
        ]);
        expect([0, 1]).toContain(code);
        expect(stderr).toBe('');
        const report = JSON.parse(stdout);
        for (const error of report.errors) {
          expect(path.resolve(error.file)).toBe(path.resolve(file));
          expect(error.message).toEqual(expect.any(String));
        }
        for (const secret of SECRETS) {
          expect(stdout).not.toContain(secret);
        }
      }),
      { numRuns: 300 },
    );
  });
});
