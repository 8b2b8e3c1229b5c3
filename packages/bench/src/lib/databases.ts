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

/*
 * Fresh, migrated databases for the benchmarks: a SQLite file in a temp
 * directory, or a new PostgreSQL database.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { knex as knexFactory, type Knex } from 'knex';
import { MIGRATIONS_DIR } from './backend';
import { log } from './output';

/** The PostgreSQL server of the benchmarks, without a database name. */
export const PG_URL =
  process.env.PARTNERS_BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';

/** The databases the benchmarks run on. */
export type DbKind = 'sqlite' | 'pg';

/** Where a fresh database is: a SQLite file, or a PostgreSQL database. */
export type DbLocation =
  | { filename: string }
  | { url: string; database: string };

export interface FreshDatabase {
  knex: Knex;
  /** Closes it and removes the file or drops the database. */
  dispose(): Promise<void>;
  location: DbLocation;
  /** The plugin's DatabaseService over it. */
  database: DatabaseService;
}

let dbSerial = 0;

/** Whether PostgreSQL answers at PG_URL. */
export async function pgAvailable(): Promise<boolean> {
  const knex = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  try {
    await knex.raw('select 1');
    return true;
  } catch (error) {
    process.stderr.write(
      `PostgreSQL not reachable at ${PG_URL}: ${(error as Error).message}\n`,
    );
    return false;
  } finally {
    await knex.destroy();
  }
}

/**
 * The databases a run asked for (`--db sqlite|pg|both`) that it can use,
 * and those it skips: PostgreSQL when no server answers, said on stderr.
 */
export async function reachableDatabases(
  db: DbKind | 'both',
): Promise<{ kinds: DbKind[]; skipped: DbKind[] }> {
  const asked: DbKind[] = db === 'both' ? ['sqlite', 'pg'] : [db];
  if (asked.includes('pg') && !(await pgAvailable())) {
    log('Skipping PostgreSQL: no server answers.');
    return { kinds: asked.filter(k => k !== 'pg'), skipped: ['pg'] };
  }
  return { kinds: asked, skipped: [] };
}

/**
 * A fresh, migrated database: a new SQLite file in a temp directory, or a
 * new PostgreSQL database created through an admin connection. dispose()
 * closes it and removes the file or drops the database. `location` is the
 * SQLite file or the PostgreSQL connection (url and database name).
 */
export async function freshDatabase(
  kind: DbKind,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<FreshDatabase> {
  const serial = ++dbSerial;
  let knex: Knex;
  let dispose: () => Promise<void>;
  let location: DbLocation;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'partners-backend-bench-'),
    );
    const filename = path.join(dir, `bench-${serial}.sqlite3`);
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    location = { filename };
    dispose = async () => {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `partners_bench_${process.pid}_${serial}`;
    const admin = knexFactory({
      client: 'pg',
      connection: `${PG_URL}/postgres`,
      pool: { min: 0, max: 1 },
    });
    await admin.raw(`CREATE DATABASE ${name}`);
    location = { url: PG_URL, database: name };
    knex = knexFactory({ client: 'pg', connection: `${PG_URL}/${name}` });
    dispose = async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    };
  }
  if (migrate) {
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  }
  return {
    knex,
    dispose,
    location,
    database: { getClient: async () => knex },
  };
}
