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

import fs from 'node:fs';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  INDEX_TABLES,
  MIGRATIONS_DIR,
  UNIQUE_VIOLATION,
} from './__testUtils__/databases';

jest.setTimeout(90_000);

const config = { directory: MIGRATIONS_DIR };

async function existingTables(knex: Knex): Promise<string[]> {
  const found: string[] = [];
  for (const table of INDEX_TABLES) {
    if (await knex.schema.hasTable(table)) {
      found.push(table);
    }
  }
  return found;
}

/** Every table the migrations made, whichever migrations there are. */
async function allTables(knex: Knex): Promise<string[]> {
  const client = knex.client.config.client;
  const rows: Array<{ name: string }> =
    client === 'pg'
      ? (
          await knex.raw(
            'select tablename as name from pg_tables where schemaname = current_schema()',
          )
        ).rows
      : await knex.raw(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        );
  return rows
    .map(row => row.name)
    .filter(name => !name.startsWith('knex_migrations'))
    .sort();
}

/** The migration files, oldest first. */
const MIGRATION_FILES = fs
  .readdirSync(MIGRATIONS_DIR)
  .filter(file => /^\d{14}_.*\.js$/.test(file))
  .sort();

async function insertRows(knex: Knex, suffix: string) {
  await knex('partners').insert({
    entity_ref: `partner:default/acme-${suffix}`,
    type: 'integrator',
    stage: 'enablement',
    tier: 'medium',
    owner_ref: 'group:default/partner-operations',
    entity: '{}',
    hash: 'h',
    synced_at: '2026-11-01T00:00:00.000Z',
  });
  await knex('integrations').insert({
    entity_ref: `partnerintegration:default/acme-api-${suffix}`,
    partner_ref: `partner:default/acme-${suffix}`,
    type: 'api',
    owner_ref: 'group:default/team-orders',
    entity: '{}',
    hash: 'h',
    synced_at: '2026-11-01T00:00:00.000Z',
  });
  await knex('identities').insert({
    integration_ref: `partnerintegration:default/acme-api-${suffix}`,
    name: 'orders-key',
    type: 'api-key',
    status: 'active',
    scopes: '[]',
    shared_with: '[]',
    secret_ref: 'vault:kv/partners/acme',
  });
  await knex('integration_accesses').insert({
    integration_ref: `partnerintegration:default/acme-api-${suffix}`,
    target_ref: 'component:default/orders-api',
  });
}

async function counts(knex: Knex): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of INDEX_TABLES) {
    result[table] = Number((await knex(table).count({ n: '*' }))[0].n);
  }
  return result;
}

describe('migrations', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('migrates up, down and up again', async () => {
      expect(await allTables(knex)).toEqual([]);

      const [, applied] = await knex.migrate.latest(config);
      expect(
        applied.map((file: string) => file.replace(/^.*[\\/]/, '')),
      ).toEqual(MIGRATION_FILES);
      expect(await existingTables(knex)).toEqual([...INDEX_TABLES]);
      const tablesWhenUp = await allTables(knex);
      await insertRows(knex, 'one');
      expect(await counts(knex)).toEqual({
        partners: 1,
        integrations: 1,
        identities: 1,
        integration_accesses: 1,
      });

      const [, rolledBack] = await knex.migrate.rollback(config, true);
      expect(rolledBack).toHaveLength(MIGRATION_FILES.length);
      expect(await existingTables(knex)).toEqual([]);
      expect(await allTables(knex)).toEqual([]);
      const [completed, pending] = await knex.migrate.list(config);
      expect(completed).toEqual([]);
      expect(pending).toHaveLength(MIGRATION_FILES.length);

      await knex.migrate.latest(config);
      expect(await existingTables(knex)).toEqual([...INDEX_TABLES]);
      expect(await allTables(knex)).toEqual(tablesWhenUp);
      // the tables come back empty, with their constraints
      expect(await counts(knex)).toEqual({
        partners: 0,
        integrations: 0,
        identities: 0,
        integration_accesses: 0,
      });
      await insertRows(knex, 'two');
      await expect(insertRows(knex, 'two')).rejects.toMatchObject({
        message: expect.stringMatching(UNIQUE_VIOLATION),
      });
    });

    it('undoes each migration with its own down', async () => {
      const steps: string[][] = [await allTables(knex)];
      for (let i = 0; i < MIGRATION_FILES.length; i++) {
        await knex.migrate.up(config);
        steps.push(await allTables(knex));
      }
      expect(steps[1]).toEqual([...INDEX_TABLES].sort());
      for (let i = MIGRATION_FILES.length - 1; i >= 0; i--) {
        await knex.migrate.down(config);
        expect(await allTables(knex)).toEqual(steps[i]);
      }
    });

    it('runs latest twice as a no-op that keeps the data', async () => {
      await knex.migrate.latest(config);
      await insertRows(knex, 'one');
      await insertRows(knex, 'two');
      const before = {
        partners: await knex('partners').orderBy('entity_ref'),
        identities: await knex('identities').orderBy('integration_ref'),
      };

      const [, applied] = await knex.migrate.latest(config);
      expect(applied).toEqual([]);
      expect(await existingTables(knex)).toEqual([...INDEX_TABLES]);
      expect(await counts(knex)).toEqual({
        partners: 2,
        integrations: 2,
        identities: 2,
        integration_accesses: 2,
      });
      expect({
        partners: await knex('partners').orderBy('entity_ref'),
        identities: await knex('identities').orderBy('integration_ref'),
      }).toEqual(before);
      expect(await knex.migrate.currentVersion(config)).toBe(
        MIGRATION_FILES[MIGRATION_FILES.length - 1].slice(0, 14),
      );
    });

    it('keeps identity names unique per integration and ids generated', async () => {
      await knex.migrate.latest(config);
      await insertRows(knex, 'one');
      const row = {
        integration_ref: 'partnerintegration:default/acme-api-one',
        name: 'orders-key',
        type: 'api-key',
        status: 'active',
        scopes: '[]',
        shared_with: '[]',
      };
      await expect(knex('identities').insert(row)).rejects.toMatchObject({
        message: expect.stringMatching(UNIQUE_VIOLATION),
      });
      await knex('identities').insert({ ...row, name: 'other-key' });
      const ids = (await knex('identities').orderBy('id')).map(r =>
        Number(r.id),
      );
      expect(ids).toHaveLength(2);
      expect(ids[1]).toBeGreaterThan(ids[0]);
      // privileged defaults to false
      const inserted = await knex('identities')
        .where('name', 'other-key')
        .first();
      expect(Boolean(inserted.privileged)).toBe(false);
      expect(inserted.gone_at).toBeNull();
    });
  });
});
