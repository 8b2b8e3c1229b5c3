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
import { findSecrets } from '@partner-governance/plugin-partners-node';
import type { Knex } from 'knex';
import { createTestDatabases, dumpTables } from '../__testUtils__/databases';
import { EXAMPLE_COUNTS } from '../__testUtils__/examples';
import {
  isIntegration,
  openSyncFixture,
  type SyncFixture,
  syncTools,
  T1,
  T2,
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

    it('indexes the example estate on the first run', async () => {
      // the catalog holds the whole estate; only the two kinds are indexed
      expect(
        entities.filter(e => e.kind !== 'Partner' && !isIntegration(e)).length,
      ).toBeGreaterThan(0);

      const summary = await syncOver(entities).run(T1);

      const accesses = await count('integration_accesses');
      expect(accesses).toBeGreaterThan(0);
      expect(summary).toEqual({
        partners: EXAMPLE_COUNTS.partners,
        integrations: EXAMPLE_COUNTS.integrations,
        changed: EXAMPLE_COUNTS.partners + EXAMPLE_COUNTS.integrations,
        gone: 0,
        rowsWritten:
          EXAMPLE_COUNTS.partners +
          EXAMPLE_COUNTS.integrations +
          EXAMPLE_COUNTS.identities +
          accesses,
      });
      expect(summary.rowsWritten).toBeGreaterThan(0);
      expect(await count('partners', true)).toBe(EXAMPLE_COUNTS.partners);
      expect(await count('integrations', true)).toBe(
        EXAMPLE_COUNTS.integrations,
      );
      expect(await count('identities', true)).toBe(EXAMPLE_COUNTS.identities);
      expect(await count('partners')).toBe(EXAMPLE_COUNTS.partners);
      expect(await count('identities')).toBe(EXAMPLE_COUNTS.identities);

      // refs are stored in their full, lower-case form
      const integration = await knex('integrations')
        .where('entity_ref', 'partnerintegration:default/ashcombe-backup-ops')
        .first();
      expect(integration).toMatchObject({
        partner_ref: 'partner:default/ashcombe-hosting',
        owner_ref: 'group:default/team-platform-sre',
        environment: 'production',
        access_package: 'managed-ops-admin',
        synced_at: T1.toISOString(),
        gone_at: null,
      });
      expect(
        (
          await knex('integration_accesses')
            .where('integration_ref', integration.entity_ref)
            .orderBy('target_ref')
        ).map(row => row.target_ref),
      ).toEqual(['resource:default/payments-db', 'system:default/billing']);
      const identity = await knex('identities')
        .where({
          integration_ref: integration.entity_ref,
          name: 'backup-operator-sa',
        })
        .first();
      expect(identity).toMatchObject({
        custodian_ref: 'user:default/sofia-marquez',
        last_used: '2026-11-27',
        status: 'active',
      });
      const restoreKey = await knex('identities')
        .where({
          integration_ref: integration.entity_ref,
          name: 'restore-drill-key',
        })
        .first();
      // the custodian defaults to the integration owner
      expect(restoreKey.custodian_ref).toBe('group:default/team-platform-sre');

      // only the fields the rules read are stored, not annotations or links
      const stored = JSON.parse(integration.entity);
      expect(Object.keys(stored.metadata).sort()).toEqual([
        'description',
        'name',
        'namespace',
        'title',
      ]);
      expect(stored.spec).toEqual(
        entities.find(e => e.metadata.name === 'ashcombe-backup-ops')!.spec,
      );

      expect(logger.info).toHaveBeenCalledWith(
        'Synced the partner identity index from the catalog',
        summary,
      );
      const live = await store.listLiveEntities();
      expect(live).toHaveLength(
        EXAMPLE_COUNTS.partners + EXAMPLE_COUNTS.integrations,
      );
    });

    it('stores where secrets live, never a secret value', async () => {
      await syncOver(entities).run(T1);
      const dump = await dumpTables(knex);
      const json = JSON.stringify(dump);

      expect(json).toContain('vault:');
      expect(json).toContain('arn:aws:secretsmanager:');
      expect(await findSecrets(dump)).toEqual([]);

      // every secret_ref is a secretRef from the files, nothing else
      const secretRefs = new Set(
        entities
          .filter(isIntegration)
          .flatMap(e => e.spec.identities ?? [])
          .flatMap(i => (i.secretRef ? [i.secretRef] : [])),
      );
      const stored = dump.identities.flatMap(row =>
        row.secret_ref ? [String(row.secret_ref)] : [],
      );
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.every(ref => secretRefs.has(ref))).toBe(true);
      expect(stored.some(ref => ref.startsWith('vault:'))).toBe(true);

      // no column could hold a secret value: only the reference column
      const columns = Object.keys(await knex('identities').columnInfo());
      expect(
        columns.filter(column =>
          /secret|password|token|api_?key|private|credential/i.test(column),
        ),
      ).toEqual(['secret_ref']);
      for (const table of [
        'partners',
        'integrations',
        'integration_accesses',
      ]) {
        expect(
          Object.keys(await knex(table).columnInfo()).filter(column =>
            /secret|password|token|api_?key|private|credential/i.test(column),
          ),
        ).toEqual([]);
      }
    });

    it('defaults the namespace of entities that name none', async () => {
      const bare = entities
        .filter(e => e.kind === 'Partner' || isIntegration(e))
        .map(e => {
          const { namespace: _namespace, ...metadata } = e.metadata;
          return { ...e, metadata };
        });
      await expect(syncOver(bare).run(T1)).resolves.toMatchObject({
        partners: EXAMPLE_COUNTS.partners,
        integrations: EXAMPLE_COUNTS.integrations,
      });
      // the same entities with the namespace spelled out are a change of
      // content, but not of identity: no duplicates, nothing gone
      const summary = await syncOver(entities).run(T2);
      expect(summary.gone).toBe(0);
      expect(await count('partners')).toBe(EXAMPLE_COUNTS.partners);
      expect(await count('integrations')).toBe(EXAMPLE_COUNTS.integrations);
      expect(await count('identities')).toBe(EXAMPLE_COUNTS.identities);
    });
  });
});
