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

// Installs the dependencies and starts the portal: the frontend on
// http://localhost:3000 and the backend on :7007, with SQLite embedded, guest
// sign-in and the example estate loaded.
//
// It runs the Yarn release committed in .yarn/releases with this Node.js, so
// it works on a fresh clone before any install (Yarn 4 refuses to run a
// package script until the project is installed).
//
// The example estate comes with identity sources: the IAM credential report
// of app-config.yaml always, and a PostgreSQL database of partner roles when
// a server answers (scripts/examplePostgres.js says which, in one line).
//
// With PARTNERS_DEV_CHECK=1 it starts the portal, waits until the frontend
// answers and the catalog holds every example partner, then until each
// example identity source has observed identities and the findings that
// compare them with the files are there (a shadow identity, and scope drift
// when the PostgreSQL source is on) and the partner register is read with
// its two ungoverned partners, then stops it and exits 0: CI runs the
// README's first command this way on a fresh clone.

const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { withLocalNodeHeaders } = require('./env');
const { prepareExamplePostgres } = require('./examplePostgres');

const ROOT = path.resolve(__dirname, '..');
const FRONTEND = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';
const CHECK_DEADLINE_MS = 10 * 60 * 1000;
/**
 * The index refreshes every 5 minutes: a first refresh that ran before a
 * source or the catalog was ready is followed by another within this time.
 */
const SOURCES_DEADLINE_MS = 6 * 60 * 1000;
/** The identity source of app-config.yaml. */
const CREDENTIAL_REPORT_SOURCE = 'aws-prod';

/** The Yarn release the repository pins (`yarnPath` in .yarnrc.yml). */
function pinnedYarn() {
  const rc = fs.readFileSync(path.join(ROOT, '.yarnrc.yml'), 'utf8');
  const match = /^yarnPath:\s*(\S+)\s*$/m.exec(rc);
  if (!match) {
    throw new Error('.yarnrc.yml names no yarnPath');
  }
  return path.join(ROOT, match[1]);
}

function yarnArgs(args) {
  return [pinnedYarn(), ...args];
}

async function fetchOk(url, init) {
  try {
    const response = await fetch(url, init);
    return response.ok ? response : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The guest's token, issued anew on every call: a token names the groups its
 * user belonged to when it was issued, and the catalog may not have read the
 * guest's team yet.
 */
async function guestToken() {
  const refresh = await fetchOk(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  return refresh ? (await refresh.json()).backstageIdentity.token : undefined;
}

/** A backend resource as the signed-in guest sees it, if it answers. */
async function asGuest(resource) {
  const token = await guestToken();
  const response =
    token &&
    (await fetchOk(`${BACKEND}${resource}`, {
      headers: { authorization: `Bearer ${token}` },
    }));
  return response ? response.json() : undefined;
}

/** Partners in the catalog, as the signed-in guest sees them. */
async function catalogPartners() {
  const entities = await asGuest(
    '/api/catalog/entities/by-query?filter=kind=partner&limit=1',
  );
  return entities ? entities.totalItems : 0;
}

/** How many Partner documents the example estate declares. */
function examplePartners(dir = path.join(ROOT, 'examples')) {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((count, entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return count + examplePartners(file);
    }
    if (!entry.name.endsWith('.yaml')) {
      return count;
    }
    const text = fs.readFileSync(file, 'utf8');
    return count + (text.match(/^kind: Partner$/gm) ?? []).length;
  }, 0);
}

async function waitForPortal(portal) {
  const expected = examplePartners();
  const until = Date.now() + CHECK_DEADLINE_MS;
  while (Date.now() < until) {
    if (portal.exitCode !== null) {
      throw new Error(`the portal exited with ${portal.exitCode}`);
    }
    const frontend = await fetchOk(FRONTEND);
    const partners = frontend ? await catalogPartners() : 0;
    if (partners >= expected) {
      return partners;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(
    `the portal did not come up with the ${expected} example partners`,
  );
}

/** The open findings of a rule that the guest may read (a handful here). */
async function openFindings(ruleId) {
  const page = await asGuest(
    `/api/partners/findings?ruleId=${ruleId}&status=open&limit=100`,
  );
  return page ? page.items.length : undefined;
}

/**
 * What the example identity sources observe and the findings of comparing
 * them with the files, and whether that is what the example promises: every
 * source ran and observed identities, the shadow identity is there, and the
 * drift when the PostgreSQL source is on; every declared link is observed.
 */
async function identityState(sourceIds, expectDrift) {
  const listed = await asGuest('/api/partners/identity-sources');
  const sources = sourceIds.map(
    id => listed?.items.find(source => source.id === id) ?? { id, observed: 0 },
  );
  const findings = {
    'identity-undeclared': await openFindings('identity-undeclared'),
    'identity-scope-drift': await openFindings('identity-scope-drift'),
    'identity-not-observed': await openFindings('identity-not-observed'),
  };
  // the partner register of app-config.yaml: read, with its two partners
  // that no partner file governs
  const register = await asGuest('/api/partners/register');
  const ready =
    register?.rows > 0 &&
    register.ungoverned >= 2 &&
    sources.every(source => source.lastSuccessAt && source.observed > 0) &&
    findings['identity-undeclared'] >= 1 &&
    (!expectDrift || findings['identity-scope-drift'] >= 1) &&
    findings['identity-not-observed'] === 0;
  const summary =
    `identity sources ${sources
      .map(
        source =>
          `${source.id} observed ${source.observed}${
            source.lastSuccessAt ? '' : ' (no successful run yet)'
          }`,
      )
      .join(', ')}; open findings ` +
    Object.entries(findings)
      .map(([rule, count]) => `${count ?? '?'} ${rule}`)
      .join(', ') +
    `; partner register ${register?.rows ?? 0} partners, ${
      register?.ungoverned ?? '?'
    } ungoverned`;
  return { ready, summary };
}

async function waitForIdentitySources(portal, postgres) {
  const sourceIds = [
    CREDENTIAL_REPORT_SOURCE,
    ...(postgres.on ? [postgres.sourceId] : []),
  ];
  const until = Date.now() + SOURCES_DEADLINE_MS;
  let state;
  while (Date.now() < until) {
    if (portal.exitCode !== null) {
      throw new Error(`the portal exited with ${portal.exitCode}`);
    }
    state = await identityState(sourceIds, postgres.on);
    if (state.ready) {
      return state.summary;
    }
    await new Promise(resolve => setTimeout(resolve, 5000));
  }
  throw new Error(
    `the example identity sources did not show what the example promises within ${
      SOURCES_DEADLINE_MS / 60000
    } minutes (every source observing identities, at least one identity-undeclared${
      postgres.on ? ' and one identity-scope-drift' : ''
    }, no identity-not-observed, the partner register read with 2 ungoverned partners): ${
      state?.summary ?? 'no answer'
    }`,
  );
}

async function check(env, startArgs, postgres) {
  const portal = spawn(process.execPath, yarnArgs(startArgs), {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  try {
    const partners = await waitForPortal(portal);
    process.stdout.write(
      `The portal is up: ${FRONTEND} answers and the catalog holds ${partners} partners\n`,
    );
    const summary = await waitForIdentitySources(portal, postgres);
    process.stdout.write(`The example identity sources work: ${summary}\n`);
  } finally {
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

/**
 * The config files to start with: none given (app-config.yaml and
 * app-config.local.yaml, as Backstage reads them by default), or, with the
 * PostgreSQL source on, the same two with its file between them, since
 * `--config` replaces the default list. Absolute, as the frontend and the
 * backend resolve relative ones from different directories.
 */
function configArgs(postgres) {
  if (!postgres.on) {
    return [];
  }
  const local = path.join(ROOT, 'app-config.local.yaml');
  return [
    path.join(ROOT, 'app-config.yaml'),
    postgres.configFile,
    ...(fs.existsSync(local) ? [local] : []),
  ].flatMap(file => ['--config', file]);
}

async function main() {
  const env = withLocalNodeHeaders();
  const install = spawnSync(process.execPath, yarnArgs(['install']), {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  if (install.status !== 0) {
    process.exit(install.status ?? 1);
  }
  const postgres = await prepareExamplePostgres();
  process.stdout.write(`${postgres.line}\n`);
  const startArgs = ['start', ...configArgs(postgres)];
  const startEnv = { ...env, ...postgres.env };
  if (process.env.PARTNERS_DEV_CHECK === '1') {
    await check(startEnv, startArgs, postgres);
    return;
  }
  const start = spawnSync(process.execPath, yarnArgs(startArgs), {
    cwd: ROOT,
    stdio: 'inherit',
    env: startEnv,
  });
  process.exit(start.status ?? 1);
}

main().catch(error => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
