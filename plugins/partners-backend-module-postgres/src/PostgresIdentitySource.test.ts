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

import { randomBytes } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { IdentitySource } from '@partner-governance/plugin-partners-node';
import { observeAll } from '@partner-governance/plugin-partners-node/testUtils';
import knexFactory, { type Knex } from 'knex';
// The end-to-end test runs the source in the plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  partnerEntities,
  startPartnersTestBackend,
} from '@partner-governance/plugin-partners-backend/testUtils';
import {
  partnersModulePostgresIdentitySource,
  postgresIdentitySourceFactory,
} from './module';

jest.setTimeout(120_000);

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/*
 * Against the PostgreSQL server the test command found (roles are the
 * server's, so every role here carries a prefix of its own, and is dropped
 * after). Without one, the test command says the PostgreSQL runs are
 * skipped.
 */
const onPostgres = process.env.PARTNERS_TEST_SKIP_POSTGRES
  ? describe.skip
  : describe;

onPostgres('PostgresIdentitySource', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  const prefix = `p${randomBytes(4).toString('hex')}`;
  const role = (name: string) => `${prefix}_${name}`;
  let admin: Knex;
  let url: string;
  const shutdown: Array<() => Promise<void>> = [];
  const sessions: Knex[] = [];

  /** A client of the test database logged in as `user`. */
  const sessionAs = (user: string) => {
    const session = knexFactory({
      client: 'pg',
      connection: Object.assign(new URL(url), { username: user }).toString(),
      pool: { min: 0, max: 1 },
      // a refused login is what some tests expect, not worth a log line
      log: { warn: () => {}, error: () => {}, debug: () => {} },
    });
    sessions.push(session);
    return session;
  };

  const createSource = (rolePattern = `^${prefix}_(?<partner>[a-z0-9]+)_`) =>
    postgresIdentitySourceFactory({
      onShutdown: hook => shutdown.push(hook),
    }).create({
      id: 'partner-db',
      config: new ConfigReader({
        type: 'postgres',
        connection: url,
        rolePattern,
      }),
      logger: mockServices.logger.mock(),
      urlReader: mockServices.urlReader.mock(),
    }) as IdentitySource;

  beforeAll(async () => {
    // The database is the test utilities'; the client is ours, for the
    // clean-up after theirs is gone.
    const created = await databases.init('POSTGRES_15');
    const [{ name }] = (await created.raw('select current_database() as name'))
      .rows;
    url = Object.assign(new URL(process.env[PG_ENV]!), {
      pathname: `/${name}`,
    }).toString();
    admin = knexFactory({ client: 'pg', connection: url });
    await admin.raw('create schema orders');
    await admin.raw('create table orders.orders (id int)');
    await admin.raw('create table orders.invoices (id int)');
    await admin.raw(`create role ?? login`, [role('lumen_reader')]);
    await admin.raw('grant usage on schema orders to ??', [
      role('lumen_reader'),
    ]);
    await admin.raw('grant select on orders.orders to ??', [
      role('lumen_reader'),
    ]);
    await admin.raw(
      `create role ?? login connection limit 3 valid until '2027-01-01 00:00:00+00'`,
      [role('lumen_writer')],
    );
    await admin.raw('grant select, insert on orders.orders to ??', [
      role('lumen_writer'),
    ]);
    await admin.raw('grant ?? to ??', [
      role('lumen_reader'),
      role('lumen_writer'),
    ]);
    await admin.raw('create role ?? nologin', [role('acme_old')]);
    await admin.raw('create role ?? login', [`${prefix}x_app`]);
  });

  afterAll(async () => {
    await Promise.all(sessions.map(s => s.destroy()));
    for (const hook of shutdown) {
      await hook();
    }
    const { rows } = await admin.raw(
      `select rolname from pg_roles where rolname like ? order by rolname desc`,
      [`${prefix}%`],
    );
    for (const { rolname } of rows) {
      await admin.raw('drop owned by ??', [rolname]);
      await admin.raw('drop role ??', [rolname]);
    }
    await admin.destroy();
  });

  it('observes the roles the pattern attributes to a partner, with their privileges, expiry and status', async () => {
    const [page, ...more] = await observeAll(await createSource());
    expect(more).toEqual([]);
    const attributes = {
      superuser: false,
      createRole: false,
      createDatabase: false,
      replication: false,
      bypassRowLevelSecurity: false,
    };
    expect(page).toEqual([
      {
        externalId: role('acme_old'),
        type: 'service-account',
        name: role('acme_old'),
        partner: 'acme',
        scopes: [],
        status: 'disabled',
        attributes: { ...attributes, connectionLimit: -1 },
      },
      {
        externalId: role('lumen_reader'),
        type: 'service-account',
        name: role('lumen_reader'),
        partner: 'lumen',
        scopes: ['select:orders.orders', 'usage:orders'],
        status: 'active',
        attributes: { ...attributes, connectionLimit: -1 },
      },
      {
        externalId: role('lumen_writer'),
        type: 'service-account',
        name: role('lumen_writer'),
        partner: 'lumen',
        scopes: [
          'insert:orders.orders',
          `member:${role('lumen_reader')}`,
          'select:orders.orders',
        ],
        expires: '2027-01-01T00:00:00.000Z',
        status: 'active',
        attributes: { ...attributes, connectionLimit: 3 },
      },
    ]);
  });

  it('yields pages of at most 500 roles', async () => {
    await admin.raw(
      `do $$ begin
         for i in 1..501 loop
           execute format('create role %I', '${prefix}_bulk_r' || i);
         end loop;
       end $$`,
    );
    const pages = await observeAll(
      await createSource(`^${prefix}_(?<partner>bulk)_`),
    );
    expect(pages.map(p => p.length)).toEqual([500, 1]);
  });

  it('revokes a partner role: no login, its sessions ended', async () => {
    const session = sessionAs(role('lumen_reader'));
    await expect(session.raw('select 1')).resolves.toBeDefined();
    const source = await createSource();
    await source.revoke!(role('lumen_reader'));

    await expect(session.raw('select 1')).rejects.toThrow();
    await expect(
      sessionAs(role('lumen_reader')).raw('select 1'),
    ).rejects.toThrow(/not permitted to log in/);
    const observed = (await observeAll(source)).flat();
    expect(
      observed.find(i => i.externalId === role('lumen_reader'))?.status,
    ).toBe('disabled');
  });

  it('acts on no role the pattern does not attribute, nor on one that does not exist', async () => {
    const source = await createSource();
    await expect(source.revoke!(`${prefix}x_app`)).rejects.toThrow(
      'Source partner-db acts only on roles its pattern attributes to a partner',
    );
    await expect(source.revoke!(role('lumen_gone'))).rejects.toThrow(
      `Source partner-db has no role ${role('lumen_gone')}`,
    );
    const { rows } = await admin.raw(
      'select rolcanlogin from pg_roles where rolname = ?',
      [`${prefix}x_app`],
    );
    expect(rows).toEqual([{ rolcanlogin: true }]);
  });

  it('revokes through the partners backend, and its next run verifies the offboarding item', async () => {
    await admin.raw('create role ?? login', [role('leaving_sync')]);
    const backend = await startPartnersTestBackend({
      features: [partnersModulePostgresIdentitySource],
      entities: partnerEntities({
        partner: 'leaving',
        identities: [
          {
            name: 'sync-role',
            observedAs: `partner-db:${role('leaving_sync')}`,
          },
        ],
      }),
      identitySources: {
        'partner-db': {
          type: 'postgres',
          connection: url,
          rolePattern: `^${prefix}_(?<partner>[a-z0-9]+)_`,
        },
      },
    });
    try {
      await backend.runTask('partners-identity-source-partner-db');
      await backend.runTask('partners-index-sync');
      const [item] = await backend.offboardingItems('partner:default/leaving');
      expect(item).toMatchObject({
        kind: 'revoke',
        identity: 'sync-role',
        status: 'pending',
        revocableThrough: 'partner-db',
      });

      const revoked = await backend.fetch(
        `/offboarding/items/${item.id}/revoke`,
        { method: 'POST' },
      );
      expect(revoked.status).toBe(200);
      expect(await revoked.json()).toMatchObject({
        status: 'pending',
        revocation: { sourceId: 'partner-db', state: 'requested' },
      });
      const [{ rolcanlogin }] = (
        await admin.raw('select rolcanlogin from pg_roles where rolname = ?', [
          role('leaving_sync'),
        ])
      ).rows;
      expect(rolcanlogin).toBe(false);

      await backend.runTask('partners-identity-source-partner-db');
      const [verified] = await backend.offboardingItems(
        'partner:default/leaving',
      );
      expect(verified).toMatchObject({
        status: 'done',
        revocation: { state: 'verified' },
      });
      expect(verified.evidence).toMatch(
        /^Verified by observation: source partner-db observed \S+ disabled/,
      );
    } finally {
      await backend.stop();
    }
  });
});
