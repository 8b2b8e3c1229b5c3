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

import {
  pagesOf,
  partnerOf,
  type IdentitySource,
  type ObservedIdentity,
} from '@partner-governance/plugin-partners-node';
import type { Knex } from 'knex';

/** A role of `pg_roles`, as the query below reads it. */
interface RoleRow {
  rolname: string;
  rolcanlogin: boolean;
  rolsuper: boolean;
  rolcreaterole: boolean;
  rolcreatedb: boolean;
  rolreplication: boolean;
  rolbypassrls: boolean;
  rolconnlimit: number;
  rolvaliduntil: Date | number | string | null;
}

/** One privilege a role was granted, written as a scope. */
interface GrantRow {
  grantee: string;
  scope: string;
}

/**
 * The privileges roles hold directly: on tables, views and sequences
 * (`<privilege>:<schema>.<table>`), on schemas (`<privilege>:<schema>`), and
 * membership of other roles (`member:<role>`), in lower case.
 */
const GRANTS_SQL = `
select r.rolname as grantee,
       lower(a.privilege_type) || ':' || n.nspname || '.' || c.relname as scope
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  cross join lateral aclexplode(c.relacl) a
  join pg_roles r on r.oid = a.grantee
 where c.relkind in ('r', 'v', 'm', 'p', 'f', 'S')
union
select r.rolname, lower(a.privilege_type) || ':' || n.nspname
  from pg_namespace n
  cross join lateral aclexplode(n.nspacl) a
  join pg_roles r on r.oid = a.grantee
union
select m.rolname, 'member:' || g.rolname
  from pg_auth_members am
  join pg_roles m on m.oid = am.member
  join pg_roles g on g.oid = am.roleid
`;

function expiryOf(value: RoleRow['rolvaliduntil']): string | undefined {
  // `infinity` arrives as Infinity; no date means no expiry.
  const date = value instanceof Date ? value : undefined;
  return date && Number.isFinite(date.getTime())
    ? date.toISOString()
    : undefined;
}

/**
 * The login roles of a PostgreSQL server that a pattern attributes to a
 * partner: their table and schema privileges as scopes, their expiry
 * (`VALID UNTIL`), disabled when they cannot log in. Revoking one sets
 * NOLOGIN and ends its sessions. Roles the pattern does not match are
 * neither observed nor acted on. PostgreSQL keeps no last login or password
 * change time, so those stay unknown.
 */
export class PostgresIdentitySource implements IdentitySource {
  constructor(
    readonly id: string,
    private readonly db: Knex,
    private readonly pattern: RegExp,
  ) {}

  async *observe(): AsyncIterable<ObservedIdentity[]> {
    const roles: RoleRow[] = await this.db('pg_roles')
      .select(
        'rolname',
        'rolcanlogin',
        'rolsuper',
        'rolcreaterole',
        'rolcreatedb',
        'rolreplication',
        'rolbypassrls',
        'rolconnlimit',
        'rolvaliduntil',
      )
      .orderBy('rolname');
    const partners = new Map<string, string>();
    for (const role of roles) {
      const partner = partnerOf(this.pattern, role.rolname);
      if (partner) {
        partners.set(role.rolname, partner);
      }
    }
    const scopes = new Map<string, string[]>();
    for (const grant of (await this.db.raw(GRANTS_SQL)).rows as GrantRow[]) {
      if (partners.has(grant.grantee)) {
        const list = scopes.get(grant.grantee) ?? [];
        list.push(grant.scope);
        scopes.set(grant.grantee, list);
      }
    }
    const observed: ObservedIdentity[] = [];
    for (const role of roles) {
      const partner = partners.get(role.rolname);
      if (!partner) {
        continue;
      }
      const expires = expiryOf(role.rolvaliduntil);
      observed.push({
        externalId: role.rolname,
        type: 'service-account',
        name: role.rolname,
        partner,
        scopes: (scopes.get(role.rolname) ?? []).sort(),
        ...(expires && { expires }),
        status: role.rolcanlogin ? 'active' : 'disabled',
        attributes: {
          superuser: role.rolsuper,
          createRole: role.rolcreaterole,
          createDatabase: role.rolcreatedb,
          replication: role.rolreplication,
          bypassRowLevelSecurity: role.rolbypassrls,
          connectionLimit: role.rolconnlimit,
        },
      });
    }
    yield* pagesOf(observed);
  }

  /** Sets NOLOGIN on a partner role and ends its sessions. */
  async revoke(externalId: string): Promise<void> {
    if (!partnerOf(this.pattern, externalId)) {
      throw new Error(
        `Source ${this.id} acts only on roles its pattern attributes to a partner`,
      );
    }
    const exists = await this.db('pg_roles')
      .where('rolname', externalId)
      .first();
    if (!exists) {
      throw new Error(`Source ${this.id} has no role ${externalId}`);
    }
    await this.db.raw('alter role ?? nologin', [externalId]);
    await this.db.raw(
      'select pg_terminate_backend(pid) from pg_stat_activity where usename = ?',
      [externalId],
    );
  }
}
