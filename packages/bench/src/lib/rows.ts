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
 * The rows of the identity index: built by the store's own mapping, written
 * by the raw-insert floor, counted.
 */

import type { Knex } from 'knex';
import { DatabaseIdentityIndexStore, IdentityIndexSync } from './backend';
import { auth, catalogStub, noopLogger } from './catalog';
import type { EstateEntity } from './estate';

/** Rows per INSERT statement of the floor: the store's batch size. */
export const BATCH = 50;

export const TABLES = [
  'partners',
  'integrations',
  'identities',
  'integration_accesses',
] as const;

export type IndexTable = (typeof TABLES)[number];

/** A row as the store writes it, column by column. */
export type Row = Record<string, unknown>;

/** The columns of the index rows the benchmarks read back. */
export interface IndexRows {
  partners: Array<Row & { entity_ref: string }>;
  integrations: Array<
    Row & { entity_ref: string; partner_ref: string; owner_ref: string }
  >;
  identities: Array<Row & { integration_ref: string; name: string }>;
  integration_accesses: Array<
    Row & { integration_ref: string; target_ref: string }
  >;
}

/** Index rows in all four tables. */
export function rowCount(rows: IndexRows): number {
  return TABLES.reduce((n, table) => n + rows[table].length, 0);
}

/**
 * A knex stand-in for one first sync into an empty index: every query
 * answers with no rows, and the rows inserted into the index tables are
 * kept in `rows` instead of written.
 */
function recordingKnex(rows: Record<IndexTable, Row[]>): Knex {
  const isIndexTable = (table: string): table is IndexTable =>
    (TABLES as readonly string[]).includes(table);
  const query = (table: string) => {
    // what awaiting the query gives: no rows, or no rows changed
    let answer: unknown = [];
    const builder: object = new Proxy(
      {},
      {
        get(_target, method) {
          if (method === 'then') {
            return (resolve: (value: unknown) => void) => resolve(answer);
          }
          return (...args: unknown[]) => {
            if (method === 'insert' && isIndexTable(table)) {
              rows[table].push(...[args[0] as Row | Row[]].flat());
            } else if (method === 'update' || method === 'delete') {
              answer = 0;
            } else if (method === 'first') {
              answer = undefined;
            }
            return builder;
          };
        },
      },
    );
    return builder;
  };
  const knex = Object.assign(query, {
    transaction: async (run: (tx: unknown) => Promise<unknown>) => run(knex),
  });
  return knex as unknown as Knex;
}

/**
 * The rows DatabaseIdentityIndexStore.apply writes for a first sync of
 * `entities` at `now`: the real IdentityIndexSync and store, run over a knex
 * stand-in that keeps what the store inserts into the four index tables.
 */
export async function buildRows(
  entities: EstateEntity[],
  now: string,
): Promise<IndexRows> {
  const rows: Record<IndexTable, Row[]> = {
    partners: [],
    integrations: [],
    identities: [],
    integration_accesses: [],
  };
  const sync = new IdentityIndexSync({
    store: new DatabaseIdentityIndexStore(recordingKnex(rows)),
    catalog: catalogStub(entities),
    auth,
    logger: noopLogger,
  });
  await sync.run(new Date(now));
  // The store writes these columns for every row (see its apply()).
  return rows as IndexRows;
}

/** The floor: plain batched INSERTs of the rows, BATCH rows each, one transaction. */
export async function rawInsert(knex: Knex, rows: IndexRows): Promise<number> {
  let written = 0;
  await knex.transaction(async tx => {
    for (const name of TABLES) {
      const list = rows[name];
      for (let i = 0; i < list.length; i += BATCH) {
        await tx(name).insert(list.slice(i, i + BATCH));
      }
      written += list.length;
    }
  });
  return written;
}

/** Rows per index table. */
export async function countRows(
  knex: Knex,
): Promise<Record<IndexTable, number>> {
  const counts = {} as Record<IndexTable, number>;
  for (const name of TABLES) {
    const [row] = await knex(name).count({ n: '*' });
    counts[name] = Number(row.n);
  }
  return counts;
}
