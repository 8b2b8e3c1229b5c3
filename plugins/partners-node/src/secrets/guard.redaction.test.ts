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

import {
  REDACTED_SECRET_VALUE,
  findSecrets,
  redactSecrets,
  type SecretFinding,
} from './guard';
import { describeSecretFinding } from './describe';
import { PLAIN, integration, pem } from './__testUtils__/secretFixtures';

// Redacting the secrets of a document, and describing a finding.

describe('redactSecrets', () => {
  it('replaces every secret value, leaves the rest and does not mutate the input', async () => {
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
    const { document, findings } = await redactSecrets(doc);
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

  it('returns the same object when the document is clean', async () => {
    const doc = integration({});
    const result = await redactSecrets(doc);
    expect(result.document).toBe(doc);
    expect(result.findings).toEqual([]);
  });

  it('agrees with findSecrets', async () => {
    const doc = integration({
      clientSecret: PLAIN,
      secretRef: pem('PRIV' + 'ATE KEY'),
    });
    expect((await redactSecrets(doc)).findings).toEqual(await findSecrets(doc));
  });
});

describe('describeSecretFinding', () => {
  it('names the path and the shape and says what to do instead', async () => {
    const finding: SecretFinding = {
      path: 'spec.identities[0].token',
      shape: 'a GitHub token',
    };
    expect(describeSecretFinding(finding)).toBe(
      'spec.identities[0].token holds a secret value (a GitHub token); partner files must name where a secret lives (secretRef: vault:..., an ARN), never the secret itself',
    );
  });
});
