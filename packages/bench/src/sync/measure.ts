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
 * The sync benchmark on one database: the warm-up, the alternating
 * repetitions, the peak RSS of (a) and (b) in child processes of their own.
 */

import type { SyncSummary } from '../lib/backend';
import { inChild, measureInChild } from '../lib/child';
import type { DbKind } from '../lib/databases';
import {
  changeOnePercent,
  generateEntities,
  type Estate,
  type EstateEntity,
} from '../lib/estate';
import { fmt, log } from '../lib/output';
import { buildRows, rawInsert, rowCount, type IndexRows } from '../lib/rows';
import { median } from '../lib/timing';
import {
  breakdown,
  floorRun,
  newSync,
  storeOn,
  syncRun,
  type RowCounts,
  type SyncRun,
  type SyncStages,
} from './runs';

/** The options the sync benchmark's processes share. */
interface SyncOptions {
  partners: number;
  integrations: number;
  identities: number;
  reps: number;
  seed: number;
  now: string;
  breakdown?: boolean;
}

const stat = (list: number[]) => ({
  medianMs: Math.round(median(list)),
  minMs: Math.round(Math.min(...list)),
  maxMs: Math.round(Math.max(...list)),
});

/** The result of one database. */
export interface DatabaseResult {
  rowsPerTable: RowCounts;
  rows: number;
  floor: ReturnType<typeof stat> & {
    rowsPerSec: number;
    childMs: number;
    childRssBeforeMb: number;
    childPeakRssMb: number;
  };
  firstSync: DatabaseResult['floor'] & { summary: SyncSummary };
  unchangedResync: ReturnType<typeof stat> & { summary: SyncSummary };
  onePercentResync: ReturnType<typeof stat> & { summary: SyncSummary };
  ratio: number;
  breakdown?: Record<'first' | 'unchanged', SyncStages>;
}

/** One operation in a fresh child process of this script: wall time and peak RSS. */
function measureChild(
  mode: 'floor' | 'sync',
  kind: DbKind,
  options: SyncOptions,
) {
  return inChild(require.resolve('./index'), mode, [
    '--db',
    kind,
    '--partners',
    String(options.partners),
    '--integrations',
    String(options.integrations),
    '--identities',
    String(options.identities),
    '--seed',
    String(options.seed),
    '--now',
    options.now,
  ]);
}

/** In the child process: (a) or (b) once, measured. */
export async function runChild(
  mode: string,
  kind: DbKind,
  options: SyncOptions,
): Promise<void> {
  if (mode !== 'floor' && mode !== 'sync') {
    throw new Error(`Unknown child mode ${mode}`);
  }
  const estate = generateEntities(options);
  const now = new Date(`${options.now}T12:00:00Z`);
  let rows: IndexRows | undefined;
  if (mode === 'floor') {
    rows = await buildRows(estate.entities, now.toISOString());
  }
  const { db, store } = await storeOn(kind);
  try {
    await measureInChild(mode, async () => {
      if (rows) {
        await rawInsert(db.knex, rows);
      } else {
        await newSync(store, estate.entities).run(now);
      }
    });
  } finally {
    await db.dispose();
  }
}

export async function benchDatabase(
  kind: DbKind,
  options: SyncOptions,
  estate: Estate,
  changedEstate: { entities: EstateEntity[]; changed: number },
  rows: IndexRows,
  now: Date,
): Promise<DatabaseResult> {
  const expected = {
    rows: rowCount(rows),
    entities: rows.partners.length + rows.integrations.length,
  };
  log(`[${kind}] warm-up at 1/10 size`);
  {
    const small = generateEntities({
      ...options,
      partners: Math.max(1, Math.floor(options.partners / 10)),
    });
    const smallRows = await buildRows(small.entities, now.toISOString());
    await floorRun(kind, smallRows);
    await syncRun(kind, small, changeOnePercent(small.entities), now, {
      rows: rowCount(smallRows),
      entities: smallRows.partners.length + smallRows.integrations.length,
    });
  }
  const times = {
    floor: [] as number[],
    first: [] as number[],
    unchanged: [] as number[],
    onePercent: [] as number[],
  };
  let last: SyncRun | undefined;
  let floorCounts: RowCounts | undefined;
  for (let rep = 0; rep < options.reps; rep++) {
    const order = rep % 2 ? ['sync', 'floor'] : ['floor', 'sync'];
    for (const mode of order) {
      if (mode === 'floor') {
        const r = await floorRun(kind, rows);
        floorCounts = r.counts;
        times.floor.push(r.ms);
        log(
          `[${kind}] rep ${rep + 1}/${options.reps} (a) floor        ${fmt(
            r.ms,
          )} ms`,
        );
      } else {
        last = await syncRun(kind, estate, changedEstate, now, expected);
        times.first.push(last.first);
        times.unchanged.push(last.unchanged);
        times.onePercent.push(last.onePercent);
        log(
          `[${kind}] rep ${rep + 1}/${options.reps} (b) first sync   ${fmt(
            last.first,
          )} ms, (c) unchanged ${fmt(last.unchanged)} ms, (d) 1% ${fmt(
            last.onePercent,
          )} ms`,
        );
      }
    }
  }
  if (!last) {
    throw new Error('--reps must be at least 1');
  }
  if (JSON.stringify(floorCounts) !== JSON.stringify(last.counts)) {
    throw new Error(
      `floor and sync wrote different rows: ${JSON.stringify(
        floorCounts,
      )} vs ${JSON.stringify(last.counts)}`,
    );
  }
  log(`[${kind}] peak RSS: one child process each`);
  const child = {
    floor: measureChild('floor', kind, options),
    sync: measureChild('sync', kind, options),
  };
  const stages = options.breakdown
    ? await breakdown(kind, estate, now)
    : undefined;
  const result: DatabaseResult = {
    rowsPerTable: last.counts,
    rows: expected.rows,
    floor: {
      ...stat(times.floor),
      rowsPerSec: Math.round(expected.rows / (median(times.floor) / 1000)),
      childMs: Math.round(child.floor.ms),
      childRssBeforeMb: Math.round(child.floor.rssBeforeKb / 1024),
      childPeakRssMb: Math.round(child.floor.maxRssKb / 1024),
    },
    firstSync: {
      ...stat(times.first),
      rowsPerSec: Math.round(expected.rows / (median(times.first) / 1000)),
      summary: last.firstSummary,
      childMs: Math.round(child.sync.ms),
      childRssBeforeMb: Math.round(child.sync.rssBeforeKb / 1024),
      childPeakRssMb: Math.round(child.sync.maxRssKb / 1024),
    },
    unchangedResync: {
      ...stat(times.unchanged),
      summary: last.unchangedSummary,
    },
    onePercentResync: {
      ...stat(times.onePercent),
      summary: last.onePercentSummary,
    },
    ratio: Number((median(times.first) / median(times.floor)).toFixed(2)),
  };
  if (stages) {
    result.breakdown = stages;
  }
  return result;
}
