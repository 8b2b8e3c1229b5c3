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
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@partner-governance/plugin-partners-backend',
  'migrations',
);

/** One migration run per database service, however many stores share it. */
const migrated = new WeakMap<DatabaseService, Promise<Knex>>();

/** How often, and how long apart, to retry while another instance migrates. */
const LOCK_RETRIES = 60;
const LOCK_RETRY_MS = 1000;

/**
 * Applies the migrations. When several backend instances start together,
 * one takes knex's migration lock and the others fail with MigrationLocked:
 * they wait and retry, and then find the migrations applied.
 */
async function migrateLatest(knex: Knex): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      if (
        (error as Error)?.name !== 'MigrationLocked' ||
        attempt >= LOCK_RETRIES
      ) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
}

/**
 * The plugin's database client, with its migrations applied unless the
 * database config skips them. Every store calls this; the migrations run once.
 */
export function migrateDatabase(database: DatabaseService): Promise<Knex> {
  let client = migrated.get(database);
  if (!client) {
    client = (async () => {
      const knex = await database.getClient();
      if (!database.migrations?.skip) {
        await migrateLatest(knex);
      }
      return knex;
    })();
    // A failed run is not remembered, so that a retry migrates again.
    client.catch(() => migrated.delete(database));
    migrated.set(database, client);
  }
  return client;
}
