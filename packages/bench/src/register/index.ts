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
 * `yarn bench:register`: how long the partner register takes to read an
 * export of 10,000 partners (read the file, parse, check every row with the
 * secret guard, store it on SQLite), against a raw csv-parse of the same
 * file, in one run: csv-parse is the reference the goal names, though the
 * register parses with papaparse. Three reads are measured: the first (into
 * an empty register), the same export again (nothing to parse or write) and
 * an export with 5% of its rows changed. `--breakdown` also times the stages of a read
 * on their own (stages.ts).
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { parse as parseCsv } from 'csv-parse';
import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { parseDbArgs } from '../lib/args';
import { noopLogger } from '../lib/catalog';
import {
  freshDatabase,
  reachableDatabases,
  type DbKind,
} from '../lib/databases';
import {
  fmt,
  loadAverage,
  log,
  machine,
  printResult,
  table,
} from '../lib/output';
import { NOW } from '../lib/prng';
import { time } from '../lib/timing';
import { alternate, ratioOf, stat, type Stat } from '../observe/measure';
import {
  DatabasePartnerRegisterStore,
  PartnerRegisterRunner,
  readPartnersBackendConfig,
} from './backend';
import { registerExport } from './export';
import { stagesOf, type Stages } from './stages';

/** The goal: a read takes at most this many times the raw parse. */
const GOAL_RATIO = 2;

/** Every n-th row of the changed export has another status (5%). */
const CHANGED_EVERY = 20;

const options = parseDbArgs(
  process.argv.slice(2),
  {
    rows: 10_000,
    reps: 7,
    seed: 1,
    now: NOW,
    db: 'sqlite',
    out: '',
  },
  ['breakdown'],
);

interface ReadResult {
  /** (a) read the file and csv-parse it raw. */
  baseline: Stat;
  /** (b) the register's read. */
  read: Stat;
  ratio: number;
}

/**
 * The raw parse: csv-parse's parser handed the whole file at once, its
 * records collected, nothing checked. (csv-parse/sync, which collects the
 * same records, measures about 1.6 times slower on this export: the faster
 * of the two is the baseline.)
 */
async function csvRecordsRaw(content: Buffer): Promise<string[][]> {
  const parser = parseCsv({ bom: true });
  const records: string[][] = [];
  parser.on('data', (record: string[]) => records.push(record));
  const ended = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  parser.end(content);
  await ended;
  return records;
}

/** (a) What the register's read is compared with: the file, parsed raw. */
function rawParse(file: string) {
  return async () =>
    (await time(() => csvRecordsRaw(fs.readFileSync(file)))).ms;
}

/** A register on a fresh database of `kind`, and a runner per export file. */
async function registerOn(kind: DbKind) {
  const db = await freshDatabase(kind);
  const store = await DatabasePartnerRegisterStore.create({
    database: db.database,
  }).catch(async error => {
    await db.dispose();
    throw error;
  });
  const runnerOf = (file: string, logger = noopLogger) =>
    new PartnerRegisterRunner({
      config: readPartnersBackendConfig(
        new ConfigReader({ partners: { register: { target: file } } }),
      ).register!,
      // the export is a file: the URL reader is never asked
      urlReader: {} as UrlReaderService,
      store,
      logger,
    });
  return { db, store, runnerOf };
}

async function main() {
  const { kinds, skipped } = await reachableDatabases(
    options.db as DbKind | 'both',
  );
  const dir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'partners-register-bench-'),
  );
  const file = path.join(dir, 'partners.csv');
  const changedFile = path.join(dir, 'partners-changed.csv');
  const loadAtStart = loadAverage();
  try {
    fs.writeFileSync(file, registerExport(options));
    fs.writeFileSync(
      changedFile,
      registerExport({ ...options, changedEvery: CHANGED_EVERY }),
    );
    const bytes = fs.statSync(file).size;
    log(`Export of ${fmt(options.rows)} rows, ${fmt(bytes)} bytes: ${file}`);

    const results: Partial<Record<DbKind, Record<string, ReadResult>>> = {};
    const stages: Partial<Record<DbKind, Stages>> = {};
    const checks: Record<string, unknown> = {};
    for (const kind of kinds) {
      const { db, store, runnerOf } = await registerOn(kind);
      const runner = runnerOf(file);
      // what the read of the changed export says it changed
      let changedSays = '';
      const changed = runnerOf(changedFile, {
        ...noopLogger,
        info: (message: string) => {
          changedSays = message;
        },
      });
      try {
        const empty = async () => {
          await db.knex('partner_register_runs').delete();
        };
        const first = await alternate(
          `[${kind}] first read`,
          options.reps,
          {
            label: '(a) raw csv-parse',
            run: rawParse(file),
          },
          {
            label: '(b) first read',
            run: async () => {
              await empty();
              return (await time(() => runner.run())).ms;
            },
          },
        );
        const status = await store.status();
        if (
          !status ||
          status.lastError ||
          status.rows + status.rowErrors !== options.rows
        ) {
          throw new Error(
            `the register did not read every row: ${JSON.stringify(status)}`,
          );
        }
        checks[kind] = { rows: status.rows, rowErrors: status.rowErrors };
        const unchanged = await alternate(
          `[${kind}] unchanged`,
          options.reps,
          {
            label: '(a) raw csv-parse',
            run: rawParse(file),
          },
          {
            label: '(c) same export again',
            run: async () => (await time(() => runner.run())).ms,
          },
        );
        // (d): the register holds the first export; each read of the
        // changed one is timed, then the first export is put back
        const reset = async () => {
          await empty();
          await runner.run();
        };
        const changes = await alternate(
          `[${kind}] 5% changed`,
          options.reps,
          {
            label: '(a) raw csv-parse',
            run: rawParse(changedFile),
          },
          {
            label: '(d) export with 5% changed',
            run: async () => {
              await reset();
              return (await time(() => changed.run())).ms;
            },
          },
        );
        // every 20th row has another status: some rows changed
        if (!/\b[1-9]\d* changed\b/.test(changedSays)) {
          throw new Error(
            `the changed export did not change 5% of the register: ${changedSays}`,
          );
        }
        checks[`${kind} changed`] = changedSays;
        const result = (times: { baseline: number[]; subject: number[] }) => ({
          baseline: stat(times.baseline),
          read: stat(times.subject),
          ratio: ratioOf(times.subject, times.baseline),
        });
        results[kind] = {
          first: result(first),
          unchanged: result(unchanged),
          changed: result(changes),
        };
        if (options.breakdown) {
          stages[kind] = await stagesOf(kind, file, options.reps);
        }
      } finally {
        await db.dispose();
      }
    }

    const lines = [
      '',
      `${options.reps} alternating reps after a warm-up, medians; ${fmt(
        options.rows,
      )} rows, ${fmt(bytes)} bytes; node ${process.version}, ${
        machine().cpus
      } CPUs; load ${loadAtStart.join(' ')} at start, ${loadAverage().join(
        ' ',
      )} at end`,
    ];
    for (const [kind, byRead] of Object.entries(results)) {
      lines.push('', `[${kind}]`);
      lines.push(
        table([
          [
            'read',
            '(a) raw csv-parse',
            'register read',
            'ratio',
            `≤ ${GOAL_RATIO}×`,
          ],
          ...Object.entries(byRead).map(([name, r]) => [
            name,
            `${fmt(r.baseline.medianMs)} ms`,
            `${fmt(r.read.medianMs)} ms`,
            `${r.ratio.toFixed(2)}×`,
            r.ratio <= GOAL_RATIO ? 'met' : 'NOT MET',
          ]),
        ]),
      );
    }
    for (const [kind, byStage] of Object.entries(stages)) {
      lines.push(
        '',
        `[${kind}] stages of one read, medians: ${Object.entries(byStage)
          .map(([name, s]) => `${name} ${fmt(s.medianMs)} ms`)
          .join(', ')}`,
      );
    }
    for (const kind of skipped) {
      lines.push('', `[${kind}] skipped: not reachable`);
    }
    printResult(
      lines,
      {
        benchmark: 'partners-backend partner register',
        ...machine(),
        loadAverageAtStart: loadAtStart,
        loadAverageAtEnd: loadAverage(),
        options: { ...options, out: undefined },
        bytes,
        goalRatio: GOAL_RATIO,
        checks,
        results,
        stages,
        skipped,
      },
      options.out || undefined,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
