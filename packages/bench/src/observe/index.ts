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
 * Benchmark of the observed identities: reconciliation, observation runs
 * and the postgres identity source.
 *
 *   yarn bench:observe [--identities 100000] [--roles 10000] [--reps 5]
 *                      [--db sqlite|pg|both] [--only PART] [--seed 1]
 *                      [--now 2026-11-28] [--out file.json]
 *
 * It generates the sync benchmark's seeded estate (10 identities per
 * partner, src/lib/estate.ts) with every identity declared as observed by
 * source `bench-db` (`observedAs`), and what that source observes: all but
 * 2% of them (not observed), 2% of those with one scope more (drifted),
 * half of the revoked ones still active, plus 2% that no one declares
 * (src/observe/estate.ts). On each database, each part after a warm-up,
 * --reps repetitions alternating which operation goes first, medians:
 *   reconcile  (1a) the declared identities (same joins and filters) and the
 *              observed ones read raw, against (1b) reconciliationFindings();
 *              goal (1b)/(1a) <= 2x;
 *   unchanged  IdentitySourceRunner twice over an in-memory source of the
 *              observed identities on a fresh database: (2b) the first run
 *              against (2a) a raw insert of the rows it writes, and (2d) the
 *              same run again against (2c) a raw read of those rows. The
 *              second run must write nothing (runSucceeded returns
 *              inserted, updated and deleted 0): the benchmark fails
 *              otherwise;
 *   eventloop  the p99 of monitorEventLoopDelay (10 ms resolution) during
 *              (3b) a first run and (3c) an unchanged run, against (3a) an
 *              idle wait as long as the first run; goal p99 <= 50 ms. Also
 *              the stalls (gaps over 50 ms between a timer's runs) and the
 *              phase of the run they fall in, the p99 corrected for the
 *              samples a stall swallowed, and the GC pauses (stalls.ts);
 *   postgres   (PostgreSQL only) --roles login roles with their grants in a
 *              temporary database: (4b) PostgresIdentitySource.observe(),
 *              all pages, against (4a) one catalog query returning the same
 *              roles and privileges; goal (4b)/(4a) <= 2x. The database and
 *              every role of the run are dropped at the end, also on failure.
 * --only runs one part. It prints a table per database, then one JSON line.
 */

import { parse } from './options';
import { reachableDatabases, type DbKind } from '../lib/databases';
import { fmt, loadAverage, log, machine, printResult } from '../lib/output';
import { buildRows } from '../lib/rows';
import { time } from '../lib/timing';
import { observedEstate } from './estate';
import { eventLoopPart, type EventLoopResult } from './eventLoop';
import { postgresPart, type PostgresResult } from './postgres';
import { reconcilePart, type ReconcileResult } from './reconcile';
import {
  eventLoopLines,
  GOALS,
  postgresLines,
  reconcileLines,
  unchangedLines,
} from './report';
import { unchangedPart, type UnchangedResult } from './unchanged';

interface DatabaseResult {
  reconcile?: ReconcileResult;
  unchanged?: UnchangedResult;
  eventLoop?: EventLoopResult;
}

async function main() {
  const options = parse(process.argv.slice(2));
  const loadAtStart = loadAverage();
  const { kinds, skipped } = await reachableDatabases(options.db);
  const now = `${options.now}T12:00:00.000Z`;
  const { parts } = options;
  const estateParts = parts.filter(part => part !== 'postgres');
  const generated = estateParts.length
    ? await time(() => observedEstate(options))
    : undefined;
  const estate = generated?.result;
  if (generated && estate) {
    log(
      `${fmt(estate.declared)} declared identities, ${fmt(
        estate.observed.length,
      )} observed (${JSON.stringify(estate.drawn)}), in ${fmt(
        generated.ms,
      )} ms`,
    );
  }
  const databases: Partial<Record<DbKind, DatabaseResult>> = {};
  const measured = estate ? kinds : [];
  for (const kind of measured) {
    databases[kind] = {};
  }
  if (estate && parts.includes('reconcile')) {
    const rows = await buildRows(estate.entities, now);
    for (const kind of measured) {
      databases[kind]!.reconcile = await reconcilePart(
        kind,
        options.reps,
        estate,
        rows,
        now,
      );
    }
  }
  // Only reconciliation reads the entities (and their index rows): let the
  // garbage collector have them, so that the runs below share the heap with
  // no more than a backend would hold.
  const observed = estate?.observed ?? [];
  if (estate) {
    estate.entities = [];
  }
  for (const kind of parts.includes('unchanged') ? measured : []) {
    databases[kind]!.unchanged = await unchangedPart(
      kind,
      options.reps,
      observed,
    );
  }
  for (const kind of parts.includes('eventloop') ? measured : []) {
    databases[kind]!.eventLoop = await eventLoopPart(
      kind,
      options.reps,
      observed,
    );
  }
  let postgres: PostgresResult | undefined;
  let postgresSkipped: string | undefined;
  if (parts.includes('postgres')) {
    if (kinds.includes('pg')) {
      postgres = await postgresPart(options.reps, options.roles);
    } else {
      postgresSkipped =
        options.db === 'sqlite'
          ? 'PostgreSQL not asked for (--db sqlite)'
          : 'PostgreSQL not reachable';
      log(`Skipping the postgres source: ${postgresSkipped}.`);
    }
  }

  const result = {
    benchmark: 'partners-backend observed identities',
    ...machine(),
    loadAverageAtStart: loadAtStart,
    loadAverageAtEnd: loadAverage(),
    options: { ...options, out: undefined },
    declared: estate?.declared,
    observed: estate?.observed.length,
    drawn: estate?.drawn,
    goals: GOALS,
    skipped,
    databases,
    postgres,
    postgresSkipped,
  };
  const out = [
    '',
    `${options.reps} alternating reps after a warm-up, medians; node ${
      process.version
    }, ${machine().cpus} CPUs; load ${loadAtStart.join(
      ' ',
    )} at start, ${result.loadAverageAtEnd.join(' ')} at end`,
  ];
  for (const [kind, r] of Object.entries(databases)) {
    out.push('', `[${kind}]`);
    if (r.reconcile) out.push(...reconcileLines(r.reconcile), '');
    if (r.unchanged) out.push(...unchangedLines(r.unchanged), '');
    if (r.eventLoop) out.push(...eventLoopLines(r.eventLoop));
  }
  for (const kind of estate ? skipped : []) {
    out.push('', `[${kind}] skipped: not reachable`);
  }
  if (postgres) {
    out.push('', '[pg] postgres identity source', ...postgresLines(postgres));
  } else if (postgresSkipped) {
    out.push('', `[pg] postgres identity source skipped: ${postgresSkipped}`);
  }
  printResult(out, result, options.out || undefined);
}

main().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
