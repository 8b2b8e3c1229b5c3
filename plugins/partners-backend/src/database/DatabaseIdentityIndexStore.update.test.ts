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

import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  changes,
  identity,
  integrationChange,
  integrationRows,
  openIdentityIndexStore,
  partnerChange,
  T2,
  T3,
} from '../__testUtils__/identityIndex';
import type { DatabaseIdentityIndexStore } from './DatabaseIdentityIndexStore';

jest.setTimeout(90_000);

describe('DatabaseIdentityIndexStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseIdentityIndexStore;

    beforeEach(async () => {
      ({ knex, store } = await openIdentityIndexStore(databases, databaseId));
    });

    const { identitiesOf, accessesOf } = integrationRows(() => knex);

    it('upserts identities of a changed integration, keeping their ids, marking removed ones gone and replacing accesses', async () => {
      await store.apply(
        changes({
          partners: [partnerChange('acme')],
          integrations: [
            integrationChange('acme-api', {
              identities: [
                identity('alpha'),
                identity('beta'),
                identity('gamma'),
              ],
              accesses: ['component:orders-api', 'api:orders'],
            }),
            integrationChange('acme-feed', {
              identities: [identity('alpha')],
              accesses: ['component:orders-api'],
            }),
          ],
        }),
      );
      const before = await identitiesOf('partnerintegration:default/acme-api');
      const idBefore = new Map(before.map(row => [row.name, String(row.id)]));
      const feedBefore = await identitiesOf(
        'partnerintegration:default/acme-feed',
      );

      const written = await store.apply(
        changes({
          now: T2,
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-2',
              identities: [
                identity('alpha', { lastUsed: '2026-11-30' }),
                identity('gamma'),
                identity('delta'),
              ],
              accesses: ['api:orders', 'resource:orders-db'],
            }),
          ],
        }),
      );
      // 1 integration + 3 identities upserted + 1 marked gone + 2 accesses
      expect(written).toBe(7);

      const after = await identitiesOf('partnerintegration:default/acme-api');
      expect(after.map(row => [row.name, row.gone_at])).toEqual([
        ['alpha', null],
        ['beta', T2],
        ['delta', null],
        ['gamma', null],
      ]);
      for (const name of ['alpha', 'beta', 'gamma']) {
        expect(String(after.find(row => row.name === name).id)).toBe(
          idBefore.get(name),
        );
      }
      expect(idBefore.has('delta')).toBe(false);
      expect(after.find(row => row.name === 'alpha').last_used).toBe(
        '2026-11-30',
      );
      // the removed identity keeps what it last was
      expect(after.find(row => row.name === 'beta')).toMatchObject({
        secret_ref: 'vault:kv/partners/beta',
        last_used: '2026-11-20',
      });

      await expect(
        accessesOf('partnerintegration:default/acme-api'),
      ).resolves.toEqual(['api:default/orders', 'resource:default/orders-db']);
      // the other integration, and its identity of the same name, are untouched
      await expect(
        identitiesOf('partnerintegration:default/acme-feed'),
      ).resolves.toEqual(feedBefore);
      await expect(
        accessesOf('partnerintegration:default/acme-feed'),
      ).resolves.toEqual(['component:default/orders-api']);

      const integration = await knex('integrations')
        .where('entity_ref', 'partnerintegration:default/acme-api')
        .first();
      expect(integration).toMatchObject({
        hash: 'hash-acme-api-2',
        synced_at: T2,
      });

      // an identity that comes back is live again, with its old id
      await store.apply(
        changes({
          now: T3,
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-3',
              identities: [identity('beta')],
              accesses: [],
            }),
          ],
        }),
      );
      const third = await identitiesOf('partnerintegration:default/acme-api');
      expect(third.map(row => [row.name, row.gone_at])).toEqual([
        ['alpha', T3],
        ['beta', null],
        ['delta', T3],
        ['gamma', T3],
      ]);
      expect(String(third.find(row => row.name === 'beta').id)).toBe(
        idBefore.get('beta'),
      );
      await expect(
        accessesOf('partnerintegration:default/acme-api'),
      ).resolves.toEqual([]);
    });

    it('marks every identity gone when an integration is left with none', async () => {
      await store.apply(
        changes({
          integrations: [
            integrationChange('acme-api', {
              identities: [identity('alpha'), identity('beta')],
            }),
          ],
        }),
      );
      const written = await store.apply(
        changes({
          now: T2,
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-2',
              identities: [],
              accesses: [],
            }),
          ],
        }),
      );
      // 1 integration + 2 identities marked gone
      expect(written).toBe(3);
      const rows = await identitiesOf('partnerintegration:default/acme-api');
      expect(rows.map(row => row.gone_at)).toEqual([T2, T2]);
    });
  });
});
