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

// Every credential shape the guard knows, in a partner file the real catalog
// reads: the entity is rejected naming the field, and the value is in no
// catalog table, log line, processing error or response.

import { inspect } from 'node:util';
import { CREDENTIAL_CASES } from '@partner-governance/plugin-partners-node/testUtils';
import { eventually, useRealCatalog } from './__testUtils__/realCatalog';

jest.setTimeout(120_000);

const nameOf = (index: number) => `credential-case-${index}`;

const FILE = CREDENTIAL_CASES.map(({ identity }, index) =>
  // JSON is YAML: each value is written exactly as the case gives it.
  JSON.stringify({
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name: nameOf(index) },
    spec: {
      partner: 'partner:tempest-labs',
      type: 'api',
      owner: 'group:team-orders',
      identities: [
        {
          name: 'client',
          type: 'oauth-client',
          secretRef: 'vault:partners/tempest/client',
          ...identity,
        },
      ],
    },
  }),
).join('\n---\n');

const { processingErrors, logLines, api, getEntity, dumpDatabase } =
  useRealCatalog({ files: { 'credentials.yaml': FILE } });

describe('every credential shape through the real catalog', () => {
  it('rejects each entity at its field', async () => {
    const errors = await eventually(async () => {
      const found = CREDENTIAL_CASES.map((_, index) =>
        processingErrors.find(
          e => e.entityRef === `partnerintegration:default/${nameOf(index)}`,
        ),
      );
      expect(found.every(Boolean)).toBe(true);
      return found;
    });
    CREDENTIAL_CASES.forEach(({ path }, index) => {
      expect(String(errors[index]!.errors)).toContain(
        `${path} holds a secret value`,
      );
    });
    for (let index = 0; index < CREDENTIAL_CASES.length; index++) {
      expect(
        await getEntity(`partnerintegration:default/${nameOf(index)}`),
      ).toBeUndefined();
    }
  });

  it('keeps every value out of the tables, the logs, the errors and the API', async () => {
    const everything = [
      await dumpDatabase(),
      logLines.join('\n'),
      inspect(processingErrors, { depth: 10 }),
      (await api('GET', '/entities')).text,
      (await api('GET', '/entity-facets?facet=metadata.name')).text,
    ].join('\n');
    for (const { name, secret } of CREDENTIAL_CASES) {
      expect([name, everything.includes(secret)]).toEqual([name, false]);
    }
  });
});
