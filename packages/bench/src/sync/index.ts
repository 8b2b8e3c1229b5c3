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
 * Benchmark of the identity-index sync against a raw bulk insert.
 *
 *   yarn bench:sync [--partners 10000] [--integrations 2] [--identities 5]
 *                   [--db sqlite|pg|both] [--reps 3] [--seed 1] [--out file.json]
 *                   [--breakdown]
 *
 * It generates a seeded, deterministic estate of Partner and
 * PartnerIntegration entities (src/lib/estate.ts) and serves it from a
 * CatalogService stub (streamEntities, pages of 500). On each database, in
 * the same run, alternating, with a fresh migrated database per repetition:
 *   (a) floor: the rows the store writes for a first sync (same tables, same
 *       columns, built beforehand by the store's own mapping), as plain
 *       INSERTs of 50 rows each (the store's batch size) in one transaction;
 *   (b) first sync: IdentityIndexSync.run() over DatabaseIdentityIndexStore
 *       into an empty index;
 *   (c) unchanged re-sync: run() again; it must write 0 rows (the benchmark
 *       fails otherwise);
 *   (d) re-sync with 1% of integrations changed (one identity renamed, one
 *       lastUsed moved, one access target replaced).
 * It prints the medians, the ratio (b)/(a) against the goal (<= 3x), and the
 * peak RSS of (a) and (b), each measured once more in its own child process.
 * --breakdown also runs one first sync and one unchanged re-sync on their own,
 * timing the store's getStates() and apply() apart from the rest of run()
 * (catalog read, hashing, diff) and counting the SQL statements issued.
 */

import os from 'node:os';
import { parseDbArgs } from '../lib/args';
import { reachableDatabases, type DbKind } from '../lib/databases';
import { changeOnePercent, generateEntities } from '../lib/estate';
import {
  fmt,
  loadAverage,
  log,
  machine,
  printResult,
  table,
} from '../lib/output';
import { NOW } from '../lib/prng';
import { BATCH, buildRows, rowCount } from '../lib/rows';
import { PAGE } from '../lib/catalog';
import { time } from '../lib/timing';
import { benchDatabase, runChild, type DatabaseResult } from './measure';

const GOAL = 3;

function parse(argv: string[]) {
  return parseDbArgs(
    argv,
    {
      partners: 10000,
      integrations: 2,
      identities: 5,
      reps: 3,
      seed: 1,
      db: 'both',
      now: NOW,
      out: '',
      child: '',
    },
    ['breakdown'],
  );
}

async function main() {
  const options = parse(process.argv.slice(2));
  if (options.child) {
    if (options.db === 'both') {
      throw new Error('a child process runs on one database');
    }
    await runChild(options.child, options.db, options);
    return;
  }
  const loadAtStart = loadAverage();
  const { kinds, skipped } = await reachableDatabases(options.db);
  const now = new Date(`${options.now}T12:00:00Z`);
  log(
    `Generating ${options.partners} partners x ${options.integrations} integrations x ${options.identities} identities (seed ${options.seed})`,
  );
  const estate = generateEntities(options);
  const changedEstate = changeOnePercent(estate.entities);
  const mapped = await time(() =>
    buildRows(estate.entities, now.toISOString()),
  );
  const rows = mapped.result;
  log(
    `  ${fmt(estate.entities.length)} entities, ${fmt(
      estate.identities,
    )} identities; rows built in ${fmt(mapped.ms)} ms`,
  );

  const result = {
    benchmark: 'partners-backend identity index sync vs raw bulk insert',
    ...machine(),
    loadAverageAtStart: loadAtStart,
    partners: options.partners,
    integrationsPerPartner: options.integrations,
    identitiesPerIntegration: options.identities,
    seed: options.seed,
    entities: estate.entities.length,
    identities: estate.identities,
    changedIntegrations: changedEstate.changed,
    batch: BATCH,
    catalogPage: PAGE,
    reps: options.reps,
    rowMappingMs: Math.round(mapped.ms),
    goal: GOAL,
    skipped,
    databases: {} as Partial<Record<DbKind, DatabaseResult>>,
    loadAverageAtEnd: undefined as number[] | undefined,
  };
  const measured: Array<[DbKind, DatabaseResult]> = [];
  for (const kind of kinds) {
    const r = await benchDatabase(
      kind,
      options,
      estate,
      changedEstate,
      rows,
      now,
    );
    result.databases[kind] = r;
    measured.push([kind, r]);
  }
  result.loadAverageAtEnd = loadAverage();

  const out = [
    '',
    `${fmt(estate.entities.length)} entities (${fmt(
      options.partners,
    )} partners, ${fmt(estate.identities)} identities), ${fmt(
      rowCount(rows),
    )} rows; ${options.reps} alternating reps, fresh database each; node ${
      process.version
    }, ${os.cpus().length} CPUs`,
  ];
  for (const [kind, r] of measured) {
    out.push('', `[${kind}]`, ...databaseLines(kind, r));
  }
  for (const kind of skipped) {
    out.push('', `[${kind}] skipped: not reachable`);
  }
  printResult(out, result, options.out);
}

/** The table of one database, its ratio, and its breakdown if measured. */
function databaseLines(kind: DbKind, r: DatabaseResult): string[] {
  const header = [
    '',
    'median ms',
    'min ms',
    'max ms',
    'rows/s',
    'rows written',
    'peak RSS MB',
  ];
  const lines = [
    table([
      header,
      [
        '(a) floor: raw batched INSERT',
        fmt(r.floor.medianMs),
        fmt(r.floor.minMs),
        fmt(r.floor.maxMs),
        fmt(r.floor.rowsPerSec),
        fmt(r.rows),
        fmt(r.floor.childPeakRssMb),
      ],
      [
        '(b) first sync (run)',
        fmt(r.firstSync.medianMs),
        fmt(r.firstSync.minMs),
        fmt(r.firstSync.maxMs),
        fmt(r.firstSync.rowsPerSec),
        fmt(r.firstSync.summary.rowsWritten),
        fmt(r.firstSync.childPeakRssMb),
      ],
      [
        '(c) unchanged re-sync',
        fmt(r.unchangedResync.medianMs),
        fmt(r.unchangedResync.minMs),
        fmt(r.unchangedResync.maxMs),
        '',
        fmt(r.unchangedResync.summary.rowsWritten),
        '',
      ],
      [
        `(d) re-sync, 1% changed (${r.onePercentResync.summary.changed})`,
        fmt(r.onePercentResync.medianMs),
        fmt(r.onePercentResync.minMs),
        fmt(r.onePercentResync.maxMs),
        '',
        fmt(r.onePercentResync.summary.rowsWritten),
        '',
      ],
    ]),
    `ratio first sync / floor: ${r.ratio}x (goal <= ${GOAL}x: ${
      r.ratio <= GOAL ? 'met' : 'NOT met'
    }); unchanged re-sync wrote 0 rows`,
  ];
  if (r.breakdown) {
    const stages = r.breakdown;
    lines.push(
      '',
      `[${kind}] breakdown of one run each (ms; statements)`,
      table([
        ['', 'total', 'read+hash+diff', 'getStates', 'apply', 'statements'],
        ...(['first', 'unchanged'] as const).map(name => {
          const b = stages[name];
          return [
            name,
            fmt(b.totalMs),
            fmt(b.readHashDiffMs),
            fmt(b.getStatesMs),
            fmt(b.applyMs),
            fmt(b.statements),
          ];
        }),
      ]),
      `first sync statements: ${JSON.stringify(stages.first.byStatement)}`,
    );
  }
  return lines;
}

main().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
