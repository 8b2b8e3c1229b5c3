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
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { createTestDatabases } from './__testUtils__/databases';
import { loadExampleEntities } from './__testUtils__/examples';
import partnersPlugin from './index';

jest.setTimeout(90_000);

/** The example estate, with the memberOf relations the catalog emits. */
function catalogEntities(): Entity[] {
  return loadExampleEntities().map(entity =>
    entity.kind === 'User'
      ? {
          ...entity,
          relations: ((entity.spec?.memberOf as string[]) ?? []).map(group => ({
            type: 'memberOf',
            targetRef: `group:default/${group}`,
          })),
        }
      : entity,
  );
}

/** Every secret location the example estate names. */
function secretRefs(): string[] {
  return loadExampleEntities().flatMap(entity =>
    entity.kind === 'PartnerIntegration'
      ? ((entity.spec?.identities as Array<{ secretRef?: string }>) ?? [])
          .map(identity => identity.secretRef)
          .filter((ref): ref is string => !!ref)
      : [],
  );
}

describe('partnersPlugin owners and evidence', () => {
  const databases = createTestDatabases();
  let backend: TestBackend | undefined;

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  const url = (path: string) =>
    `http://localhost:${backend!.server.port()}/api/partners${path}`;
  const user = { Authorization: mockCredentials.user.header() };

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      backend = await startTestBackend({
        features: [
          partnersPlugin,
          catalogServiceMock.factory({ entities: catalogEntities() }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              partners: {
                sync: {
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 1 },
                    initialDelay: { hours: 1 },
                  },
                },
              },
            },
          }),
        ],
      });
      const sync = await fetch(url('/sync'), { method: 'POST', headers: user });
      if (sync.status !== 200) {
        throw new Error(`POST /sync answered ${sync.status}`);
      }
    });

    it('audits the triggered sync as the calling user', async () => {
      const rows = await knex('audit_events').where('action', 'index.synced');
      expect(rows).toEqual([
        expect.objectContaining({
          actor: mockCredentials.user().principal.userEntityRef,
          subject_type: 'index',
          subject_ref: 'catalog',
          partner_ref: null,
        }),
      ]);
    });

    it("lists a user's integrations with those of their groups", async () => {
      const response = await fetch(
        url(
          `/owners/${encodeURIComponent(
            'user:default/tomas-lindqvist',
          )}/integrations?limit=100`,
        ),
        { headers: user },
      );
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.owners).toEqual([
        'user:default/tomas-lindqvist',
        'group:default/team-payments',
      ]);
      const expected = (
        await knex('integrations')
          .select('entity_ref')
          .whereIn('owner_ref', body.owners)
          .whereNull('gone_at')
          .orderBy('entity_ref')
      ).map(row => row.entity_ref);
      expect(expected.length).toBeGreaterThan(0);
      expect(body.items.map((i: { entityRef: string }) => i.entityRef)).toEqual(
        expected,
      );
    });

    it('exports the evidence pack of every example partner without a secret location', async () => {
      const secrets = secretRefs();
      expect(secrets.length).toBeGreaterThan(0);
      const partners = (
        await knex('partners').select('entity_ref').orderBy('entity_ref')
      ).map(row => row.entity_ref as string);
      for (const partnerRef of partners) {
        for (const format of ['json', 'csv']) {
          const response = await fetch(
            url(
              `/partners/${encodeURIComponent(
                partnerRef,
              )}/evidence?format=${format}`,
            ),
            { headers: user },
          );
          expect([partnerRef, format, response.status]).toEqual([
            partnerRef,
            format,
            200,
          ]);
          const text = await response.text();
          for (const secret of secrets) {
            expect(text).not.toContain(secret);
          }
        }
      }
      expect(
        Number(
          (
            await knex('audit_events')
              .where('action', 'evidence.exported')
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(partners.length * 2);
    });
  });
});
