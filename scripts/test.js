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
// SQLite and, when a PostgreSQL server is reachable, on PostgreSQL too.
//
// PostgreSQL is found through BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
// or, when that is unset, a server on 127.0.0.1:5432 (user postgres, trust
// auth). Without one the database tests run on SQLite only, and this says so.
// Extra arguments go to jest, e.g. `yarn test plugins/partners-common`.

const net = require('node:net');
const { spawnSync } = require('node:child_process');

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

  const { status } = spawnSync(
    'yarn',
    [
      'backstage-cli',
      'repo',
      'test',
      '--watchAll=false',
      '--maxWorkers=2',
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...env, CI: env.CI ?? 'true' } },
  );
  process.exit(status ?? 1);
}

main();
