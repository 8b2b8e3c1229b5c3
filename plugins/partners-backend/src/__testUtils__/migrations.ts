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
import { MIGRATIONS_DIR } from './databases';

/** Where the plugin's migrations are, as knex's migrator takes it. */
export const MIGRATION_CONFIG = { directory: MIGRATIONS_DIR };

/** Migrates up to, not including, the migration in file `migration`. */
export async function migrateToBefore(knex: Knex, migration: string) {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter(file => /^\d{14}_.*\.js$/.test(file))
    .sort();
  if (!files.includes(migration)) {
    throw new Error(`no migration ${migration}`);
  }
  for (const file of files.slice(0, files.indexOf(migration))) {
    await knex.migrate.up({ ...MIGRATION_CONFIG, name: file });
  }
}
