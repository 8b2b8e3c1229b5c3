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

import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { PartnerIntegrationEntityV1alpha1 } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { IdentityIndexSync } from '../services/IdentityIndexSync';
import { loadExampleEntities } from './examples';
import { openIdentityIndexStore } from './identityIndex';

/** The times of successive sync runs. */
export const T1 = new Date('2026-11-29T08:00:00.000Z');
export const T2 = new Date('2026-11-30T08:00:00.000Z');
export const T3 = new Date('2026-12-01T08:00:00.000Z');

type Rows = Array<Record<string, unknown>>;

/** The rows of `after` that differ from the row of the same key in `before`. */
export function changedRows(
  before: Rows,
  after: Rows,
  key: (row: Record<string, unknown>) => string,
): Rows {
  const old = new Map(before.map(row => [key(row), JSON.stringify(row)]));
  return after.filter(row => old.get(key(row)) !== JSON.stringify(row));
}

export const identityKey = (row: Record<string, unknown>) =>
  `${row.integration_ref}|${row.name}`;
export const entityKey = (row: Record<string, unknown>) =>
  String(row.entity_ref);

export function isIntegration(
  entity: Entity,
): entity is PartnerIntegrationEntityV1alpha1 {
  return entity.kind === 'PartnerIntegration';
}

/** A catalog that yields its first page and then fails. */
export function failingCatalog(entities: Entity[]): CatalogService {
  return catalogServiceMock.mock({
    async *streamEntities() {
      yield entities.slice(0, 20);
      throw new Error('catalog went away');
    },
  });
}

/** What a sync test works with: an empty index and the example estate. */
export interface SyncFixture {
  knex: Knex;
  store: DatabaseIdentityIndexStore;
  entities: Entity[];
  logger: ReturnType<typeof mockServices.logger.mock>;
}

/** An empty identity index over a fresh test database. */
export async function openSyncFixture(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<SyncFixture> {
  const { knex, store } = await openIdentityIndexStore(databases, id);
  return {
    knex,
    store,
    entities: loadExampleEntities(),
    logger: mockServices.logger.mock(),
  };
}

/** Syncs and row counts over the fixture `fixture` returns at call time. */
export function syncTools(fixture: () => SyncFixture) {
  return {
    /** A sync over the given catalog, or a catalog of the given entities. */
    syncOver: (catalog: Entity[] | CatalogService) =>
      new IdentityIndexSync({
        store: fixture().store,
        catalog: Array.isArray(catalog)
          ? catalogServiceMock({ entities: catalog })
          : catalog,
        auth: mockServices.auth(),
        logger: fixture().logger,
      }),
    /** The rows of a table, or only those not gone. */
    count: async (table: string, live = false) => {
      const query = fixture().knex(table).count({ n: '*' });
      if (live) {
        query.whereNull('gone_at');
      }
      return Number((await query)[0].n);
    },
  };
}
