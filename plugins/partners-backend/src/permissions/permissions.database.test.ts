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
import {
  AuthorizeResult,
  type PermissionCondition,
  type PermissionCriteria,
} from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  indexStakeholders,
  MIGRATIONS_DIR,
} from '../__testUtils__/databases';
import {
  type DetailsScope,
  refsInScope,
  whereInScope,
} from '../database/stakeholders';
import { createIntegrationResourceLoader } from './getResources';
import { IS_INTEGRATION_OWNER, IS_INTEGRATION_STAKEHOLDER } from './rules';
import { detailsScopeOf, ownIntegrationRuleset } from './scope';

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
  // acme names an owner for its offboarding stage; its orders integration
  // has an identity in the custody of security.
  await knex('partners').insert({
    entity_ref: 'partner:default/acme',
    type: 'integrator',
    stage: 'measurement',
    tier: 'high',
    owner_ref: 'group:default/partner-ops',
    entity: JSON.stringify({
      metadata: { name: 'acme', namespace: 'default' },
      spec: { lifecycle: { stageOwners: { offboarding: 'Legal' } } },
    }),
    hash: 'p',
    synced_at: '2026-11-01T08:00:00.000Z',
  });
  await knex('identities').insert({
    integration_ref: 'partnerintegration:default/acme-orders',
    name: 'orders-client',
    type: 'oauth-client',
    status: 'active',
    custodian_ref: 'group:default/security',
    scopes: '[]',
    privileged: false,
    shared_with: '[]',
  });
  await indexStakeholders(knex);
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
            stakeholderRefs: [
              'group:default/legal',
              'group:default/partner-ops',
              'group:default/team-payments',
            ],
          },
          {
            entityRef: 'partnerintegration:default/acme-orders',
            ownerRef: 'group:default/team-orders',
            partnerRef: 'partner:default/acme',
            stakeholderRefs: [
              'group:default/legal',
              'group:default/partner-ops',
              'group:default/security',
              'group:default/team-orders',
            ],
          },
          undefined,
          {
            entityRef: 'partnerintegration:default/globex-orders',
            ownerRef: 'group:default/team-orders',
            partnerRef: 'partner:default/globex',
            // a partner the index does not know adds no stakeholder
            stakeholderRefs: ['group:default/team-orders'],
          },
          {
            entityRef: 'partnerintegration:default/acme-billing',
            ownerRef: 'group:default/team-payments',
            partnerRef: 'partner:default/acme',
            stakeholderRefs: [
              'group:default/legal',
              'group:default/partner-ops',
              'group:default/team-payments',
            ],
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
            stakeholderRefs: ['group:default/security'],
          },
        ]);
      });

      it('loads a partner as the whole of its integrations', async () => {
        const load = createIntegrationResourceLoader(async () => knex);
        await expect(load(['Partner:default/ACME'])).resolves.toEqual([
          {
            entityRef: 'partner:default/acme',
            ownerRef: 'group:default/partner-ops',
            partnerRef: 'partner:default/acme',
            stakeholderRefs: [
              'group:default/legal',
              'group:default/partner-ops',
              'group:default/security',
              'group:default/team-orders',
              'group:default/team-payments',
            ],
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
    describe('whereInScope', () => {
      const ALL_REFS = [
        'partner:default/acme',
        'partner:default/globex',
        'partner:default/initech',
        ...ROWS.map(([name]) => `partnerintegration:default/${name}`),
      ];
      const stakeholder = (
        ...claims: string[]
      ): PermissionCriteria<PermissionCondition> => ({
        rule: IS_INTEGRATION_STAKEHOLDER.name,
        resourceType: IS_INTEGRATION_STAKEHOLDER.resourceType,
        params: { claims },
      });
      /** The scope a policy's conditional decision gives. */
      const conditional = (
        conditions: PermissionCriteria<PermissionCondition>,
      ): DetailsScope =>
        detailsScopeOf(
          {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'partners',
            resourceType: IS_INTEGRATION_OWNER.resourceType,
            conditions,
          },
          ownIntegrationRuleset,
        );
      /** The refs a scope, or a conditional decision, lets the caller see. */
      const visible = (
        scope: DetailsScope | PermissionCriteria<PermissionCondition>,
      ) =>
        refsInScope(
          knex,
          ALL_REFS,
          scope === 'all' || scope === 'none'
            ? scope
            : conditional(scope as PermissionCriteria<PermissionCondition>),
        ).then(refs => [...refs].sort());

      it('selects what a stakeholder holds, in SQL', async () => {
        // the owner of one integration: it, and its partner's own records
        await expect(
          visible(stakeholder('group:default/team-payments')),
        ).resolves.toEqual([
          'partner:default/acme',
          'partnerintegration:default/acme-billing',
        ]);
        // the partner's stage owner: the partner and all its integrations
        await expect(
          visible(stakeholder('group:default/legal')),
        ).resolves.toEqual([
          'partner:default/acme',
          'partnerintegration:default/acme-billing',
          'partnerintegration:default/acme-orders',
        ]);
        // a custodian of one identity, and an owner of integrations at two
        // partners (one of them gone from the catalog); globex itself was
        // never indexed, so no ref of it is known
        await expect(
          visible(stakeholder('group:default/team-orders')),
        ).resolves.toEqual([
          'partner:default/acme',
          'partnerintegration:default/acme-orders',
          'partnerintegration:default/globex-orders',
        ]);
        await expect(
          visible(stakeholder('user:default/nobody')),
        ).resolves.toEqual([]);
        await expect(visible(stakeholder())).resolves.toEqual([]);
      });

      it('combines conditions with allOf, anyOf and not', async () => {
        const owner = {
          rule: IS_INTEGRATION_OWNER.name,
          resourceType: IS_INTEGRATION_OWNER.resourceType,
          params: { claims: ['group:default/team-orders'] },
        };
        await expect(
          visible({
            allOf: [stakeholder('group:default/legal'), { not: owner }],
          }),
        ).resolves.toEqual([
          'partner:default/acme',
          'partnerintegration:default/acme-billing',
        ]);
        await expect(
          visible({ anyOf: [owner, stakeholder('group:default/security')] }),
        ).resolves.toEqual([
          'partner:default/acme',
          'partnerintegration:default/acme-orders',
          'partnerintegration:default/globex-orders',
          'partnerintegration:default/initech-sso',
        ]);
        await expect(visible('none')).resolves.toEqual([]);
        await expect(visible('all')).resolves.toEqual([...ALL_REFS].sort());
      });

      it('narrows a query of another table by its ref column', async () => {
        const rows = await whereInScope(
          knex,
          knex('integrations').select('entity_ref').orderBy('entity_ref'),
          'partner_ref',
          conditional(stakeholder('group:default/legal')),
        );
        expect(rows.map(row => row.entity_ref)).toEqual([
          'partnerintegration:default/acme-billing',
          'partnerintegration:default/acme-orders',
        ]);
      });
    });
  });
});
