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

import path from 'node:path';
import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/**
 * The databases every database test runs on: SQLite always, PostgreSQL 15
 * unless the test runner found no server (it then sets
 * PARTNERS_TEST_SKIP_POSTGRES). PostgreSQL is reached through
 * BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING; with Docker disabled
 * and no connection string, TestDatabases leaves it out as well.
 */
export const TEST_DATABASE_IDS: TestDatabaseId[] = process.env
  .PARTNERS_TEST_SKIP_POSTGRES
  ? ['SQLITE_3']
  : ['SQLITE_3', 'POSTGRES_15'];

/**
 * The database several backend instances share in a test. PostgreSQL is
 * what a multi-instance deployment runs on; without it
 * (PARTNERS_TEST_SKIP_POSTGRES) the instances share one in-process SQLite
 * connection instead, so that such a file still tests the same thing (Jest
 * fails an empty `describe.each` and a file without tests).
 */
export const SHARED_DATABASE_IDS: TestDatabaseId[] = process.env
  .PARTNERS_TEST_SKIP_POSTGRES
  ? ['SQLITE_3']
  : ['POSTGRES_15'];

/** Call once per test file, at the top level or in a describe block. */
export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: TEST_DATABASE_IDS });
}

/** The plugin's migrations, as the store runs them. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '../../migrations');

/**
 * Fills the `stakeholders` table from partners, integrations and identities
 * a test inserted as rows (the index refresh keeps it current otherwise), as
 * the migration that created it does.
 */
export async function indexStakeholders(knex: Knex): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const migration = require(path.join(
    MIGRATIONS_DIR,
    '20261207120000_stakeholders.js',
  ));
  await knex('stakeholders').delete();
  await migration.backfill(knex);
}

/** The tables of the identity index. */
export const INDEX_TABLES = [
  'partners',
  'integrations',
  'identities',
  'integration_accesses',
] as const;

/** A database service over a fresh test database. */
export async function createTestDatabaseService(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<{ knex: Knex; database: DatabaseService }> {
  const knex = await databases.init(id);
  return { knex, database: mockServices.database({ knex }) };
}

const ORDER: Record<(typeof INDEX_TABLES)[number], string[]> = {
  partners: ['entity_ref'],
  integrations: ['entity_ref'],
  identities: ['integration_ref', 'name'],
  integration_accesses: ['integration_ref', 'target_ref'],
};

/** Every row of every index table, in a stable order. */
export async function dumpTables(
  knex: Knex,
): Promise<Record<string, Array<Record<string, unknown>>>> {
  const dump: Record<string, Array<Record<string, unknown>>> = {};
  for (const table of INDEX_TABLES) {
    dump[table] = await knex(table).select().orderBy(ORDER[table]);
  }
  return dump;
}

/*
 * Database errors, for `rejects.toMatchObject({ message: ... })`. Not
 * `rejects.toThrow()`: better-sqlite3 binds its error class once per process,
 * so in the second test file a worker runs, SqliteError comes from another
 * realm, fails Jest's error check and reads as "did not throw".
 */
export const UNIQUE_VIOLATION =
  /UNIQUE constraint failed|duplicate key value violates unique constraint/;
export const NOT_NULL_VIOLATION =
  /NOT NULL constraint failed|violates not-null constraint/;
