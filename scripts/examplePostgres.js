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

// The example estate's PostgreSQL identity source. Scope drift needs a source
// that observes privileges, so when a PostgreSQL server answers, this creates
// (or brings back) the example database `partners_example`: an `orders`
// schema and two partner login roles of Cinderpath IT Services with their
// grants, one of which reads a table its declared identity does not list.
// The portal then starts with app-config.example-postgres.yaml on top of
// app-config.yaml, which observes that database as the source `partner-db`.
//
// The server is PARTNERS_EXAMPLE_POSTGRES (a postgresql:// connection string
// of a user that may create databases and roles), else 127.0.0.1:5432 as
// `postgres`, as the test command finds it; PARTNERS_EXAMPLE_POSTGRES=off
// leaves the source off. Roles are shared by every database of a server:
// the example's are named after the made-up partner they belong to, so they
// cannot clash with real ones. Nothing here prints a password.

const path = require('node:path');
const { createRequire } = require('node:module');

const ROOT = path.resolve(__dirname, '..');
const CONFIG_FILE = path.join(ROOT, 'app-config.example-postgres.yaml');
const SOURCE_ID = 'partner-db';
const DATABASE = 'partners_example';
const SWITCH = 'PARTNERS_EXAMPLE_POSTGRES';
const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * The partner roles and the tables each may read. Their declarations are
 * cinderpath-order-ops' reporting-db-role and triage-db-role in
 * examples/partners/cinderpath-it-services.yaml, both granted usage:orders
 * and select:orders.orders; the triage role also reads the customers'
 * contact details, which is the drift the portal shows.
 */
const ROLES = {
  'partner_cinderpath-it-services_reporting': ['orders.orders'],
  'partner_cinderpath-it-services_triage': [
    'orders.orders',
    'orders.customers',
  ],
};

const SCHEMA = `
create schema if not exists orders;
create table if not exists orders.customers (
  id bigint primary key,
  name text not null,
  email text not null,
  phone text
);
create table if not exists orders.orders (
  id bigint primary key,
  customer_id bigint not null references orders.customers (id),
  merchant text not null,
  status text not null,
  total numeric(12, 2) not null,
  placed_at timestamptz not null
);
insert into orders.customers values
  (1, 'Ada Example', 'ada@example.com', '+44 20 7946 0001'),
  (2, 'Bo Example', 'bo@example.com', null)
  on conflict do nothing;
insert into orders.orders values
  (1001, 1, 'northwind-goods', 'paid', 84.50, '2026-11-26T10:04:00Z'),
  (1002, 2, 'northwind-goods', 'stuck', 19.99, '2026-11-27T08:41:00Z')
  on conflict do nothing;
`;

/** The driver of the postgres identity source, a dependency of its package. */
function pg() {
  return createRequire(
    path.join(ROOT, 'plugins/partners-backend-module-postgres/package.json'),
  )('pg');
}

/** Where a connection string points, without its user or password. */
function serverOf(url) {
  return `${url.hostname}:${url.port || 5432}`;
}

/** Why a connection or statement failed, never quoting a password. */
function reasonOf(error, url) {
  let text = error.message || String(error.code);
  const secrets = [url.password];
  try {
    secrets.push(decodeURIComponent(url.password));
  } catch {
    // not percent-encoded: the password is as written
  }
  for (const secret of secrets.filter(Boolean)) {
    text = text.split(secret).join('***');
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** A connected client; a failure to connect is marked as such. */
async function connected(url) {
  const { Client } = pg();
  const client = new Client({
    connectionString: url.toString(),
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
  } catch (error) {
    error.connecting = true;
    throw error;
  }
  return client;
}

/** Creates the example database unless it is there. */
async function ensureDatabase(server) {
  const client = await connected(server);
  try {
    const { rowCount } = await client.query(
      'select 1 from pg_database where datname = $1',
      [DATABASE],
    );
    if (rowCount === 0) {
      await client.query(
        `create database ${client.escapeIdentifier(DATABASE)}`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * The schema, its rows, and the roles with exactly the example's grants: a
 * role someone revoked through the portal, or granted more by hand, is put
 * back as the example describes it at every start.
 */
async function ensureExample(database) {
  const client = await connected(database);
  try {
    await client.query('begin');
    await client.query(SCHEMA);
    for (const [role, tables] of Object.entries(ROLES)) {
      const name = client.escapeIdentifier(role);
      const { rowCount } = await client.query(
        'select 1 from pg_roles where rolname = $1',
        [role],
      );
      if (rowCount === 0) {
        await client.query(`create role ${name} login`);
      }
      await client.query(`alter role ${name} login`);
      await client.query(
        `revoke all on all tables in schema orders from ${name}`,
      );
      await client.query(`revoke all on schema orders from ${name}`);
      await client.query(`grant usage on schema orders to ${name}`);
      for (const table of tables) {
        await client.query(`grant select on ${table} to ${name}`);
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Prepares the example PostgreSQL source. Returns what to start the portal
 * with when it is on (the extra config file, the environment it reads), and
 * in either case one line that says whether it is on and, if not, why.
 */
async function prepareExamplePostgres() {
  const setting = process.env[SWITCH];
  if (setting === 'off') {
    return {
      on: false,
      line: `The example PostgreSQL identity source is off: ${SWITCH} is off.`,
    };
  }
  let server;
  try {
    server = new URL(setting || DEFAULT_SERVER);
  } catch {
    server = undefined;
  }
  if (!server || !/^postgres(ql)?:$/.test(server.protocol)) {
    return {
      on: false,
      line: `The example PostgreSQL identity source is off: ${SWITCH} is not a postgresql:// connection string.`,
    };
  }
  const database = new URL(server.toString());
  database.pathname = `/${DATABASE}`;
  try {
    await ensureDatabase(server);
    await ensureExample(database);
  } catch (error) {
    const what = error.connecting
      ? `could not connect to PostgreSQL at ${serverOf(server)}`
      : `could not prepare ${DATABASE} on ${serverOf(server)}`;
    return {
      on: false,
      line: `The example PostgreSQL identity source is off: it ${what} (${reasonOf(
        error,
        server,
      )}); ${SWITCH} may name another server (a postgresql:// connection string of a user who may create databases and roles).`,
    };
  }
  return {
    on: true,
    sourceId: SOURCE_ID,
    configFile: CONFIG_FILE,
    env: { PARTNERS_EXAMPLE_DB: database.toString() },
    line: `The example PostgreSQL identity source observes ${DATABASE} on ${serverOf(
      server,
    )} as ${SOURCE_ID}.`,
  };
}

module.exports = { prepareExamplePostgres };
