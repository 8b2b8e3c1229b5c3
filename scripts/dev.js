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
// With PARTNERS_DEV_CHECK=1 it starts the portal, waits until the frontend
// answers and the catalog holds every example partner, then stops it and
// exits 0: CI runs the README's first command this way on a fresh clone.

const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { withLocalNodeHeaders } = require('./env');

const ROOT = path.resolve(__dirname, '..');
const FRONTEND = 'http://localhost:3000';
const BACKEND = 'http://localhost:7007';
const CHECK_DEADLINE_MS = 10 * 60 * 1000;

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

/** Partners in the catalog, as the signed-in guest sees them. */
async function catalogPartners() {
  const refresh = await fetchOk(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!refresh) {
    return 0;
  }
  const { backstageIdentity } = await refresh.json();
  const entities = await fetchOk(
    `${BACKEND}/api/catalog/entities/by-query?filter=kind=partner&limit=1`,
    { headers: { authorization: `Bearer ${backstageIdentity.token}` } },
  );
  return entities ? (await entities.json()).totalItems : 0;
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

async function check(env) {
  const portal = spawn(process.execPath, yarnArgs(['start']), {
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
  } finally {
    try {
      process.kill(-portal.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
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
  if (process.env.PARTNERS_DEV_CHECK === '1') {
    await check(env);
    return;
  }
  const start = spawnSync(process.execPath, yarnArgs(['start']), {
    cwd: ROOT,
    stdio: 'inherit',
    env,
  });
  process.exit(start.status ?? 1);
}

main().catch(error => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
