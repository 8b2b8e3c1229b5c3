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
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  MIGRATIONS_DIR,
} from '../__testUtils__/databases';
import { applyIntegrationConditions } from './applyIntegrationConditions';
import { createIntegrationResourceLoader } from './getResources';

jest.setTimeout(90_000);

type Condition = PermissionCriteria<{
  rule: string;
  resourceType: 'partners-integration';
  params: { claims: string[] };
}>;

const owner = (...claims: string[]): Condition => ({
  rule: 'IS_INTEGRATION_OWNER',
  resourceType: 'partners-integration',
  params: { claims },
});

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

    describe('applyIntegrationConditions', () => {
      const names = async (conditions: Condition, table?: string) => {
        const query = knex('integrations')
          .select('entity_ref')
          .orderBy('entity_ref');
        const rows: Array<{ entity_ref: string }> =
          await applyIntegrationConditions(
            query,
            conditions as never,
            table ? { table } : {},
          );
        return rows.map(r => r.entity_ref.replace(/^.*\//, ''));
      };

      it('keeps the integrations a single condition allows', async () => {
        await expect(
          names(owner('user:default/guest', 'Group:Default/Team-Orders')),
        ).resolves.toEqual(['acme-orders', 'globex-orders']);
      });

      it('keeps nothing for no claims', async () => {
        await expect(names(owner())).resolves.toEqual([]);
      });

      it('handles anyOf', async () => {
        await expect(
          names({
            anyOf: [
              owner('group:default/team-payments'),
              owner('group:default/security'),
            ],
          }),
        ).resolves.toEqual(['acme-billing', 'initech-sso']);
      });

      it('handles allOf', async () => {
        await expect(
          names({
            allOf: [
              owner('group:default/team-orders', 'group:default/security'),
              owner('group:default/security', 'group:default/team-payments'),
            ],
          }),
        ).resolves.toEqual(['initech-sso']);
      });

      it('handles not', async () => {
        await expect(
          names({ not: owner('group:default/team-orders') }),
        ).resolves.toEqual(['acme-billing', 'initech-sso']);
      });

      it('handles nesting', async () => {
        await expect(
          names({
            anyOf: [
              { not: owner('group:default/team-orders') },
              { allOf: [owner('group:default/team-orders'), { not: owner() }] },
            ],
          }),
        ).resolves.toEqual([
          'acme-billing',
          'acme-orders',
          'globex-orders',
          'initech-sso',
        ]);
        await expect(
          names({ not: { anyOf: [owner(), owner()] } }),
        ).resolves.toEqual([
          'acme-billing',
          'acme-orders',
          'globex-orders',
          'initech-sso',
        ]);
      });

      it('keeps other where clauses of the query', async () => {
        const query = knex('integrations')
          .select('entity_ref')
          .where('partner_ref', 'partner:default/acme')
          .orderBy('entity_ref');
        const rows = await applyIntegrationConditions(query, {
          anyOf: [
            owner('group:default/team-orders'),
            owner('group:default/security'),
          ],
        } as never);
        expect(rows).toEqual([
          { entity_ref: 'partnerintegration:default/acme-orders' },
        ]);
      });

      it('qualifies columns with a table alias', async () => {
        const rows = await applyIntegrationConditions(
          knex('integrations as i')
            .select('i.entity_ref')
            .orderBy('i.entity_ref'),
          owner('group:default/team-payments') as never,
          { table: 'i' },
        );
        expect(rows).toEqual([
          { entity_ref: 'partnerintegration:default/acme-billing' },
        ]);
      });

      it('rejects unknown rules and bad params', () => {
        expect(() =>
          applyIntegrationConditions(knex('integrations'), {
            rule: 'IS_PUBLIC',
            resourceType: 'partners-integration',
            params: {},
          } as never),
        ).toThrow(/Unknown partners-integration rule IS_PUBLIC/);
        expect(() =>
          applyIntegrationConditions(knex('integrations'), {
            rule: 'IS_INTEGRATION_OWNER',
            resourceType: 'partners-integration',
            params: { claims: 'group:default/team-orders' },
          } as never),
        ).toThrow(/Parameters to rule are invalid/);
      });
    });
  });
});
