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
 * Benchmark of page switches in the portal, in headless Chromium.
 *
 *   yarn bench:ui [--db sqlite|pg] [--partners 10000] [--integrations 2]
 *                 [--identities 5] [--findings 20000] [--mine-every 10]
 *                 [--switches 30] [--warmup 2] [--seed 1]
 *                 [--frontend-port 3100] [--backend-port 7107]
 *                 [--out bench-results/ui.json] [--keep-logs] [--production]
 *
 * 1. Seeds a fresh, migrated partners database (a SQLite file, or a
 *    PostgreSQL database on 127.0.0.1:5432) with the estate of
 *    src/lib/estate.ts: the index rows a first sync writes (10k partners x
 *    2 integrations x 5 identities = 100k identities at the default size),
 *    20k open findings and 33k access reviews (one pending per integration,
 *    a decided one for two in three). The pending review of one integration
 *    in --mine-every is assigned to group:default/team-orders, the guest's
 *    team (2,000 reviews, 80 pages at the default size).
 * 2. Starts the real portal with `yarn start --config app-config.yaml
 *    --config <overlay>` in its own process group. The overlay moves the
 *    frontend and backend to --frontend-port / --backend-port (so it does
 *    not collide with a portal or e2e run on :3000 / :7007), points only the
 *    partners plugin's database at the seeded one (the other plugins keep
 *    their in-memory SQLite), and delays the scheduled index sync by a day:
 *    the sync reads the catalog, which does not hold the bench partners, and
 *    would mark them gone. The plugin itself is unchanged. With
 *    --production it first builds the app (`yarn workspace app build`) and
 *    starts only the backend, which serves that production bundle on
 *    --backend-port, as a deployed portal does.
 * 3. Drives Chromium (/usr/bin/chromium, or CHROMIUM_PATH) with Playwright:
 *    signs in as the guest, opens /partners and /partners/reviews, and on
 *    each, after --warmup unmeasured switches, clicks the table's pager
 *    button --switches times (Next page until the last page, then Previous
 *    page). A switch is timed in the page: from the click to the first
 *    animation frame after React committed the new rows (a MutationObserver
 *    sees the first row's text change while the pager is no longer loading),
 *    then a task after that frame ("rendered"). Each switch also records the
 *    number of `tr` elements in the document. As a same-run baseline, after
 *    each switch the page fetches the same API URL the switch fetched
 *    (same Authorization header, no cache) and times it to the parsed JSON.
 *    Render overhead = switch - API; the ratio is switch / API (medians).
 * 4. Prints a table, writes the JSON to --out, stops the portal (its whole
 *    process group) and drops the seeded database, whatever happens.
 *
 * Goals (portal issue, Performance): a page switch renders within 200 ms,
 * with at most 100 rows in the DOM. More than 100 rows is an error (exit 1);
 * the time goal is reported, not enforced (machines are noisy).
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pgAvailable } from '../lib/databases';
import { fmt, loadAverage, log, machine } from '../lib/output';
import { countRows } from '../lib/rows';
import { time } from '../lib/timing';
import { launchChromium, measureTables } from './browser';
import { GOALS } from './measure';
import { parse, type UiOptions } from './options';
import {
  buildApp,
  buildLabel,
  frontendUrl,
  overlay,
  portInUse,
  startPortal,
  waitForPortal,
} from './portal';
import { report } from './report';
import { seedPortalDatabase } from './seed';

/** Steps 1 to 4: false if a table had too many rows; throws if a step fails. */
async function run(
  options: UiOptions,
  workDir: string,
  logFile: string,
  cleanups: Array<() => Promise<void>>,
  loadAverageAtStart: number[],
): Promise<boolean> {
  const frontend = frontendUrl(options);

  // 1. Seed.
  const seeded = await seedPortalDatabase(options, db =>
    cleanups.push(() => db.dispose()),
  );
  const { db, counts } = seeded;

  // 2. Start the portal (with --production, build the app first).
  if (options.production) {
    log('building the app (yarn workspace app build)');
    const built = await time(() => buildApp(logFile));
    log(`app built in ${fmt(built.ms / 1000, 1)} s`);
  }
  const configFile = path.join(workDir, 'app-config.bench-ui.yaml');
  fs.writeFileSync(
    configFile,
    `# Written by the portal benchmark (packages/bench/src/ui; JSON is YAML)\n${JSON.stringify(
      overlay(options, db.location),
      null,
      2,
    )}\n`,
  );
  log(`starting the portal (${buildLabel(options)}, log in ${logFile})`);
  const started = Date.now();
  const portal = startPortal(options, configFile, logFile);
  cleanups.push(() => portal.stop());
  await waitForPortal(options, portal);
  const startupMs = Date.now() - started;
  log(`portal ready in ${fmt(startupMs / 1000, 1)} s`);

  // 3. Chromium.
  const browser = await launchChromium();
  cleanups.push(() => browser.close());
  const tables = await measureTables(browser, options, frontend, logFile);
  const browserVersion = browser.version();

  // The scheduled sync must not have run: the index is as seeded.
  const after = await countRows(db.knex);
  const [{ n: gone }] = await db
    .knex('partners')
    .whereNotNull('gone_at')
    .count({ n: '*' });
  if (after.partners !== counts.partners || Number(gone) !== 0) {
    throw new Error(
      `the index changed during the run (${gone} partners gone): did the sync run?`,
    );
  }

  // 4. Report.
  const result = {
    benchmark: 'portal page switches in Chromium',
    ...machine(),
    loadAverageAtStart,
    loadAverageAtEnd: loadAverage(),
    browser: `Chromium ${browserVersion}`,
    build: buildLabel(options),
    database: options.db,
    partners: options.partners,
    integrationsPerPartner: options.integrations,
    identitiesPerIntegration: options.identities,
    identities: seeded.identities,
    findings: seeded.findings,
    accessReviews: seeded.accessReviews,
    guestPendingReviews: seeded.guestPending,
    seed: options.seed,
    warmup: options.warmup,
    switches: options.switches,
    seedSeconds: Number((seeded.seedMs / 1000).toFixed(1)),
    portalStartupSeconds: Number((startupMs / 1000).toFixed(1)),
    goals: GOALS,
    tables,
  };
  report(result, options.out);
  let rowsMet = true;
  for (const t of Object.values(tables)) {
    if (!t.goalMet.rows) {
      log(`${t.table}: ${t.maxRows} rows in the DOM (at most 100)`);
      rowsMet = false;
    }
  }
  return rowsMet;
}

async function main() {
  const options = parse(process.argv.slice(2));
  const loadAverageAtStart = loadAverage();
  for (const port of [options['frontend-port'], options['backend-port']]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} is in use: stop what listens there or pass --frontend-port / --backend-port`,
      );
    }
  }
  if (options.db === 'pg' && !(await pgAvailable())) {
    throw new Error('PostgreSQL is not reachable');
  }

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partners-bench-ui-'));
  const logFile = path.join(workDir, 'portal.log');
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()?.();
      } catch (error) {
        log(`cleanup: ${(error as Error)?.message ?? error}`);
      }
    }
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the portal and dropping the database`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  cleanups.push(async () => {
    if (options['keep-logs']) {
      log(`portal log kept in ${logFile}`);
    } else {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  });

  let failed = false;
  try {
    failed = !(await run(
      options,
      workDir,
      logFile,
      cleanups,
      loadAverageAtStart,
    ));
  } catch (error) {
    failed = true;
    log(`bench:ui: ${(error as Error)?.stack ?? error}`);
    if (fs.existsSync(logFile)) {
      const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40);
      log(`--- last lines of the portal log ---\n${tail.join('\n')}`);
    }
    if (!options['keep-logs']) {
      options['keep-logs'] = true;
    }
  } finally {
    log('stopping the portal and dropping the database');
    await cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (failed) {
    process.exitCode = 1;
  }
}

main().catch(error => {
  process.stderr.write(`bench:ui: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
