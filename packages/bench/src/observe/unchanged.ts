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
 * Part 2: an unchanged observation run writes no rows. The runner runs
 * twice with the same identities on a fresh database; the first run is
 * timed against a raw insert of the rows it writes, the unchanged run
 * against a raw read of them.
 */

import type { ObservedIdentity } from '@partner-governance/plugin-partners-node';
import type { DbKind } from '../lib/databases';
import { fmt, log } from '../lib/output';
import type { Row } from '../lib/rows';
import { time } from '../lib/timing';
import type { ObservationChanges } from './backend';
import { SOURCE_ID } from './estate';
import { ratioOf, stat, type Stat } from './measure';
import { observationRun, storeOn } from './runs';

/** Rows per INSERT of the floor: the store's batch size. */
const INSERT_BATCH = 500;

export interface UnchangedResult {
  identities: number;
  /** (a) the rows of a first run, inserted raw. */
  floor: Stat;
  /** (b) the first run, into an empty table. */
  first: Stat;
  /** (c) the source's rows read raw, after the first run. */
  read: Stat;
  /** (d) the same run again. */
  unchanged: Stat;
  firstChanges: ObservationChanges;
  unchangedChanges: ObservationChanges;
  /** (b)/(a) */
  firstRatio: number;
  /** (d)/(c) */
  unchangedRatio: number;
}

const NONE: ObservationChanges = { inserted: 0, updated: 0, deleted: 0 };

const same = (a: ObservationChanges, b: ObservationChanges) =>
  a.inserted === b.inserted &&
  a.updated === b.updated &&
  a.deleted === b.deleted;

/** (a) The rows, inserted raw in batches in one transaction, on a fresh database. */
async function floorRun(kind: DbKind, rows: Row[]): Promise<number> {
  const { db } = await storeOn(kind);
  try {
    const { ms } = await time(() =>
      db.knex.transaction(async tx => {
        for (let i = 0; i < rows.length; i += INSERT_BATCH) {
          await tx('observed_identities').insert(
            rows.slice(i, i + INSERT_BATCH),
          );
        }
      }),
    );
    return ms;
  } finally {
    await db.dispose();
  }
}

/**
 * (b), then (c) and (d) in the order `readFirst` says, on a fresh
 * database. Throws unless the first run inserts every identity and the
 * second writes nothing.
 */
async function runnerRun(
  kind: DbKind,
  identities: readonly ObservedIdentity[],
  readFirst: boolean,
) {
  const { db, store } = await storeOn(kind);
  try {
    const first = await time(() => observationRun(store, identities));
    const expected = { ...NONE, inserted: identities.length };
    if (!same(first.result, expected)) {
      throw new Error(
        `the first observation run wrote ${JSON.stringify(
          first.result,
        )}, expected ${JSON.stringify(expected)}`,
      );
    }
    const read = () =>
      time(() => db.knex('observed_identities').where('source_id', SOURCE_ID));
    const again = () => time(() => observationRun(store, identities));
    let rows: Awaited<ReturnType<typeof read>>;
    let unchanged: Awaited<ReturnType<typeof again>>;
    if (readFirst) {
      rows = await read();
      unchanged = await again();
    } else {
      unchanged = await again();
      rows = await read();
    }
    if (!same(unchanged.result, NONE)) {
      throw new Error(
        `UNCHANGED OBSERVATION RUN WROTE ROWS: runSucceeded returned ${JSON.stringify(
          unchanged.result,
        )}; it must write none`,
      );
    }
    return { first, read: rows, unchanged };
  } finally {
    await db.dispose();
  }
}

export async function unchangedPart(
  kind: DbKind,
  reps: number,
  identities: readonly ObservedIdentity[],
): Promise<UnchangedResult> {
  log(`[${kind}] unchanged: warm-up (one full-size run of each)`);
  const warm = await runnerRun(kind, identities, true);
  const rows: Row[] = warm.read.result;
  await floorRun(kind, rows);
  const times = {
    floor: [] as number[],
    first: [] as number[],
    read: [] as number[],
    unchanged: [] as number[],
  };
  let last = warm;
  for (let rep = 0; rep < reps; rep++) {
    const prefix = `[${kind}] unchanged rep ${rep + 1}/${reps}`;
    for (const mode of rep % 2 ? ['runner', 'floor'] : ['floor', 'runner']) {
      if (mode === 'floor') {
        const ms = await floorRun(kind, rows);
        times.floor.push(ms);
        log(`${prefix} (a) raw insert ${fmt(ms)} ms`);
      } else {
        last = await runnerRun(kind, identities, rep % 2 === 0);
        times.first.push(last.first.ms);
        times.read.push(last.read.ms);
        times.unchanged.push(last.unchanged.ms);
        log(
          `${prefix} (b) first run ${fmt(last.first.ms)} ms, (c) raw read ${fmt(
            last.read.ms,
          )} ms, (d) unchanged run ${fmt(
            last.unchanged.ms,
          )} ms: ${JSON.stringify(last.unchanged.result)}`,
        );
      }
    }
  }
  return {
    identities: identities.length,
    floor: stat(times.floor),
    first: stat(times.first),
    read: stat(times.read),
    unchanged: stat(times.unchanged),
    firstChanges: last.first.result,
    unchangedChanges: last.unchanged.result,
    firstRatio: ratioOf(times.first, times.floor),
    unchangedRatio: ratioOf(times.unchanged, times.read),
  };
}
