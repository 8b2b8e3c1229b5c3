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
 * Part 4: the postgres identity source over many login roles, against one
 * catalog query that returns the same roles with their privileges.
 */

import {
  compilePartnerPattern,
  type ObservedIdentity,
} from '@partner-governance/plugin-partners-node';
import { knex as knexFactory, type Knex } from 'knex';
import { freshDatabase, PG_URL } from '../lib/databases';
import { fmt, log } from '../lib/output';
import { time } from '../lib/timing';
import { PostgresIdentitySource } from './backend';
import { alternate, ratioOf, stat, type Stat } from './measure';
import { createRoles, dropRoles, roleSet, type RoleSet } from './roles';

/**
 * The baseline: one query over the catalogs for the roles the pattern
 * matches, with their attributes and their privileges (on tables, views and
 * sequences, on schemas, and role memberships) as one list per role.
 */
const CATALOG_SQL = `
select r.rolname, r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
       r.rolreplication, r.rolbypassrls, r.rolconnlimit, r.rolvaliduntil,
       coalesce(array_agg(distinct s.scope) filter (where s.scope is not null),
                '{}') as scopes
  from pg_roles r
  left join (
    select a.grantee,
           lower(a.privilege_type) || ':' || n.nspname || '.' || c.relname as scope
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral aclexplode(c.relacl) a
     where c.relkind in ('r', 'v', 'm', 'p', 'f', 'S')
    union all
    select a.grantee, lower(a.privilege_type) || ':' || n.nspname
      from pg_namespace n
      cross join lateral aclexplode(n.nspacl) a
    union all
    select am.member, 'member:' || g.rolname
      from pg_auth_members am
      join pg_roles g on g.oid = am.roleid
  ) s on s.grantee = r.oid
 where r.rolname ~ ?
 group by r.oid, r.rolname, r.rolcanlogin, r.rolsuper, r.rolcreaterole,
          r.rolcreatedb, r.rolreplication, r.rolbypassrls, r.rolconnlimit,
          r.rolvaliduntil
 order by r.rolname
`;

interface CatalogRow {
  rolname: string;
  scopes: string[];
}

export interface PostgresResult {
  roles: number;
  tables: number;
  /** Privileges of all roles, as scopes. */
  scopes: number;
  createRolesMs: number;
  baseline: Stat;
  observe: Stat;
  ratio: number;
  droppedRoles: number;
}

async function observeAll(
  source: PostgresIdentitySource,
): Promise<ObservedIdentity[]> {
  const all: ObservedIdentity[] = [];
  for await (const page of source.observe()) {
    all.push(...page);
  }
  return all;
}

/** Throws unless the source observed exactly the roles and scopes of the query. */
function checkSame(
  observed: ObservedIdentity[],
  rows: CatalogRow[],
  set: RoleSet,
) {
  const key = (scopes: string[]) => [...scopes].sort().join(' ');
  const expected = new Map(rows.map(row => [row.rolname, key(row.scopes)]));
  const wrong = observed.filter(
    i => expected.get(i.externalId) !== key(i.scopes),
  );
  if (
    rows.length !== set.count ||
    observed.length !== rows.length ||
    wrong.length > 0
  ) {
    throw new Error(
      `the source observed ${observed.length} roles (${wrong.length} with other scopes than the query), the query returned ${rows.length}, ${set.count} were created`,
    );
  }
}

/** In a temporary database: the roles created, then the alternating runs. */
async function measureOn(
  reps: number,
  set: RoleSet,
): Promise<Omit<PostgresResult, 'droppedRoles'>> {
  const db = await freshDatabase('pg', { migrate: false });
  try {
    const knex = db.knex;
    log(
      `[pg] postgres source: creating ${fmt(set.count)} roles ${set.prefix}…`,
    );
    const created = await time(() => createRoles(knex, set));
    log(`[pg] postgres source: roles created in ${fmt(created.ms)} ms`);
    await knex.raw('ANALYZE');
    const source = new PostgresIdentitySource(
      'bench-pg',
      knex,
      compilePartnerPattern(set.rolePattern, 'rolePattern'),
    );
    let rows: CatalogRow[] = [];
    let observed: ObservedIdentity[] = [];
    const times = await alternate(
      '[pg] postgres source',
      reps,
      {
        label: '(a) one catalog query',
        run: async () => {
          const r = await time(() => knex.raw(CATALOG_SQL, [set.sqlPattern]));
          rows = r.result.rows;
          return r.ms;
        },
      },
      {
        label: '(b) source observe(), all pages',
        run: async () => {
          const r = await time(() => observeAll(source));
          observed = r.result;
          return r.ms;
        },
      },
    );
    checkSame(observed, rows, set);
    return {
      roles: observed.length,
      tables: set.tables,
      scopes: observed.reduce((n, i) => n + i.scopes.length, 0),
      createRolesMs: Math.round(created.ms),
      baseline: stat(times.baseline),
      observe: stat(times.subject),
      ratio: ratioOf(times.subject, times.baseline),
    };
  } finally {
    await db.dispose();
  }
}

/**
 * Creates `count` login roles with their grants in a temporary database,
 * times the source's observe() against the catalog query, and drops the
 * database and then every role of the run, also on failure.
 */
export async function postgresPart(
  reps: number,
  count: number,
): Promise<PostgresResult> {
  const set = roleSet(count);
  const admin: Knex = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  let measured: Omit<PostgresResult, 'droppedRoles'>;
  let dropped = 0;
  try {
    measured = await measureOn(reps, set);
  } finally {
    try {
      dropped = await dropRoles(admin, set.prefix);
      log(`[pg] postgres source: database and ${fmt(dropped)} roles dropped`);
    } finally {
      await admin.destroy();
    }
  }
  return { ...measured, droppedRoles: dropped };
}
