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

import type { TestDatabaseId } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  MIGRATIONS_DIR,
} from '../__testUtils__/databases';
import { createIntegrationResourceLoader } from './getResources';

jest.setTimeout(90_000);

const ROWS = [
  ['acme-orders', 'acme', 'group:default/team-orders'],
  ['acme-billing', 'acme', 'group:default/team-payments'],
  ['globex-orders', 'globex', 'group:default/team-orders'],
  ['initech-sso', 'initech', 'group:default/security'],
];

async function seed(knex: Knex) {
  await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  await knex('integrations').insert(
    ROWS.map(([name, partner, ownerRef], i) => ({
      entity_ref: `partnerintegration:default/${name}`,
      partner_ref: `partner:default/${partner}`,
      type: 'api',
      owner_ref: ownerRef,
      entity: '{}',
      hash: `h${i}`,
      synced_at: '2026-11-01T08:00:00.000Z',
      // One integration left the catalog: its ownership still counts.
      gone_at: name === 'globex-orders' ? '2026-11-02T08:00:00.000Z' : null,
    })),
  );
}

describe('partner integration permissions on the database', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', (id: TestDatabaseId) => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(id);
      await seed(knex);
    });

    describe('createIntegrationResourceLoader', () => {
      it('loads integrations by ref, in order, case-insensitively', async () => {
        const load = createIntegrationResourceLoader(async () => knex);
        await expect(
          load([
            'partnerintegration:default/acme-billing',
            'PartnerIntegration:default/ACME-orders',
            'partnerintegration:default/unknown',
            'partnerintegration:default/globex-orders',
            'partnerintegration:default/acme-billing',
          ]),
        ).resolves.toEqual([
          {
            entityRef: 'partnerintegration:default/acme-billing',
            ownerRef: 'group:default/team-payments',
            partnerRef: 'partner:default/acme',
          },
          {
            entityRef: 'partnerintegration:default/acme-orders',
            ownerRef: 'group:default/team-orders',
            partnerRef: 'partner:default/acme',
          },
          undefined,
          {
            entityRef: 'partnerintegration:default/globex-orders',
            ownerRef: 'group:default/team-orders',
            partnerRef: 'partner:default/globex',
          },
          {
            entityRef: 'partnerintegration:default/acme-billing',
            ownerRef: 'group:default/team-payments',
            partnerRef: 'partner:default/acme',
          },
        ]);
      });

      it('loads more refs than one batch holds', async () => {
        const load = createIntegrationResourceLoader(async () => knex);
        const refs = [
          ...Array.from(
            { length: 1200 },
            (_, i) => `partnerintegration:default/missing-${i}`,
          ),
          'partnerintegration:default/initech-sso',
        ];
        const resources = await load(refs);
        expect(resources).toHaveLength(1201);
        expect(resources.filter(Boolean)).toEqual([
          {
            entityRef: 'partnerintegration:default/initech-sso',
            ownerRef: 'group:default/security',
            partnerRef: 'partner:default/initech',
          },
        ]);
      });

      it('does not touch the database for no refs', async () => {
        const getClient = jest.fn(async () => knex);
        await expect(
          createIntegrationResourceLoader(getClient)([]),
        ).resolves.toEqual([]);
        expect(getClient).not.toHaveBeenCalled();
      });
    });
  });
});
