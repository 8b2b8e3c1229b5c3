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
import type { PartnerIntegrationEntityV1alpha1 } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { createTestDatabases, dumpTables } from '../__testUtils__/databases';
import { EXAMPLE_COUNTS, loadExampleEntities } from '../__testUtils__/examples';
import {
  changedRows,
  entityKey,
  identityKey,
  isIntegration,
  openSyncFixture,
  type SyncFixture,
  syncTools,
  T1,
  T2,
  T3,
} from '../__testUtils__/identityIndexSync';
import type { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';

jest.setTimeout(90_000);

describe('IdentityIndexSync', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseIdentityIndexStore;
    let entities: Entity[];
    let logger: SyncFixture['logger'];

    beforeEach(async () => {
      ({ knex, store, entities, logger } = await openSyncFixture(
        databases,
        databaseId,
      ));
    });

    const { syncOver, count } = syncTools(() => ({
      knex,
      store,
      entities,
      logger,
    }));

    it('writes nothing when the catalog has not changed', async () => {
      await syncOver(entities).run(T1);
      const before = await dumpTables(knex);

      const summary = await syncOver(loadExampleEntities()).run(T2);

      expect(summary).toEqual({
        partners: EXAMPLE_COUNTS.partners,
        integrations: EXAMPLE_COUNTS.integrations,
        changed: 0,
        gone: 0,
        rowsWritten: 0,
      });
      // not even synced_at moves
      expect(await dumpTables(knex)).toEqual(before);
    });

    it('rewrites only the integration whose identity changed', async () => {
      await syncOver(entities).run(T1);
      const before = await dumpTables(knex);

      const target = entities.find(
        (e): e is PartnerIntegrationEntityV1alpha1 =>
          isIntegration(e) && (e.spec.identities?.length ?? 0) > 1,
      )!;
      const targetRef = `partnerintegration:default/${target.metadata.name}`;
      const changedIdentity = target.spec.identities![1];
      changedIdentity.lastUsed = '2026-11-30';

      const summary = await syncOver(entities).run(T2);

      const identityCount = target.spec.identities!.length;
      const accessCount = before.integration_accesses.filter(
        row => row.integration_ref === targetRef,
      ).length;
      expect(summary).toEqual({
        partners: EXAMPLE_COUNTS.partners,
        integrations: EXAMPLE_COUNTS.integrations,
        changed: 1,
        gone: 0,
        rowsWritten: 1 + identityCount + accessCount,
      });

      const after = await dumpTables(knex);
      expect(after.partners).toEqual(before.partners);
      expect(after.integration_accesses).toEqual(before.integration_accesses);
      expect(
        changedRows(before.integrations, after.integrations, entityKey).map(
          row => [row.entity_ref, row.synced_at],
        ),
      ).toEqual([[targetRef, T2.toISOString()]]);
      const identities = changedRows(
        before.identities,
        after.identities,
        identityKey,
      );
      expect(identities).toHaveLength(1);
      const old = before.identities.find(
        row => identityKey(row) === identityKey(identities[0]),
      )!;
      expect(identities[0]).toEqual({ ...old, last_used: '2026-11-30' });
      expect(identities[0].name).toBe(changedIdentity.name);
    });

    it('marks an integration that left the catalog gone, and live again when it returns', async () => {
      await syncOver(entities).run(T1);
      const before = await dumpTables(knex);

      const removed = entities.find(
        (e): e is PartnerIntegrationEntityV1alpha1 =>
          isIntegration(e) && (e.spec.identities?.length ?? 0) > 0,
      )!;
      const removedRef = `partnerintegration:default/${removed.metadata.name}`;
      const identityCount = removed.spec.identities!.length;

      const summary = await syncOver(entities.filter(e => e !== removed)).run(
        T2,
      );
      expect(summary).toEqual({
        partners: EXAMPLE_COUNTS.partners,
        integrations: EXAMPLE_COUNTS.integrations - 1,
        changed: 0,
        gone: 1,
        rowsWritten: 1 + identityCount,
      });

      const gone = await dumpTables(knex);
      // nothing is deleted
      expect(gone.integrations).toHaveLength(EXAMPLE_COUNTS.integrations);
      expect(gone.identities).toHaveLength(EXAMPLE_COUNTS.identities);
      expect(gone.integration_accesses).toEqual(before.integration_accesses);
      expect(gone.partners).toEqual(before.partners);
      expect(
        changedRows(before.integrations, gone.integrations, entityKey),
      ).toEqual([
        {
          ...before.integrations.find(row => row.entity_ref === removedRef),
          gone_at: T2.toISOString(),
        },
      ]);
      const goneIdentities = changedRows(
        before.identities,
        gone.identities,
        identityKey,
      );
      expect(goneIdentities).toHaveLength(identityCount);
      for (const row of goneIdentities) {
        expect(row.integration_ref).toBe(removedRef);
        expect(row.gone_at).toBe(T2.toISOString());
      }
      expect(await count('identities', true)).toBe(
        EXAMPLE_COUNTS.identities - identityCount,
      );
      const states = await store.getStates();
      expect(states.integrations.get(removedRef)?.gone).toBe(true);
      expect(
        (await store.listLiveEntities()).map(e => e.metadata.name),
      ).not.toContain(removed.metadata.name);

      // a second run without it changes nothing more
      await expect(
        syncOver(entities.filter(e => e !== removed)).run(T3),
      ).resolves.toMatchObject({ changed: 0, gone: 0, rowsWritten: 0 });

      // back in the catalog: live again, with the same identity ids
      const back = await syncOver(entities).run(T3);
      expect(back).toMatchObject({
        integrations: EXAMPLE_COUNTS.integrations,
        changed: 1,
        gone: 0,
      });
      const after = await dumpTables(knex);
      expect(await count('integrations', true)).toBe(
        EXAMPLE_COUNTS.integrations,
      );
      expect(await count('identities', true)).toBe(EXAMPLE_COUNTS.identities);
      expect(after.identities.map(row => String(row.id))).toEqual(
        before.identities.map(row => String(row.id)),
      );
      expect(
        changedRows(before.integrations, after.integrations, entityKey).map(
          row => [row.entity_ref, row.gone_at, row.synced_at],
        ),
      ).toEqual([[removedRef, null, T3.toISOString()]]);
      expect(after.partners).toEqual(before.partners);
      expect(after.integration_accesses).toEqual(before.integration_accesses);
    });

    it('marks a partner that left the catalog gone', async () => {
      await syncOver(entities).run(T1);
      const partner = entities.find(e => e.kind === 'Partner')!;
      const partnerRef = `partner:default/${partner.metadata.name}`;

      const summary = await syncOver(entities.filter(e => e !== partner)).run(
        T2,
      );
      expect(summary).toMatchObject({
        partners: EXAMPLE_COUNTS.partners - 1,
        changed: 0,
        gone: 1,
        rowsWritten: 1,
      });
      expect(
        await knex('partners').where('entity_ref', partnerRef).first(),
      ).toMatchObject({ gone_at: T2.toISOString() });
      expect(await count('partners')).toBe(EXAMPLE_COUNTS.partners);

      await expect(syncOver(entities).run(T3)).resolves.toMatchObject({
        changed: 1,
        gone: 0,
      });
      expect(
        await knex('partners').where('entity_ref', partnerRef).first(),
      ).toMatchObject({ gone_at: null, synced_at: T3.toISOString() });
    });
  });
});
