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

    it('marks gone partners, integrations and their identities without deleting rows', async () => {
      await store.apply(
        changes({
          partners: [partnerChange('acme'), partnerChange('globex')],
          integrations: [
            integrationChange('acme-api', {
              identities: [identity('alpha'), identity('beta')],
            }),
            integrationChange('globex-api', {
              partner: 'globex',
              identities: [identity('alpha')],
            }),
          ],
        }),
      );
      // an identity removed earlier keeps the time it went
      await store.apply(
        changes({
          now: T2,
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-2',
              identities: [identity('alpha')],
            }),
          ],
        }),
      );

      const written = await store.apply(
        changes({
          now: T3,
          gonePartners: ['partner:default/acme'],
          goneIntegrations: ['partnerintegration:default/acme-api'],
        }),
      );
      // 1 partner + 1 integration + 1 live identity
      expect(written).toBe(3);

      expect(
        await knex('partners')
          .select('entity_ref', 'gone_at')
          .orderBy('entity_ref'),
      ).toEqual([
        { entity_ref: 'partner:default/acme', gone_at: T3 },
        { entity_ref: 'partner:default/globex', gone_at: null },
      ]);
      expect(
        await knex('integrations')
          .select('entity_ref', 'gone_at')
          .orderBy('entity_ref'),
      ).toEqual([
        { entity_ref: 'partnerintegration:default/acme-api', gone_at: T3 },
        { entity_ref: 'partnerintegration:default/globex-api', gone_at: null },
      ]);
      expect(
        (await identitiesOf('partnerintegration:default/acme-api')).map(row => [
          row.name,
          row.gone_at,
        ]),
      ).toEqual([
        ['alpha', T3],
        ['beta', T2],
      ]);
      expect(
        (await identitiesOf('partnerintegration:default/globex-api')).map(
          row => row.gone_at,
        ),
      ).toEqual([null]);
      // accesses stay with the gone integration, for the audit trail
      await expect(
        accessesOf('partnerintegration:default/acme-api'),
      ).resolves.toEqual(['component:default/orders-api']);

      const states = await store.getStates();
      expect(states.partners.get('partner:default/acme')).toEqual({
        hash: 'hash-acme-1',
        gone: true,
      });
      expect(
        states.integrations.get('partnerintegration:default/acme-api'),
      ).toEqual({ hash: 'hash-acme-api-2', gone: true });

      // coming back clears gone_at on the entity and its current identities
      await store.apply(
        changes({
          now: T3,
          partners: [partnerChange('acme')],
          integrations: [
            integrationChange('acme-api', {
              hash: 'hash-acme-api-2',
              identities: [identity('alpha')],
            }),
          ],
        }),
      );
      expect(
        (await knex('partners').whereNotNull('gone_at')).map(r => r.entity_ref),
      ).toEqual([]);
      expect(
        (await identitiesOf('partnerintegration:default/acme-api')).map(row => [
          row.name,
          row.gone_at,
        ]),
      ).toEqual([
        ['alpha', null],
        ['beta', T2],
      ]);
    });

    it('reports hashes and gone states, and lists only live entities', async () => {
      const acme = partnerChange('acme', { hash: 'a'.repeat(64) });
      const globex = partnerChange('globex', { hash: 'b'.repeat(64) });
      const api = integrationChange('acme-api', { hash: 'c'.repeat(64) });
      const feed = integrationChange('globex-feed', {
        partner: 'globex',
        hash: 'd'.repeat(64),
      });
      await store.apply(
        changes({ partners: [acme, globex], integrations: [api, feed] }),
      );

      let states = await store.getStates();
      expect(Object.fromEntries(states.partners)).toEqual({
        'partner:default/acme': { hash: 'a'.repeat(64), gone: false },
        'partner:default/globex': { hash: 'b'.repeat(64), gone: false },
      });
      expect(Object.fromEntries(states.integrations)).toEqual({
        'partnerintegration:default/acme-api': {
          hash: 'c'.repeat(64),
          gone: false,
        },
        'partnerintegration:default/globex-feed': {
          hash: 'd'.repeat(64),
          gone: false,
        },
      });
      const byName = (entities: Array<{ metadata: { name: string } }>) =>
        [...entities].sort((a, b) =>
          a.metadata.name.localeCompare(b.metadata.name),
        );
      expect(byName(await store.listLiveEntities())).toEqual([
        acme.entity,
        api.entity,
        globex.entity,
        feed.entity,
      ]);

      await store.apply(
        changes({
          now: T2,
          gonePartners: ['partner:default/globex'],
          goneIntegrations: ['partnerintegration:default/globex-feed'],
        }),
      );
      states = await store.getStates();
      expect(states.partners.get('partner:default/globex')).toEqual({
        hash: 'b'.repeat(64),
        gone: true,
      });
      expect(
        states.integrations.get('partnerintegration:default/globex-feed'),
      ).toEqual({ hash: 'd'.repeat(64), gone: true });
      expect(states.partners.get('partner:default/acme')?.gone).toBe(false);
      expect(byName(await store.listLiveEntities())).toEqual([
        acme.entity,
        api.entity,
      ]);
    });
  });
});
