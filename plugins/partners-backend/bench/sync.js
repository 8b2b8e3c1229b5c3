#!/usr/bin/env node
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
 * PartnerIntegration entities (bench/estate.js) and serves it from a
 * CatalogService stub (streamEntities, pages of 500). On each database, in
 * the same run, alternating, with a fresh migrated database per repetition:
 *   (a) floor: the rows the store writes for a first sync (same tables, same
 *       columns, built the same way beforehand), as plain INSERTs of 50 rows
 *       each (the store's batch size) in one transaction;
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

const os = require('node:os');
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');
const bench = require('./estate');

const { fmt, log, median, time } = bench;
const GOAL = 3;

function parse(argv) {
  return bench.parseArgs(
    argv,
    {
      partners: 10000,
      integrations: 2,
      identities: 5,
      reps: 3,
      seed: 1,
      db: 'both',
      now: bench.NOW,
      out: '',
      child: '',
    },
    ['breakdown'],
  );
}

function estateOf(options) {
  const { entities, identities } = bench.generateEntities(options);
  return { entities, identities };
}

async function floorRun(kind, rows) {
  const db = await bench.freshDatabase(kind);
  try {
    const { ms, result } = await time(() => bench.rawInsert(db.knex, rows));
    return { ms, rowsWritten: result, counts: await bench.countRows(db.knex) };
  } finally {
    await db.dispose();
  }
}

function newSync(store, entities) {
  const { sync } = bench.loadSources();
  return new sync.IdentityIndexSync({
    store,
    catalog: bench.catalogStub(entities),
    auth: bench.auth,
    logger: bench.noopLogger,
  });
}

/** (b), (c) and (d) on one fresh database. */
async function syncRun(kind, estate, changedEstate, now, expected) {
  const { store: storeModule } = bench.loadSources();
  const db = await bench.freshDatabase(kind, { migrate: false });
  try {
    const store = await storeModule.DatabaseIdentityIndexStore.create({
      database: db.database,
    });
    const first = await time(() => newSync(store, estate.entities).run(now));
    if (
      first.result.rowsWritten !== expected.rows ||
      first.result.changed !== expected.entities
    ) {
      throw new Error(
        `first sync wrote ${first.result.rowsWritten} rows for ${first.result.changed} entities, expected ${expected.rows} rows for ${expected.entities}`,
      );
    }
    const counts = await bench.countRows(db.knex);
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

/** Where one first sync and one unchanged re-sync spend their time. */
async function breakdown(kind, estate, now) {
  const { store: storeModule } = bench.loadSources();
  const db = await bench.freshDatabase(kind, { migrate: false });
  try {
    const store = await storeModule.DatabaseIdentityIndexStore.create({
      database: db.database,
    });
    let phase;
    const wrap = name => {
      const original = store[name].bind(store);
      store[name] = async (...args) => {
        const start = process.hrtime.bigint();
        try {
          return await original(...args);
        } finally {
          phase[`${name}Ms`] += Number(process.hrtime.bigint() - start) / 1e6;
        }
      };
    };
    wrap('getStates');
    wrap('apply');
    db.knex.on('query', query => {
      phase.statements += 1;
      const table = /(?:into|from|update)\s+["`]?(\w+)/i.exec(query.sql)?.[1];
      const key = `${query.method ?? 'raw'} ${table ?? ''}`.trim();
      phase.byStatement[key] = (phase.byStatement[key] ?? 0) + 1;
    });
    const out = {};
    for (const name of ['first', 'unchanged']) {
      phase = { getStatesMs: 0, applyMs: 0, statements: 0, byStatement: {} };
      const { ms } = await time(() => newSync(store, estate.entities).run(now));
      out[name] = {
        totalMs: Math.round(ms),
        getStatesMs: Math.round(phase.getStatesMs),
        applyMs: Math.round(phase.applyMs),
        readHashDiffMs: Math.round(ms - phase.getStatesMs - phase.applyMs),
        statements: phase.statements,
        byStatement: phase.byStatement,
      };
    }
    return out;
  } finally {
    await db.dispose();
  }
}

/** One operation in a fresh child process: wall time and peak RSS. */
function inChild(mode, kind, options) {
  const args = [
    __filename,
    '--child',
    mode,
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
  ];
  const result = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `child ${mode} failed (${result.status}): ${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

async function runChild(options) {
  bench.loadSources();
  const estate = estateOf(options);
  const now = new Date(`${options.now}T12:00:00Z`);
  const kind = options.db;
  let rows;
  if (options.child === 'floor') {
    rows = bench.buildRows(estate.entities, now.toISOString());
  }
  const db = await bench.freshDatabase(kind, { migrate: false });
  try {
    const { store: storeModule } = bench.loadSources();
    const store = await storeModule.DatabaseIdentityIndexStore.create({
      database: db.database,
    });
    const rssBefore = process.memoryUsage().rss;
    const start = process.hrtime.bigint();
    if (options.child === 'floor') {
      await bench.rawInsert(db.knex, rows);
    } else if (options.child === 'sync') {
      await newSync(store, estate.entities).run(now);
    } else {
      throw new Error(`Unknown child mode ${options.child}`);
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    process.stdout.write(
      `${JSON.stringify({
        mode: options.child,
        ms,
        rssBeforeKb: Math.round(rssBefore / 1024),
        maxRssKb: process.resourceUsage().maxRSS,
      })}\n`,
    );
  } finally {
    await db.dispose();
  }
}

async function benchDatabase(kind, options, estate, changedEstate, rows, now) {
  const expected = {
    rows: Object.values(rows).reduce((n, list) => n + list.length, 0),
    entities: rows.partners.length + rows.integrations.length,
  };
  log(`[${kind}] warm-up at 1/10 size`);
  {
    const small = bench.generateEntities({
      ...options,
      partners: Math.max(1, Math.floor(options.partners / 10)),
    });
    const smallRows = bench.buildRows(small.entities, now.toISOString());
    await floorRun(kind, smallRows);
    await syncRun(kind, small, bench.changeOnePercent(small.entities), now, {
      rows: Object.values(smallRows).reduce((n, l) => n + l.length, 0),
      entities: smallRows.partners.length + smallRows.integrations.length,
    });
  }
  const times = { floor: [], first: [], unchanged: [], onePercent: [] };
  let last;
  let floorCounts;
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
  if (JSON.stringify(floorCounts) !== JSON.stringify(last.counts)) {
    throw new Error(
      `floor and sync wrote different rows: ${JSON.stringify(
        floorCounts,
      )} vs ${JSON.stringify(last.counts)}`,
    );
  }
  log(`[${kind}] peak RSS: one child process each`);
  const child = {
    floor: inChild('floor', kind, options),
    sync: inChild('sync', kind, options),
  };
  const stages = options.breakdown
    ? await breakdown(kind, estate, now)
    : undefined;
  const stat = list => ({
    medianMs: Math.round(median(list)),
    minMs: Math.round(Math.min(...list)),
    maxMs: Math.round(Math.max(...list)),
  });
  const result = {
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
  };
  result.ratio = Number((median(times.first) / median(times.floor)).toFixed(2));
  if (stages) {
    result.breakdown = stages;
  }
  return result;
}

async function main() {
  const options = parse(process.argv.slice(2));
  if (options.child) {
    await runChild(options);
    return;
  }
  const loadAtStart = os.loadavg().map(n => Number(n.toFixed(2)));
  let kinds = options.db === 'both' ? ['sqlite', 'pg'] : [options.db];
  const skipped = [];
  if (kinds.includes('pg') && !(await bench.pgAvailable())) {
    log('Skipping PostgreSQL: no server answers.');
    kinds = kinds.filter(k => k !== 'pg');
    skipped.push('pg');
  }
  bench.loadSources();
  const now = new Date(`${options.now}T12:00:00Z`);
  log(
    `Generating ${options.partners} partners x ${options.integrations} integrations x ${options.identities} identities (seed ${options.seed})`,
  );
  const estate = estateOf(options);
  const changedEstate = bench.changeOnePercent(estate.entities);
  const mapped = await time(() =>
    bench.buildRows(estate.entities, now.toISOString()),
  );
  const rows = mapped.result;
  log(
    `  ${fmt(estate.entities.length)} entities, ${fmt(
      estate.identities,
    )} identities; rows built in ${fmt(mapped.ms)} ms`,
  );

  const result = {
    benchmark: 'partners-backend identity index sync vs raw bulk insert',
    ...bench.machine(),
    loadAverageAtStart: loadAtStart,
    partners: options.partners,
    integrationsPerPartner: options.integrations,
    identitiesPerIntegration: options.identities,
    seed: options.seed,
    entities: estate.entities.length,
    identities: estate.identities,
    changedIntegrations: changedEstate.changed,
    batch: bench.BATCH,
    catalogPage: bench.PAGE,
    reps: options.reps,
    rowMappingMs: Math.round(mapped.ms),
    goal: GOAL,
    skipped,
    databases: {},
  };
  for (const kind of kinds) {
    result.databases[kind] = await benchDatabase(
      kind,
      options,
      estate,
      changedEstate,
      rows,
      now,
    );
  }
  result.loadAverageAtEnd = os.loadavg().map(n => Number(n.toFixed(2)));

  const header = [
    '',
    'median ms',
    'min ms',
    'max ms',
    'rows/s',
    'rows written',
    'peak RSS MB',
  ];
  const out = [
    '',
    `${fmt(estate.entities.length)} entities (${fmt(
      options.partners,
    )} partners, ${fmt(estate.identities)} identities), ${fmt(
      Object.values(rows).reduce((n, l) => n + l.length, 0),
    )} rows; ${options.reps} alternating reps, fresh database each; node ${
      process.version
    }, ${os.cpus().length} CPUs`,
  ];
  for (const kind of kinds) {
    const r = result.databases[kind];
    out.push(
      '',
      `[${kind}]`,
      bench.table([
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
    );
    if (r.breakdown) {
      out.push(
        '',
        `[${kind}] breakdown of one run each (ms; statements)`,
        bench.table([
          ['', 'total', 'read+hash+diff', 'getStates', 'apply', 'statements'],
          ...['first', 'unchanged'].map(name => {
            const b = r.breakdown[name];
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
        `first sync statements: ${JSON.stringify(
          r.breakdown.first.byStatement,
        )}`,
      );
    }
  }
  for (const kind of skipped) {
    out.push('', `[${kind}] skipped: not reachable`);
  }
  process.stdout.write(`${out.join('\n')}\n\n${JSON.stringify(result)}\n`);
  if (options.out) {
    fs.writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
  }
}

main().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
