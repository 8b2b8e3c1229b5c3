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
import {
  createTestDatabases,
  NOT_NULL_VIOLATION,
} from '../__testUtils__/databases';
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

    it('writes more rows than one batch holds', async () => {
      const partners = Array.from({ length: 600 }, (_, i) =>
        partnerChange(`partner-${String(i).padStart(3, '0')}`),
      );
      const identities = Array.from({ length: 120 }, (_, i) =>
        identity(`identity-${String(i).padStart(3, '0')}`),
      );
      const accesses = Array.from(
        { length: 120 },
        (_, i) => `component:service-${String(i).padStart(3, '0')}`,
      );
      const integrations = [
        integrationChange('big-api', {
          partner: 'partner-000',
          identities,
          accesses,
        }),
        ...Array.from({ length: 75 }, (_, i) =>
          integrationChange(`small-${String(i).padStart(3, '0')}`),
        ),
      ];

      const written = await store.apply(changes({ partners, integrations }));
      // 600 partners + 76 integrations + (120 + 75) identities + (120 + 75) accesses
      expect(written).toBe(600 + 76 + 195 + 195);
      const count = async (table: string) =>
        Number((await knex(table).count({ n: '*' }))[0].n);
      expect(await count('partners')).toBe(600);
      expect(await count('integrations')).toBe(76);
      expect(await count('identities')).toBe(195);
      expect(await count('integration_accesses')).toBe(195);

      // changing the big integration: 100 kept, 20 gone, 30 new
      const ids = new Map(
        (await identitiesOf('partnerintegration:default/big-api')).map(row => [
          row.name,
          String(row.id),
        ]),
      );
      const next = [
        ...identities.slice(20),
        ...Array.from({ length: 30 }, (_, i) =>
          identity(`identity-new-${String(i).padStart(3, '0')}`),
        ),
      ];
      await store.apply(
        changes({
          now: T2,
          integrations: [
            integrationChange('big-api', {
              partner: 'partner-000',
              hash: 'hash-big-api-2',
              identities: next,
              accesses: accesses.slice(60),
            }),
          ],
        }),
      );
      const rows = await identitiesOf('partnerintegration:default/big-api');
      expect(rows).toHaveLength(150);
      expect(rows.filter(row => row.gone_at === T2)).toHaveLength(20);
      expect(rows.filter(row => row.gone_at === null)).toHaveLength(130);
      const kept = rows.filter(row => ids.has(row.name));
      expect(kept).toHaveLength(120);
      expect(kept.map(row => String(row.id))).toEqual(
        kept.map(row => ids.get(row.name)),
      );
      expect(
        await accessesOf('partnerintegration:default/big-api'),
      ).toHaveLength(60);

      // all 600 partners gone at once
      const goneWritten = await store.apply(
        changes({
          now: T3,
          gonePartners: partners.map(p => p.ref),
        }),
      );
      expect(goneWritten).toBe(600);
      const states = await store.getStates();
      expect([...states.partners.values()].every(s => s.gone)).toBe(true);
      expect(await count('partners')).toBe(600);
      expect(await store.listLiveEntities()).toHaveLength(76);
    });

    it('writes nothing when a change fails half-way', async () => {
      await store.apply(
        changes({
          partners: [partnerChange('acme')],
          integrations: [integrationChange('acme-api')],
        }),
      );
      const dump = async () => ({
        partners: await knex('partners').orderBy('entity_ref'),
        integrations: await knex('integrations').orderBy('entity_ref'),
        identities: await knex('identities').orderBy('name'),
        accesses: await knex('integration_accesses').orderBy('target_ref'),
      });
      const before = await dump();

      const broken = integrationChange('broken-api');
      // a NOT NULL column left empty: the integrations insert fails after the
      // partner was already written in the same transaction
      (broken.entity.spec as any).type = undefined;
      await expect(
        store.apply(
          changes({
            now: T2,
            partners: [partnerChange('acme', { hash: 'hash-acme-2' })],
            integrations: [
              integrationChange('acme-api', {
                hash: 'hash-acme-api-2',
                identities: [],
              }),
              broken,
            ],
            goneIntegrations: [],
          }),
        ),
      ).rejects.toMatchObject({
        message: expect.stringMatching(NOT_NULL_VIOLATION),
      });
      expect(await dump()).toEqual(before);
    });
  });
});
