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
 * The operations the sync benchmark times, each on a fresh database: the
 * raw-insert floor, the syncs, and the breakdown of one sync.
 */

import {
  DatabaseIdentityIndexStore,
  IdentityIndexSync,
  type SyncSummary,
} from '../lib/backend';
import { auth, catalogStub, noopLogger } from '../lib/catalog';
import { freshDatabase, type DbKind } from '../lib/databases';
import type { Estate, EstateEntity } from '../lib/estate';
import {
  countRows,
  rawInsert,
  type IndexRows,
  type IndexTable,
} from '../lib/rows';
import { msSince, time } from '../lib/timing';

export type RowCounts = Record<IndexTable, number>;

/** (a) The floor on a fresh database: its time and what it wrote. */
export async function floorRun(kind: DbKind, rows: IndexRows) {
  const db = await freshDatabase(kind);
  try {
    const { ms, result } = await time(() => rawInsert(db.knex, rows));
    return { ms, rowsWritten: result, counts: await countRows(db.knex) };
  } finally {
    await db.dispose();
  }
}

export function newSync(
  store: DatabaseIdentityIndexStore,
  entities: EstateEntity[],
): IdentityIndexSync {
  return new IdentityIndexSync({
    store,
    catalog: catalogStub(entities),
    auth,
    logger: noopLogger,
  });
}

/** The store on a fresh, not yet migrated database (create() migrates it). */
export async function storeOn(kind: DbKind) {
  const db = await freshDatabase(kind, { migrate: false });
  const store = await DatabaseIdentityIndexStore.create({
    database: db.database,
  });
  return { db, store };
}

export interface SyncRun {
  first: number;
  unchanged: number;
  onePercent: number;
  firstSummary: SyncSummary;
  unchangedSummary: SyncSummary;
  onePercentSummary: SyncSummary;
  counts: RowCounts;
}

/** (b), (c) and (d) on one fresh database. */
export async function syncRun(
  kind: DbKind,
  estate: Estate,
  changedEstate: { entities: EstateEntity[]; changed: number },
  now: Date,
  expected: { rows: number; entities: number },
): Promise<SyncRun> {
  const { db, store } = await storeOn(kind);
  try {
    const first = await time(() => newSync(store, estate.entities).run(now));
    if (
      first.result.rowsWritten !== expected.rows ||
      first.result.changed !== expected.entities
    ) {
      throw new Error(
        `first sync wrote ${first.result.rowsWritten} rows for ${first.result.changed} entities, expected ${expected.rows} rows for ${expected.entities}`,
      );
    }
    const counts = await countRows(db.knex);
    const again = await time(() => newSync(store, estate.entities).run(now));
    if (again.result.rowsWritten !== 0 || again.result.changed !== 0) {
      throw new Error(
        `UNCHANGED RE-SYNC WROTE ${again.result.rowsWritten} ROWS (${again.result.changed} entities changed): it must write none`,
      );
    }
    const later = new Date(now.getTime() + 60 * 60 * 1000);
    const changed = await time(() =>
      newSync(store, changedEstate.entities).run(later),
    );
    if (changed.result.changed !== changedEstate.changed) {
      throw new Error(
        `1% re-sync saw ${changed.result.changed} changed entities, expected ${changedEstate.changed}`,
      );
    }
    return {
      first: first.ms,
      unchanged: again.ms,
      onePercent: changed.ms,
      firstSummary: first.result,
      unchangedSummary: again.result,
      onePercentSummary: changed.result,
      counts,
    };
  } finally {
    await db.dispose();
  }
}

/** Where one sync spent its time, and the SQL statements it issued. */
export interface SyncStages {
  totalMs: number;
  getStatesMs: number;
  applyMs: number;
  readHashDiffMs: number;
  statements: number;
  byStatement: Record<string, number>;
}

/** Where one first sync and one unchanged re-sync spend their time. */
export async function breakdown(
  kind: DbKind,
  estate: Estate,
  now: Date,
): Promise<Record<'first' | 'unchanged', SyncStages>> {
  const { db, store } = await storeOn(kind);
  try {
    let phase = { getStatesMs: 0, applyMs: 0, statements: 0 };
    let byStatement: Record<string, number> = {};
    const timed = async <T>(
      key: 'getStatesMs' | 'applyMs',
      run: () => Promise<T>,
    ): Promise<T> => {
      const start = process.hrtime.bigint();
      try {
        return await run();
      } finally {
        phase[key] += msSince(start);
      }
    };
    const { getStates, apply } = {
      getStates: store.getStates.bind(store),
      apply: store.apply.bind(store),
    };
    store.getStates = () => timed('getStatesMs', getStates);
    store.apply = changes => timed('applyMs', () => apply(changes));
    db.knex.on('query', (query: { sql: string; method?: string }) => {
      phase.statements += 1;
      const table = /(?:into|from|update)\s+["`]?(\w+)/i.exec(query.sql)?.[1];
      const key = `${query.method ?? 'raw'} ${table ?? ''}`.trim();
      byStatement[key] = (byStatement[key] ?? 0) + 1;
    });
    const measure = async (): Promise<SyncStages> => {
      phase = { getStatesMs: 0, applyMs: 0, statements: 0 };
      byStatement = {};
      const { ms } = await time(() => newSync(store, estate.entities).run(now));
      return {
        totalMs: Math.round(ms),
        getStatesMs: Math.round(phase.getStatesMs),
        applyMs: Math.round(phase.applyMs),
        readHashDiffMs: Math.round(ms - phase.getStatesMs - phase.applyMs),
        statements: phase.statements,
        byStatement,
      };
    };
    const first = await measure();
    const unchanged = await measure();
    return { first, unchanged };
  } finally {
    await db.dispose();
  }
}
