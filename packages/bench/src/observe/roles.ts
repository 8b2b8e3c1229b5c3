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
 * The login roles of part 4: created in a temporary database with their
 * grants, in a few multi-statement queries, and dropped again.
 */

import type { Knex } from 'knex';

/** Roles per multi-statement query. */
const BATCH = 1000;
/** Tables in the schema the roles are granted on. */
const TABLES = 20;
/** Roles per partner. */
const ROLES_PER_PARTNER = 10;

const SCHEMA = 'bench_data';

/** The roles of one run: all named `<prefix>…`. */
export interface RoleSet {
  /** `bench_partner_<run>_`: every role of the run, the group too. */
  prefix: string;
  /** The source's rolePattern: the partner roles, not the group. */
  rolePattern: string;
  /** The same as a PostgreSQL regular expression. */
  sqlPattern: string;
  count: number;
  tables: number;
}

/** A unique set of role names for this run. */
export function roleSet(count: number): RoleSet {
  const prefix = `bench_partner_${process.pid}${Date.now() % 1_000_000}_`;
  return {
    prefix,
    rolePattern: `^${prefix}(?<partner>p[0-9]+)_[0-9]+$`,
    sqlPattern: `^${prefix}p[0-9]+_[0-9]+$`,
    count,
    tables: TABLES,
  };
}

const quoted = (name: string) => `"${name}"`;

/**
 * Role `i`: partner `p<i/10>`; select on two of the tables, insert and
 * update on one for one role in three, usage on the schema, member of the
 * group for one in ten, NOLOGIN for one in 25, VALID UNTIL for one in 8.
 */
function batchSql(set: RoleSet, from: number, to: number): string {
  const group = quoted(`${set.prefix}readers`);
  const statements: string[] = [];
  const select = new Map<number, string[]>();
  const write = new Map<number, string[]>();
  const all: string[] = [];
  const members: string[] = [];
  const add = (map: Map<number, string[]>, table: number, role: string) =>
    map.set(table, [...(map.get(table) ?? []), role]);
  for (let i = from; i < to; i++) {
    const role = quoted(
      `${set.prefix}p${Math.floor(i / ROLES_PER_PARTNER)}_${i}`,
    );
    const login = i % 25 === 0 ? 'NOLOGIN' : 'LOGIN';
    const until = i % 8 === 0 ? ` VALID UNTIL '2027-06-30'` : '';
    statements.push(`CREATE ROLE ${role} ${login}${until}`);
    all.push(role);
    add(select, i % TABLES, role);
    add(select, (i * 7 + 3) % TABLES, role);
    if (i % 3 === 0) add(write, i % TABLES, role);
    if (i % 10 === 0) members.push(role);
  }
  statements.push(`GRANT USAGE ON SCHEMA ${SCHEMA} TO ${all.join(', ')}`);
  for (const [table, roles] of select) {
    statements.push(
      `GRANT SELECT ON ${SCHEMA}.t${table} TO ${[...new Set(roles)].join(
        ', ',
      )}`,
    );
  }
  for (const [table, roles] of write) {
    statements.push(
      `GRANT INSERT, UPDATE ON ${SCHEMA}.t${table} TO ${roles.join(', ')}`,
    );
  }
  if (members.length) {
    statements.push(`GRANT ${group} TO ${members.join(', ')}`);
  }
  return `${statements.join(';\n')};`;
}

/**
 * Creates the schema and its tables in the database of `knex`, the group
 * role and the set's roles with their grants, BATCH roles per query.
 */
export async function createRoles(knex: Knex, set: RoleSet): Promise<void> {
  const tables = Array.from(
    { length: TABLES },
    (_, t) => `CREATE TABLE ${SCHEMA}.t${t} (id integer primary key)`,
  );
  await knex.raw(
    [
      `CREATE SCHEMA ${SCHEMA}`,
      ...tables,
      `CREATE ROLE ${quoted(`${set.prefix}readers`)} NOLOGIN`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA ${SCHEMA} TO ${quoted(
        `${set.prefix}readers`,
      )}`,
    ].join(';\n'),
  );
  for (let from = 0; from < set.count; from += BATCH) {
    await knex.raw(batchSql(set, from, Math.min(set.count, from + BATCH)));
  }
}

/**
 * Drops every role named `<prefix>…` (through `admin`, connected to
 * another database; the database they hold privileges in must be gone).
 * How many it dropped.
 */
export async function dropRoles(admin: Knex, prefix: string): Promise<number> {
  const names: string[] = await admin('pg_roles')
    .whereRaw('starts_with(rolname, ?)', [prefix])
    .pluck('rolname');
  for (let i = 0; i < names.length; i += BATCH) {
    await admin.raw(
      `DROP ROLE IF EXISTS ${names
        .slice(i, i + BATCH)
        .map(quoted)
        .join(', ')}`,
    );
  }
  return names.length;
}
