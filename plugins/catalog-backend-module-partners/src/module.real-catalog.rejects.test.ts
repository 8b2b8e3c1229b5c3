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

// What the real catalog does with secrets, invalid entities and a malformed
// file next to valid partner entities (see __testUtils__/realCatalog).

import fs from 'node:fs';
import { inspect } from 'node:util';
import { expectNoSecretIn, ROTATING_LEAKY } from './__testUtils__/partnerFiles';
import {
  eventually,
  relationsOf,
  useRealCatalog,
} from './__testUtils__/realCatalog';

jest.setTimeout(120_000);

const { mockDir, processingErrors, logLines, api, getEntity, dumpDatabase } =
  useRealCatalog();

describe('the partners module in the real catalog', () => {
  it('ingests the valid siblings of a secret and of an invalid entity', async () => {
    const integration = await eventually(async () => {
      const entity = await getEntity('partnerintegration:default/tempest-api');
      expect(relationsOf(entity)).toContain(
        'custodiedBy group:default/security',
      );
      return entity;
    });
    expect(relationsOf(integration)).toEqual([
      'accesses api:default/orders-v2',
      'accesses component:default/orders-service',
      'custodiedBy group:default/security',
      'ownedBy group:default/team-orders',
      'partOf partner:default/tempest-labs',
    ]);
    await eventually(async () => {
      expect(
        relationsOf(await getEntity('partner:default/tempest-labs')),
      ).toEqual([
        'hasPart partnerintegration:default/tempest-api',
        'hasPart partnerintegration:default/tempest-rotating',
        'ownedBy group:default/partner-operations',
      ]);
    });

    // Both rejects have been processed (and failed) by now...
    const failures = await eventually(async () => {
      const refs = processingErrors.map(e => e.entityRef);
      expect(refs).toContain('partnerintegration:default/tempest-leaky');
      expect(refs).toContain('partnerintegration:default/tempest-badtype');
      return processingErrors;
    });
    // ...and neither is in the catalog.
    await expect(
      getEntity('partnerintegration:default/tempest-leaky'),
    ).resolves.toBeUndefined();
    await expect(
      getEntity('partnerintegration:default/tempest-badtype'),
    ).resolves.toBeUndefined();

    const messages = (ref: string) =>
      failures
        .filter(f => f.entityRef === ref)
        .flatMap(f => f.errors.map(e => String(e)));
    expect(messages('partnerintegration:default/tempest-leaky')).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'metadata.description holds a secret value (a private key block)',
        ),
      ]),
    );
    expect(messages('partnerintegration:default/tempest-leaky')).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'spec.identities[0].token holds a secret value (a GitHub token)',
        ),
      ]),
    );
    expect(messages('partnerintegration:default/tempest-badtype')).toEqual([
      expect.stringMatching(
        /\/spec\/type must be equal to one of the allowed values/,
      ),
    ]);

    // What the catalog got to process was already redacted.
    const leaky = failures.find(
      f => f.entityRef === 'partnerintegration:default/tempest-leaky',
    );
    expectNoSecretIn(inspect(leaky, { depth: 20 }));
  });

  it('reports a malformed file without quoting it', async () => {
    const failure = await eventually(async () => {
      const found = processingErrors.find(f =>
        f.errors.some(e => String(e).includes('broken.yaml')),
      );
      expect(found).toBeDefined();
      return found!;
    });
    expect(failure.entityRef).toMatch(/^location:default\/generated-/);
    expect(failure.errors.map(String)).toEqual([
      expect.stringMatching(
        /YAML error at file:.*broken\.yaml, the document starting at line 1: bad indentation of a mapping entry \(line 8, column \d+\)$/,
      ),
    ]);
    expectNoSecretIn(inspect(failure, { depth: 20 }));
    await expect(
      getEntity('partnerintegration:default/tempest-broken'),
    ).resolves.toBeUndefined();
  });

  it('keeps the last good version of an entity whose file gains a secret, with the error in its status', async () => {
    const clean = await eventually(async () => {
      const entity = await getEntity(
        'partnerintegration:default/tempest-rotating',
      );
      expect(entity).toBeDefined();
      return entity!;
    });
    expect(clean.status).toBeUndefined();

    fs.writeFileSync(mockDir.resolve('rotating.yaml'), ROTATING_LEAKY);

    const rejected = await eventually(async () => {
      const { status } = await api('POST', '/refresh', {
        entityRef: 'partnerintegration:default/tempest-rotating',
      });
      expect(status).toBe(200);
      const entity = await getEntity(
        'partnerintegration:default/tempest-rotating',
      );
      expect(entity?.status?.items).toHaveLength(1);
      return entity!;
    });

    expect(rejected.spec).toEqual(clean.spec);
    expect(rejected.metadata.annotations).toEqual(clean.metadata.annotations);
    expect(rejected.status?.items).toEqual([
      expect.objectContaining({
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: expect.stringContaining(
          'spec.identities[0].scopes[1] holds a secret value (a Slack token)',
        ),
        // what the governance backend files as secret-in-file
        error: expect.objectContaining({
          cause: expect.objectContaining({
            name: 'SecretValueError',
            findings: [
              { path: 'spec.identities[0].scopes[1]', shape: 'a Slack token' },
            ],
          }),
        }),
      }),
    ]);
    expectNoSecretIn(JSON.stringify(rejected));
  });

  it('never returns, stores or logs a secret value', async () => {
    // Wait until the rejects of the temporary files have been processed (when
    // the whole file runs, the rotated secret has been rejected by now too).
    await eventually(async () => {
      const refs = processingErrors.map(e => e.entityRef);
      expect(refs).toContain('partnerintegration:default/tempest-leaky');
      expect(
        processingErrors.some(f =>
          f.errors.some(e => String(e).includes('broken.yaml')),
        ),
      ).toBe(true);
    });

    const { text } = await eventually(async () => {
      const response = await api('GET', '/entities');
      expect(response.status).toBe(200);
      // the whole estate, and the valid siblings of the rejects
      expect(response.json.length).toBeGreaterThan(120);
      expect(response.text).toContain('tempest-api');
      return response;
    });
    expectNoSecretIn(text);

    const locations = await api('GET', '/locations');
    expect(locations.status).toBe(200);
    expectNoSecretIn(locations.text);

    expectNoSecretIn(await dumpDatabase());
    // the redacted documents are what the catalog holds on to
    expect(await dumpDatabase()).toContain('<redacted>');

    expect(logLines.length).toBeGreaterThan(0);
    expectNoSecretIn(logLines.join('\n'));
  });
});
