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

// Runs every test of the project: unit, database and real-catalog tests on
// SQLite and, when a PostgreSQL server is reachable, on PostgreSQL too; then
// the end-to-end tests in headless Chromium against the portal started as
// `yarn start` starts it (packages/e2e-tests). Chromium is Debian's
// `chromium` package; it is installed when missing and this runs as root.
//
// PostgreSQL is found through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
// or, when that is unset, a server on 127.0.0.1:5432 (user postgres, trust
// auth). Without one the database tests run on SQLite only, and this says so.
// The LDAP identity source's tests start their own slapd (Debian's `slapd`
// package, installed when missing and this runs as root; else skipped, and
// this says so).
// Extra arguments go to jest and skip the end-to-end run, e.g.
// `yarn test plugins/partners-common`; `yarn test:e2e` runs only the latter.

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** OpenLDAP's daemon, which the LDAP source's tests start on their own. */
const SLAPD = '/usr/sbin/slapd';

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

function reachable(host, port) {
  return new Promise(resolve => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function main() {
  const env = { ...process.env, BACKSTAGE_TEST_DISABLE_DOCKER: '1' };
  if (!env[PG_ENV]) {
    if (await reachable('127.0.0.1', 5432)) {
      env[PG_ENV] = 'postgresql://postgres@127.0.0.1:5432';
    }
  }
  if (env[PG_ENV]) {
    process.stdout.write(
      `Database tests: SQLite and PostgreSQL (${env[PG_ENV].replace(
        /\/\/[^@]*@/,
        '//',
      )})\n`,
    );
  } else {
    env.PARTNERS_TEST_SKIP_POSTGRES = '1';
    process.stdout.write(
      'Database tests: SQLite only. No PostgreSQL at 127.0.0.1:5432 and ' +
        `${PG_ENV} is unset, so the PostgreSQL runs are SKIPPED.\n`,
    );
  }

  if (!ensureDebianPackage(SLAPD, 'slapd', 'the LDAP identity source tests')) {
    env.PARTNERS_TEST_SKIP_SLAPD = '1';
    process.stdout.write(
      `LDAP tests: no OpenLDAP at ${SLAPD}, so the LDAP runs are SKIPPED.\n`,
    );
  }
  const args = process.argv.slice(2);
  const { status } = spawnSync(
    'yarn',
    [
      'backstage-cli',
      'repo',
      'test',
      '--watchAll=false',
      '--maxWorkers=2',
      ...args,
    ],
    { stdio: 'inherit', env: { ...env, CI: env.CI ?? 'true' } },
  );
  if (status !== 0 || args.length) {
    process.exit(status ?? 1);
  }
  process.exit(runEndToEnd());
}

/**
 * A Debian package's program, installed when missing (as root, with apt);
 * false when it is missing and cannot be installed.
 */
function ensureDebianPackage(program, pkg, purpose) {
  if (fs.existsSync(program)) {
    return true;
  }
  const isRoot = process.getuid?.() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (!isRoot || !hasApt) {
    process.stderr.write(
      `No ${program}: install Debian's ${pkg} package (apt-get install ${pkg}) for ${purpose}.\n`,
    );
    return false;
  }
  process.stdout.write(`Installing ${pkg} for ${purpose}\n`);
  for (const args of [['update'], ['install', '-y', pkg]]) {
    const { status } = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (status !== 0) {
      return false;
    }
  }
  return fs.existsSync(program);
}

function runEndToEnd() {
  if (!ensureDebianPackage(CHROMIUM, 'chromium', 'the end-to-end tests')) {
    return 1;
  }
  process.stdout.write('End-to-end tests: the portal in headless Chromium\n');
  const { status } = spawnSync('yarn', ['test:e2e'], {
    stdio: 'inherit',
    cwd: path.resolve(__dirname, '..'),
  });
  return status ?? 1;
}

main();
