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

import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import {
  createTestDatabaseService,
  createTestDatabases,
} from '../__testUtils__/databases';
import { observedRole } from '../__testUtils__/observations';
import {
  LEAVING,
  declareLeavingApi,
  LEAVING_API,
  NOW,
  seedOffboardingEstate,
  STAYS,
} from '../__testUtils__/offboarding';
import { DatabaseObservationStore } from '../database/DatabaseObservationStore';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { BlastRadiusService } from './BlastRadiusService';
import { createReadModels, type ReadModels } from './read';

jest.setTimeout(90_000);

const AT = '2026-11-01T11:00:00.000Z';

/** Only the database source can revoke. */
const sources = { canRevoke: (id: string) => id === 'partner-db' };

const component = (
  name: string,
  relations: Array<[string, string]> = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', title: `The ${name}` },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

describe('observed identities in the read API, and the blast radius', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let reads: ReadModels;
    let observations: DatabaseObservationStore;

    beforeEach(async () => {
      const { database, ...created } = await createTestDatabaseService(
        databases,
        databaseId,
      );
      knex = created.knex;
      await DatabaseOffboardingStore.create({ database });
      observations = await DatabaseObservationStore.create({ database });
      await seedOffboardingEstate(knex);
      await declareLeavingApi(knex, {
        'key-a': {
          observed_as: 'partner-db:partner_leaving_a',
          scopes: '["SELECT:orders.orders"]',
        },
        'key-b': { observed_as: 'partner-db:partner_leaving_b' },
        'key-e': { observed_as: 'directory:uid=leaving-e' },
      });
      // the directory never succeeded; it failed once
      await observations.runFailed('directory', 'ldap', AT, 'down');
      await observations.runSucceeded(
        'partner-db',
        'postgres',
        AT,
        [
          observedRole('partner_leaving_a', {
            partner: 'leaving',
            scopes: ['select:orders.orders', 'delete:orders.orders'],
            lastUsed: '2026-10-30T09:00:00Z',
          }),
          // shadow identities of leaving, one disabled
          observedRole('partner_leaving_z', { partner: 'LEAVING' }),
          observedRole('partner_leaving_y', { partner: 'leaving' }),
          observedRole('partner_leaving_old', {
            partner: 'leaving',
            status: 'disabled',
          }),
          observedRole('partner_nobody_x', { partner: 'nobody' }),
        ],
        0,
      );
      reads = createReadModels(knex, { clock: () => NOW, sources });
    });

    it('shows each declared identity next to what its source observed', async () => {
      const page = await reads.identities.listPartnerIdentities(
        LEAVING,
        {},
        { scope: 'none' },
      );
      const byName = Object.fromEntries(
        page.items.map(i => [i.name, i.observation]),
      );
      expect(byName['key-a']).toEqual({
        sourceId: 'partner-db',
        externalId: 'partner_leaving_a',
        state: 'observed',
        observedAt: AT,
        status: 'active',
        lastUsed: '2026-10-30T09:00:00Z',
        // compared in lower case: only delete drifted
        unlistedScopes: ['delete:orders.orders'],
        revocable: true,
      });
      expect(byName['key-b']).toEqual({
        sourceId: 'partner-db',
        externalId: 'partner_leaving_b',
        state: 'not-observed',
        observedAt: AT,
        unlistedScopes: [],
        revocable: true,
      });
      expect(byName['key-e']).toEqual({
        sourceId: 'directory',
        externalId: 'uid=leaving-e',
        state: 'not-run',
        unlistedScopes: [],
        revocable: false,
      });
      expect(byName['key-c']).toBeUndefined();
    });

    it('lists the shadow identities of a partner, active ones only, paged', async () => {
      const first = await reads.identities.listUndeclaredIdentities(LEAVING, {
        limit: 1,
      });
      expect(first.items).toEqual([
        expect.objectContaining({
          sourceId: 'partner-db',
          externalId: 'partner_leaving_y',
          scopes: ['select:orders.orders'],
          observedAt: AT,
          firstSeenAt: AT,
        }),
      ]);
      const second = await reads.identities.listUndeclaredIdentities(LEAVING, {
        limit: 1,
        cursor: first.nextCursor,
      });
      expect(second.items.map(i => i.externalId)).toEqual([
        'partner_leaving_z',
      ]);
      expect(second.nextCursor).toBeUndefined();
      await expect(
        reads.identities.listUndeclaredIdentities(STAYS, {}),
      ).resolves.toEqual({ items: [] });
      await expect(
        reads.identities.listUndeclaredIdentities('partner:default/nobody', {}),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('counts them on the partner index, and no longer once declared', async () => {
      const count = async () =>
        (await reads.partners.listPartners({})).items.find(
          p => p.entityRef === LEAVING,
        )?.undeclaredIdentities;
      expect(await count()).toBe(2);
      await knex('identities')
        .where({ integration_ref: LEAVING_API, name: 'key-b' })
        .update({ observed_as: 'partner-db:partner_leaving_y' });
      expect(await count()).toBe(1);
      expect(
        (await reads.partners.listPartners({})).items.find(
          p => p.entityRef === STAYS,
        ),
      ).not.toHaveProperty('undeclaredIdentities');
    });

    describe('blast radius', () => {
      const catalog = (hidden: string[] = []) => {
        const entities = new Map<string, Entity>([
          [
            'component:default/orders-service',
            component('orders-service', [
              ['dependsOn', 'resource:default/orders-db'],
              ['providesApi', 'api:default/orders-api'],
              ['ownedBy', 'group:default/team-orders'],
            ]),
          ],
          [
            'resource:default/orders-db',
            {
              ...component('orders-db', [
                ['dependsOn', 'resource:default/backups'],
              ]),
              kind: 'Resource',
            },
          ],
          [
            'api:default/orders-api',
            { ...component('orders-api'), kind: 'API' },
          ],
          [
            'resource:default/backups',
            { ...component('backups'), kind: 'Resource' },
          ],
        ]);
        return {
          getEntitiesByRefs: jest.fn(async ({ entityRefs }) => ({
            items: entityRefs.map((ref: string) =>
              hidden.includes(ref) ? undefined : entities.get(ref),
            ),
          })),
        };
      };
      const service = (c = catalog()) =>
        new BlastRadiusService({
          db: knex,
          catalog: c as any,
          sources,
          defaultDepth: 1,
          maxDepth: 3,
        });

      beforeEach(async () => {
        await knex('integration_accesses').insert({
          integration_ref: LEAVING_API,
          target_ref: 'component:default/orders-service',
        });
      });

      it('follows accesses, then the catalog relations to the depth asked', async () => {
        const creds = {} as any;
        const radius = await service().get(LEAVING, {}, creds);
        expect(radius.depth).toBe(1);
        expect(radius.integrations).toEqual([
          'partnerintegration:default/leaving-api',
          'partnerintegration:default/leaving-feed',
        ]);
        expect(
          radius.identities.map(i => [i.name, i.revocable, i.observedAs]),
        ).toEqual([
          ['key-a', true, 'partner-db:partner_leaving_a'],
          ['key-b', true, 'partner-db:partner_leaving_b'],
          ['key-c', false, undefined],
          ['key-e', false, 'directory:uid=leaving-e'],
        ]);
        expect(radius.entities).toEqual([
          {
            entityRef: 'component:default/orders-service',
            title: 'The orders-service',
            distance: 1,
            via: 'accesses',
            from: LEAVING_API,
          },
          {
            entityRef: 'api:default/orders-api',
            title: 'The orders-api',
            distance: 2,
            via: 'providesApi',
            from: 'component:default/orders-service',
          },
          {
            entityRef: 'resource:default/orders-db',
            title: 'The orders-db',
            distance: 2,
            via: 'dependsOn',
            from: 'component:default/orders-service',
          },
        ]);
        const deeper = await service().get(LEAVING, { depth: 2 }, creds);
        expect(
          deeper.entities.map(e => [e.entityRef, e.distance]),
        ).toContainEqual(['resource:default/backups', 3]);
        const none = await service().get(LEAVING, { depth: 0 }, creds);
        expect(none.entities.map(e => e.entityRef)).toEqual([
          'component:default/orders-service',
        ]);
      });

      it('leaves out, and does not follow, what the caller may not read', async () => {
        const c = catalog(['resource:default/orders-db']);
        const radius = await service(c).get(LEAVING, { depth: 3 }, {} as any);
        expect(radius.entities.map(e => e.entityRef)).toEqual([
          'component:default/orders-service',
          'api:default/orders-api',
        ]);
      });

      it('refuses a depth beyond the maximum and an unknown partner', async () => {
        await expect(
          service().get(LEAVING, { depth: 4 }, {} as any),
        ).rejects.toThrow('request/query/depth must be at most 3, got 4');
        await expect(
          service().get('partner:default/nobody', {}, {} as any),
        ).rejects.toMatchObject({ name: 'NotFoundError' });
      });
    });
  });
});
