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

import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  findSecretValues,
  type PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
  dumpTables,
} from '../__testUtils__/databases';
import { EXAMPLE_COUNTS, loadExampleEntities } from '../__testUtils__/examples';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { IdentityIndexSync } from './IdentityIndexSync';

jest.setTimeout(90_000);

const T1 = new Date('2026-11-29T08:00:00.000Z');
const T2 = new Date('2026-11-30T08:00:00.000Z');
const T3 = new Date('2026-12-01T08:00:00.000Z');

type Rows = Array<Record<string, unknown>>;

/** The rows of `after` that differ from the row of the same key in `before`. */
function changedRows(
  before: Rows,
  after: Rows,
  key: (row: Record<string, unknown>) => string,
): Rows {
  const old = new Map(before.map(row => [key(row), JSON.stringify(row)]));
  return after.filter(row => old.get(key(row)) !== JSON.stringify(row));
}

const identityKey = (row: Record<string, unknown>) =>
  `${row.integration_ref}|${row.name}`;
const entityKey = (row: Record<string, unknown>) => String(row.entity_ref);

function isIntegration(
  entity: Entity,
): entity is PartnerIntegrationEntityV1alpha1 {
  return entity.kind === 'PartnerIntegration';
}

/** A catalog that yields its first page and then fails. */
function failingCatalog(entities: Entity[]): CatalogService {
  return catalogServiceMock.mock({
    async *streamEntities() {
      yield entities.slice(0, 20);
      throw new Error('catalog went away');
    },
  });
}

describe('IdentityIndexSync', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseIdentityIndexStore;
    let entities: Entity[];
    let logger: ReturnType<typeof mockServices.logger.mock>;

    /** A sync over the given catalog, or a catalog of the given entities. */
    const syncOver = (catalog: Entity[] | CatalogService) =>
      new IdentityIndexSync({
        store,
        catalog: Array.isArray(catalog)
          ? catalogServiceMock({ entities: catalog })
          : catalog,
        auth: mockServices.auth(),
        logger,
      });

    const count = async (table: string, live = false) => {
      const query = knex(table).count({ n: '*' });
      if (live) {
        query.whereNull('gone_at');
      }
      return Number((await query)[0].n);
    };

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseIdentityIndexStore.create({
        database: created.database,
      });
      entities = loadExampleEntities();
      logger = mockServices.logger.mock();
    });

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

    it('leaves the index as it was when the catalog fails half-way', async () => {
      await syncOver(entities).run(T1);
      const before = await dumpTables(knex);

      // what a complete read would have changed: a partner and a removal
      const changed = loadExampleEntities().filter(
        e => e.metadata.name !== 'ashcombe-backup-ops',
      );
      const partner = changed.find(e => e.kind === 'Partner')!;
      partner.metadata.title = 'Renamed while the catalog failed';
      const pageOne = changed.filter(
        e => e.kind === 'Partner' || isIntegration(e),
      );

      await expect(syncOver(failingCatalog(pageOne)).run(T2)).rejects.toThrow(
        'catalog went away',
      );
      expect(await dumpTables(knex)).toEqual(before);

      // and the next good sync picks up from the intact index
      await expect(syncOver(entities).run(T3)).resolves.toMatchObject({
        changed: 0,
        gone: 0,
        rowsWritten: 0,
      });
    });

    it('leaves an empty index empty when the catalog fails on the first run', async () => {
      await expect(syncOver(failingCatalog(entities)).run(T1)).rejects.toThrow(
        'catalog went away',
      );
      const dump = await dumpTables(knex);
      expect(Object.values(dump).every(rows => rows.length === 0)).toBe(true);
    });

    it('stores where secrets live, never a secret value', async () => {
      await syncOver(entities).run(T1);
      const dump = await dumpTables(knex);
      const json = JSON.stringify(dump);

      expect(json).toContain('vault:');
      expect(json).toContain('arn:aws:secretsmanager:');
      expect(findSecretValues(dump)).toEqual([]);

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
