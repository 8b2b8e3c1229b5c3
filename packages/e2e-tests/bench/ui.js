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
 *    plugins/partners-backend/bench/estate.js: the index rows a first sync
 *    writes (10k partners x 2 integrations x 5 identities = 100k identities
 *    at the default size), 20k open findings and 33k access reviews (one
 *    pending per integration, a decided one for two in three). The pending
 *    review of one integration in --mine-every is assigned to
 *    group:default/team-orders, the guest's team (2,000 reviews, 80 pages at
 *    the default size).
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

const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../../..');
const bench = require(path.join(
  ROOT,
  'plugins/partners-backend/bench/estate.js',
));

const { fmt, log, median, quantile } = bench;
const GOALS = { switchMs: 200, maxRows: 100 };
const GUEST_TEAM = 'group:default/team-orders';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const STARTUP_MS = 10 * 60 * 1000;
const SWITCH_TIMEOUT_MS = 30_000;
/** Pause after a switch before the next one (late requests, presentation). */
const SETTLE_MS = 250;
/** Lines the dev servers log when they rebuild or restart on a change. */
const REBUILD = /Change detected|compiled|Compiling/g;
/** Measurements of a table, at most (see REBUILD). */
const ATTEMPTS = 3;

const TABLES = [
  {
    name: 'partners',
    title: 'partner index (/partners)',
    route: '/partners',
    pager: 'Pages of partners',
    api: '/api/partners/partners?',
  },
  {
    name: 'reviews',
    title: 'my reviews (/partners/reviews)',
    route: '/partners/reviews',
    pager: 'Pages of access reviews',
    api: '/api/partners/reviews?',
  },
];

function parse(argv) {
  const options = bench.parseArgs(
    argv,
    {
      db: 'sqlite',
      partners: 10000,
      integrations: 2,
      identities: 5,
      findings: 20000,
      'mine-every': 10,
      switches: 30,
      warmup: 2,
      seed: 1,
      now: bench.NOW,
      'frontend-port': 3100,
      'backend-port': 7107,
      out: path.join(ROOT, 'bench-results/ui.json'),
    },
    ['keep-logs', 'production'],
  );
  if (options.db === 'both') {
    throw new Error('--db must be sqlite or pg');
  }
  if (options['mine-every'] < 1 || options.switches < 1) {
    throw new Error('--mine-every and --switches must be at least 1');
  }
  return options;
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Whether something listens on 127.0.0.1:port. */
function portInUse(port) {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` every second until it returns a value other than undefined. */
async function poll(what, check, timeoutMs, alive) {
  const until = Date.now() + timeoutMs;
  let last;
  while (Date.now() < until) {
    alive?.();
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(1000);
  }
  throw new Error(`Timed out waiting for ${what}: ${last?.message ?? last}`);
}

// --- the portal ----------------------------------------------------------------

/**
 * The config overlay: other ports, the partners plugin's database pointed at
 * the seeded one, the index sync a day away.
 */
function overlay(options, location) {
  const frontend = frontendUrl(options);
  const backend = `http://localhost:${options['backend-port']}`;
  let partnersDb;
  if (location.filename) {
    // Same client as the base config (better-sqlite3), a file of its own.
    // backend-defaults joins `directory` and `filename` (an absolute
    // filename alone would end up relative to the backend's directory).
    partnersDb = {
      connection: {
        directory: path.dirname(location.filename),
        filename: path.basename(location.filename),
      },
    };
  } else {
    const url = new URL(location.url);
    partnersDb = {
      client: 'pg',
      // The base config is SQLite: do not ask it to create the database.
      ensureExists: false,
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username || 'postgres'),
        ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
        database: location.database,
      },
    };
  }
  return {
    app: { baseUrl: frontend },
    backend: {
      baseUrl: backend,
      listen: { port: options['backend-port'] },
      cors: { origin: frontend },
      database: { plugin: { partners: partnersDb } },
    },
    partners: {
      sync: {
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          initialDelay: { hours: 24 },
        },
      },
      notifications: { enabled: false },
    },
  };
}

/**
 * Where the app is served: the frontend dev server, or with --production
 * the backend, which serves the built bundle (packages/app/dist) itself.
 */
function frontendUrl(options) {
  const port = options.production
    ? options['backend-port']
    : options['frontend-port'];
  return `http://localhost:${port}`;
}

/**
 * `yarn start` with the overlay, or with --production only the backend
 * serving the built app, in a process group of its own.
 */
function startPortal(options, configFile, logFile) {
  const out = fs.openSync(logFile, 'a');
  const configArgs = [
    '--config',
    path.join(ROOT, 'app-config.yaml'),
    '--config',
    configFile,
  ];
  const child = spawn(
    'yarn',
    options.production
      ? ['workspace', 'backend', 'start', ...configArgs]
      : ['start', ...configArgs],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, BROWSER: 'none', FORCE_COLOR: '0' },
    },
  );
  fs.closeSync(out);
  let exited;
  const exit = new Promise(resolve =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );
  return {
    pid: child.pid,
    /** Throws if the portal has exited. */
    alive() {
      if (exited) {
        throw new Error(
          `the portal exited (${exited.code ?? exited.signal}), see ${logFile}`,
        );
      }
    },
    /** SIGTERM to the process group, SIGKILL after 15 s. */
    async stop() {
      const signalGroup = signal => {
        try {
          process.kill(-child.pid, signal);
          return true;
        } catch {
          return false; // the group is gone
        }
      };
      if (!signalGroup('SIGTERM')) return;
      const done = await Promise.race([
        exit.then(() => true),
        sleep(15_000).then(() => false),
      ]);
      // Children of the group may outlive yarn: wait for the group to empty.
      for (let i = 0; i < 30 && signalGroup(0); i++) {
        await sleep(500);
      }
      if (!done || signalGroup(0)) {
        signalGroup('SIGKILL');
      }
    },
  };
}

function buildLabel(options) {
  return options.production
    ? 'production build (yarn workspace app build), served by the backend'
    : 'yarn start (frontend dev server, development build)';
}

/** `yarn workspace app build`: the production bundle in packages/app/dist. */
function buildApp(logFile) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn('yarn', ['workspace', 'app', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  fs.closeSync(out);
  return new Promise((resolve, reject) =>
    child.once('exit', code =>
      code === 0
        ? resolve()
        : reject(new Error(`the app build failed (${code}), see ${logFile}`)),
    ),
  );
}

async function getJson(url, headers = {}) {
  const response = await fetch(url, { headers });
  if (!response.ok) {
    throw new Error(`GET ${url}: ${response.status}`);
  }
  return response.json();
}

/** Waits for the backend, the frontend and the guest's team's reviews. */
async function waitForPortal(options, portal) {
  const frontend = frontendUrl(options);
  const backend = `http://localhost:${options['backend-port']}`;
  const alive = () => portal.alive();
  await poll(
    'the partners backend',
    async () => (await fetch(`${backend}/api/partners/health`)).ok || undefined,
    STARTUP_MS,
    alive,
  );
  await poll(
    'the frontend',
    async () => (await fetch(frontend)).ok || undefined,
    STARTUP_MS,
    alive,
  );
  // The guest's team membership comes from the catalog: wait until it is
  // ingested, so the token carries group:default/team-orders.
  return poll(
    'a pending review assigned to the guest',
    async () => {
      const refresh = await getJson(`${backend}/api/auth/guest/refresh`, {
        'x-requested-with': 'XMLHttpRequest',
      });
      const headers = {
        authorization: `Bearer ${refresh.backstageIdentity.token}`,
      };
      const page = await getJson(
        `${backend}/api/partners/reviews?assignee=me&status=pending&limit=1`,
        headers,
      );
      return page.items.length ? headers : undefined;
    },
    STARTUP_MS,
    alive,
  );
}

// --- in the page -----------------------------------------------------------------

/**
 * Runs in the page: clicks the pager's button and resolves when the new rows
 * are rendered. The rows are new when the first body row's text differs from
 * before the click and a pager button is enabled again (the pager disables
 * both while the page loads).
 */
function switchInPage({ pager, direction, timeoutMs }) {
  const label = direction === 'next' ? 'Next page' : 'Previous page';
  const nav = () => document.querySelector(`nav[aria-label="${pager}"]`);
  const buttons = () => [...(nav()?.querySelectorAll('button') ?? [])];
  const firstRow = () =>
    nav()?.previousElementSibling?.querySelector('tbody tr')?.textContent;
  const button = buttons().find(b => b.textContent.trim() === label);
  if (!button || button.disabled) {
    return Promise.resolve({ error: `no enabled "${label}" button` });
  }
  const before = firstRow();
  performance.clearResourceTimings();
  return new Promise(resolve => {
    let t0 = 0;
    let committed;
    const observer = new MutationObserver(() => check());
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve({ error: `no new rows after ${timeoutMs} ms` });
    }, timeoutMs);
    function check() {
      if (committed !== undefined) return;
      const text = firstRow();
      if (text === undefined || text === before) return;
      if (!buttons().some(b => !b.disabled)) return;
      committed = performance.now();
      observer.disconnect();
      requestAnimationFrame(() =>
        setTimeout(() => {
          clearTimeout(timer);
          const rendered = performance.now();
          const table = nav()?.previousElementSibling;
          resolve({
            commitMs: committed - t0,
            renderedMs: rendered - t0,
            rows: document.querySelectorAll('tr').length,
            tableRows: table?.querySelectorAll('tbody tr').length ?? 0,
            pageLabel: nav()?.querySelector('p')?.textContent ?? '',
            hasNext: buttons().some(
              b => b.textContent.trim() === 'Next page' && !b.disabled,
            ),
            hasPrevious: buttons().some(
              b => b.textContent.trim() === 'Previous page' && !b.disabled,
            ),
            requests: performance
              .getEntriesByType('resource')
              .filter(e => e.initiatorType === 'fetch')
              .map(e => ({
                name: e.name,
                startMs: e.startTime - t0,
                ms: e.responseEnd - e.startTime,
              })),
          });
        }, 0),
      );
    }
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['disabled'],
    });
    t0 = performance.now();
    button.click();
  });
}

/** Runs in the page: the bare API call, timed to the parsed JSON. */
async function fetchInPage({ url, authorization }) {
  const t0 = performance.now();
  const response = await fetch(url, {
    headers: { authorization },
    cache: 'no-store',
  });
  const body = await response.json();
  return {
    ms: performance.now() - t0,
    status: response.status,
    items: body.items?.length ?? 0,
  };
}

// --- measurements --------------------------------------------------------------------

async function measureTable(page, table, options, frontend) {
  const apiRequests = [];
  const onRequest = request => {
    if (request.method() === 'GET' && request.url().includes(table.api)) {
      apiRequests.push({
        url: request.url(),
        authorization: request.headers().authorization,
      });
    }
  };
  page.on('request', onRequest);
  try {
    await page.goto(`${frontend}${table.route}`);
    const enter = page.getByRole('button', { name: 'Enter' });
    const pagerNav = page.locator(`nav[aria-label="${table.pager}"]`);
    // A reload may show the sign-in card again.
    await enter.or(pagerNav).first().waitFor({ timeout: 120_000 });
    if (await enter.isVisible()) {
      await enter.click();
    }
    await pagerNav
      .locator('button:enabled', { hasText: 'Next page' })
      .waitFor({ timeout: 120_000 });
    await sleep(1000);

    const samples = [];
    let direction = 'next';
    const total = options.warmup + options.switches;
    for (let i = 0; i < total; i++) {
      const seen = apiRequests.length;
      const result = await page.evaluate(switchInPage, {
        pager: table.pager,
        direction,
        timeoutMs: SWITCH_TIMEOUT_MS,
      });
      if (result.error) {
        throw new Error(`${table.name}: switch ${i + 1}: ${result.error}`);
      }
      const request = apiRequests.slice(seen).pop();
      if (!request) {
        throw new Error(`${table.name}: switch ${i + 1} fetched no page`);
      }
      await sleep(SETTLE_MS);
      const api = await page.evaluate(fetchInPage, request);
      if (api.status !== 200 || api.items !== result.tableRows) {
        throw new Error(
          `${table.name}: the API answered ${api.status} with ${api.items} items, the table shows ${result.tableRows}`,
        );
      }
      const inSwitch = result.requests.find(r => r.name === request.url);
      const sample = {
        direction,
        page: result.pageLabel,
        renderedMs: Number(result.renderedMs.toFixed(1)),
        commitMs: Number(result.commitMs.toFixed(1)),
        apiInSwitchMs: inSwitch ? Number(inSwitch.ms.toFixed(1)) : null,
        apiStartMs: inSwitch ? Number(inSwitch.startMs.toFixed(1)) : null,
        apiMs: Number(api.ms.toFixed(1)),
        rows: result.rows,
        tableRows: result.tableRows,
        fetches: result.requests.length,
      };
      if (i >= options.warmup) {
        samples.push(sample);
      }
      log(
        `[${table.name}] ${
          i < options.warmup
            ? 'warm-up'
            : `switch ${i - options.warmup + 1}/${options.switches}`
        } ${direction.padEnd(8)} ${sample.page.padEnd(8)} rendered ${fmt(
          sample.renderedMs,
          1,
        )} ms, API ${fmt(sample.apiMs, 1)} ms, ${sample.rows} tr`,
      );
      if (direction === 'next' && !result.hasNext) direction = 'previous';
      else if (direction === 'previous' && !result.hasPrevious) {
        direction = 'next';
      }
    }
    return summarize(table, samples);
  } finally {
    page.off('request', onRequest);
  }
}

function summarize(table, samples) {
  const stat = key => {
    const values = samples.map(s => s[key]).filter(v => v !== null);
    return values.length
      ? {
          medianMs: Number(median(values).toFixed(1)),
          p95Ms: Number(quantile(values, 0.95).toFixed(1)),
          maxMs: Number(Math.max(...values).toFixed(1)),
        }
      : null;
  };
  // Where a switch spends its time: until the page's fetch starts, the
  // fetch, and from its response to the commit of the new rows.
  for (const sample of samples) {
    sample.commitToRenderedMs = Number(
      (sample.renderedMs - sample.commitMs).toFixed(1),
    );
    sample.afterResponseMs =
      sample.apiStartMs === null
        ? null
        : Number(
            (
              sample.commitMs -
              sample.apiStartMs -
              sample.apiInSwitchMs
            ).toFixed(1),
          );
  }
  const rendered = stat('renderedMs');
  const api = stat('apiMs');
  return {
    table: table.title,
    switches: samples.length,
    rendered,
    commit: stat('commitMs'),
    fetchStart: stat('apiStartMs'),
    apiInSwitch: stat('apiInSwitchMs'),
    afterResponse: stat('afterResponseMs'),
    commitToRendered: stat('commitToRenderedMs'),
    api,
    overheadMs: Number((rendered.medianMs - api.medianMs).toFixed(1)),
    ratio: Number((rendered.medianMs / api.medianMs).toFixed(2)),
    maxRows: Math.max(...samples.map(s => s.rows)),
    maxTableRows: Math.max(...samples.map(s => s.tableRows)),
    goalMet: {
      switch: rendered.p95Ms <= GOALS.switchMs,
      rows: Math.max(...samples.map(s => s.rows)) <= GOALS.maxRows,
    },
    samples,
  };
}

// --- main ------------------------------------------------------------------------------

async function main() {
  const options = parse(process.argv.slice(2));
  const loadAverageAtStart = os.loadavg().map(n => Number(n.toFixed(2)));
  const frontend = frontendUrl(options);
  for (const port of [options['frontend-port'], options['backend-port']]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} is in use: stop what listens there or pass --frontend-port / --backend-port`,
      );
    }
  }
  if (options.db === 'pg' && !(await bench.pgAvailable())) {
    throw new Error('PostgreSQL is not reachable');
  }
  const { chromium } = require('@playwright/test');

  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partners-bench-ui-'));
  const logFile = path.join(workDir, 'portal.log');
  const cleanups = [];
  const cleanup = async () => {
    while (cleanups.length) {
      try {
        await cleanups.pop()();
      } catch (error) {
        log(`cleanup: ${error?.message ?? error}`);
      }
    }
  };
  const onSignal = signal => {
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
    // 1. Seed.
    bench.loadSources();
    const now = new Date(`${options.now}T12:00:00Z`).toISOString();
    log(
      `Generating ${options.partners} partners x ${options.integrations} integrations x ${options.identities} identities (seed ${options.seed})`,
    );
    const estate = bench.generateEntities(options);
    const rows = bench.buildRows(estate.entities, now);
    const findings = bench.findingRows(
      rows,
      options.findings,
      options.seed,
      now,
    );
    const reviews = bench.reviewRows(rows, options.seed, now, {
      assignee: (_integration, index) =>
        index % options['mine-every'] === 0 ? GUEST_TEAM : undefined,
    });
    const guestPending = reviews.filter(
      r => r.status === 'pending' && r.assignee_ref === GUEST_TEAM,
    ).length;
    log(`[${options.db}] seeding a fresh partners database`);
    const db = await bench.freshDatabase(options.db);
    cleanups.push(() => db.dispose());
    const seeded = await bench.time(() =>
      bench.seedIndex(db.knex, rows, findings, reviews),
    );
    const counts = await bench.countRows(db.knex);
    log(
      `[${options.db}] seeded in ${fmt(
        seeded.ms / 1000,
        1,
      )} s: ${Object.entries(counts)
        .map(([k, v]) => `${fmt(v)} ${k}`)
        .join(', ')}, ${fmt(findings.length)} findings, ${fmt(
        reviews.length,
      )} reviews (${fmt(guestPending)} pending for ${GUEST_TEAM})`,
    );

    // 2. Start the portal (with --production, build the app first).
    if (options.production) {
      log('building the app (yarn workspace app build)');
      const built = await bench.time(() => buildApp(logFile));
      log(`app built in ${fmt(built.ms / 1000, 1)} s`);
    }
    const configFile = path.join(workDir, 'app-config.bench-ui.yaml');
    fs.writeFileSync(
      configFile,
      `# Written by packages/e2e-tests/bench/ui.js (JSON is YAML)\n${JSON.stringify(
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
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    cleanups.push(() => browser.close());
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(frontend);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('link', { name: 'Partners' })
      .first()
      .waitFor({ timeout: 120_000 });

    // `yarn start` watches the tree: an edit elsewhere rebuilds the frontend
    // or restarts the backend. A table measured across one is measured again.
    const rebuilds = () =>
      (fs.readFileSync(logFile, 'utf8').match(REBUILD) ?? []).length;
    const tables = {};
    for (const table of TABLES) {
      let attempt = 1;
      for (; ; attempt++) {
        const before = rebuilds();
        let error;
        try {
          tables[table.name] = await measureTable(
            page,
            table,
            options,
            frontend,
          );
        } catch (e) {
          error = e;
        }
        const rebuilt = rebuilds() !== before;
        if (!error && !rebuilt) break;
        if (attempt >= ATTEMPTS) {
          throw error ?? new Error(`${table.name}: the portal kept rebuilding`);
        }
        log(
          `[${table.name}] ${
            rebuilt ? 'the portal rebuilt or restarted' : error.message
          }: measuring again (${attempt + 1}/${ATTEMPTS})`,
        );
        await sleep(rebuilt ? 20_000 : 2_000);
      }
      tables[table.name].attempts = attempt;
    }
    const browserVersion = browser.version();

    // The scheduled sync must not have run: the index is as seeded.
    const after = await bench.countRows(db.knex);
    const [{ n: gone }] = await db
      .knex('partners')
      .whereNotNull('gone_at')
      .count({ n: '*' });
    if (after.partners !== counts.partners || Number(gone) !== 0) {
      throw new Error(
        `the index changed during the run (${gone} partners gone): did the sync run?`,
      );
    }

    const result = {
      benchmark: 'portal page switches in Chromium',
      ...bench.machine(),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map(n => Number(n.toFixed(2))),
      browser: `Chromium ${browserVersion}`,
      build: buildLabel(options),
      database: options.db,
      partners: options.partners,
      integrationsPerPartner: options.integrations,
      identitiesPerIntegration: options.identities,
      identities: estate.identities,
      findings: findings.length,
      accessReviews: reviews.length,
      guestPendingReviews: guestPending,
      seed: options.seed,
      warmup: options.warmup,
      switches: options.switches,
      seedSeconds: Number((seeded.ms / 1000).toFixed(1)),
      portalStartupSeconds: Number((startupMs / 1000).toFixed(1)),
      goals: GOALS,
      tables,
    };
    report(result, options);
    for (const t of Object.values(tables)) {
      if (!t.goalMet.rows) {
        log(`${t.table}: ${t.maxRows} rows in the DOM (at most 100)`);
        failed = true;
      }
    }
  } catch (error) {
    failed = true;
    log(`bench:ui: ${error?.stack ?? error}`);
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

function report(result, options) {
  const rows = [
    [
      '',
      'switches',
      'rendered median',
      'p95',
      'commit median',
      'API median',
      'p95',
      'overhead',
      'switch / API',
      'tr in DOM (max)',
    ],
  ];
  for (const t of Object.values(result.tables)) {
    rows.push([
      t.table,
      t.switches,
      `${fmt(t.rendered.medianMs, 1)} ms`,
      `${fmt(t.rendered.p95Ms, 1)} ms`,
      `${fmt(t.commit.medianMs, 1)} ms`,
      `${fmt(t.api.medianMs, 1)} ms`,
      `${fmt(t.api.p95Ms, 1)} ms`,
      `${fmt(t.overheadMs, 1)} ms`,
      `${t.ratio}x`,
      t.maxRows,
    ]);
  }
  const breakdown = [
    [
      'medians, in the switch',
      'click to fetch start',
      'fetch',
      'response to commit',
      'commit to rendered',
    ],
    ...Object.values(result.tables).map(t => [
      t.table,
      t.fetchStart ? `${fmt(t.fetchStart.medianMs, 1)} ms` : '',
      t.apiInSwitch ? `${fmt(t.apiInSwitch.medianMs, 1)} ms` : '',
      t.afterResponse ? `${fmt(t.afterResponse.medianMs, 1)} ms` : '',
      `${fmt(t.commitToRendered.medianMs, 1)} ms`,
    ]),
  ];
  const lines = [
    '',
    `${fmt(result.partners)} partners, ${fmt(
      result.identities,
    )} identities, ${fmt(result.findings)} open findings, ${fmt(
      result.accessReviews,
    )} access reviews (${fmt(
      result.guestPendingReviews,
    )} pending for the guest's team); ${result.database}; ${result.browser}; ${
      result.build
    }`,
    `node ${result.node}, ${result.cpus} CPUs (${
      result.cpuModel
    }); load average ${result.loadAverageAtStart.join(
      ' / ',
    )} at start, ${result.loadAverageAtEnd.join(' / ')} at end`,
    '',
    bench.table(rows),
    '',
    bench.table(breakdown),
    '',
    ...Object.values(result.tables).map(
      t =>
        `${t.table}: p95 ${fmt(t.rendered.p95Ms, 1)} ms (goal <= ${
          GOALS.switchMs
        } ms: ${t.goalMet.switch ? 'met' : 'NOT met'}), at most ${
          t.maxRows
        } tr in the DOM (goal <= ${GOALS.maxRows}: ${
          t.goalMet.rows ? 'met' : 'NOT met'
        })`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
  fs.mkdirSync(path.dirname(options.out), { recursive: true });
  fs.writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), options.out)}`);
}

main().catch(error => {
  process.stderr.write(`bench:ui: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
