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

import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import { observedRole } from '../__testUtils__/observations';
import { DatabaseObservationStore } from './DatabaseObservationStore';

/** A role observed last used on 2026-11-30. */
const role = (name: string, overrides: Record<string, unknown> = {}) =>
  observedRole(name, { lastUsed: '2026-11-30', ...overrides });

jest.setTimeout(90_000);

const T1 = '2026-12-01T00:00:00.000Z';
const T2 = '2026-12-01T00:15:00.000Z';
const T3 = '2026-12-01T00:30:00.000Z';

describe('DatabaseObservationStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseObservationStore;
    /** The statements that wrote to observed_identities. */
    let writes: string[];

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseObservationStore.create({
        database: created.database,
      });
      writes = [];
      knex.on('query', (query: { sql: string }) => {
        if (
          /^(insert|update|delete)/i.test(query.sql) &&
          query.sql.includes('observed_identities')
        ) {
          writes.push(query.sql);
        }
      });
    });

    it('keeps what a run observed, and an unchanged run writes no observation', async () => {
      const observed = [
        role('partner_lumen_reader'),
        role('partner_lumen_writer', {
          scopes: ['insert:orders.orders', 'select:orders.orders'],
          expires: '2027-01-01T00:00:00Z',
          attributes: { connectionLimit: 5, superuser: false },
        }),
      ];
      expect(
        await store.runSucceeded('partner-db', 'postgres', T1, observed, 0),
      ).toEqual({ inserted: 2, updated: 0, deleted: 0 });
      expect(await store.observations('partner-db')).toEqual(observed);

      writes = [];
      expect(
        await store.runSucceeded('partner-db', 'postgres', T2, observed, 0),
      ).toEqual({ inserted: 0, updated: 0, deleted: 0 });
      expect(writes).toEqual([]);
      const [row] = await knex('observed_identities').where(
        'external_id',
        'partner_lumen_reader',
      );
      expect([row.first_seen_at, row.changed_at]).toEqual([T1, T1]);
    });

    it('writes the identities that changed, came or went, and nothing else', async () => {
      await store.runSucceeded(
        'partner-db',
        'postgres',
        T1,
        [role('a'), role('b'), role('c')],
        0,
      );
      writes = [];
      const next = [
        role('a'),
        role('b', { lastUsed: '2026-12-01', status: 'disabled' }),
        role('d'),
      ];
      expect(
        await store.runSucceeded('partner-db', 'postgres', T2, next, 1),
      ).toEqual({ inserted: 1, updated: 1, deleted: 1 });
      expect(writes).toHaveLength(3);
      expect(await store.observations('partner-db')).toEqual(next);
      const rows = await knex('observed_identities').orderBy('external_id');
      expect(
        rows.map(r => [r.external_id, r.first_seen_at, r.changed_at]),
      ).toEqual([
        ['a', T1, T1],
        ['b', T1, T2],
        ['d', T2, T2],
      ]);
    });

    it('keeps the observations of a failed run, and says why and since when', async () => {
      await store.runStarted('partner-db', 'postgres', T1);
      await store.runSucceeded('partner-db', 'postgres', T1, [role('a')], 2);
      await store.runStarted('partner-db', 'postgres', T2);
      writes = [];
      await store.runFailed(
        'partner-db',
        'postgres',
        T2,
        'connect ECONNREFUSED 127.0.0.1:5432',
      );
      expect(writes).toEqual([]);
      expect(await store.observations('partner-db')).toEqual([role('a')]);
      expect(await store.sources()).toEqual([
        {
          id: 'partner-db',
          type: 'postgres',
          lastStartedAt: T2,
          lastSuccessAt: T1,
          lastErrorAt: T2,
          lastError: 'connect ECONNREFUSED 127.0.0.1:5432',
          refused: 2,
          observed: 1,
          active: 1,
        },
      ]);

      // the next success clears the error
      await store.runSucceeded('partner-db', 'postgres', T3, [role('a')], 0);
      const [status] = await store.sources();
      expect(status).toEqual({
        id: 'partner-db',
        type: 'postgres',
        lastStartedAt: T2,
        lastSuccessAt: T3,
        refused: 0,
        observed: 1,
        active: 1,
      });
    });

    it('takes scopes and attributes in any order as the same', async () => {
      const first = role('a', {
        scopes: ['update:orders.orders', 'select:orders.orders'],
        attributes: { superuser: false, connectionLimit: 5 },
      });
      await store.runSucceeded('partner-db', 'postgres', T1, [first], 0);
      writes = [];
      const reordered = role('a', {
        scopes: ['select:orders.orders', 'update:orders.orders'],
        attributes: { connectionLimit: 5, superuser: false },
      });
      expect(
        await store.runSucceeded('partner-db', 'postgres', T2, [reordered], 0),
      ).toEqual({ inserted: 0, updated: 0, deleted: 0 });
      expect(writes).toEqual([]);
      expect(await store.observations('partner-db')).toEqual([reordered]);
    });

    it('keeps each source to itself', async () => {
      await store.runSucceeded('db-a', 'postgres', T1, [role('x')], 0);
      await store.runSucceeded(
        'directory',
        'ldap',
        T1,
        [role('x', { status: 'disabled' }), role('y')],
        0,
      );
      await store.runSucceeded('db-a', 'postgres', T2, [], 0);
      expect(await store.observations('db-a')).toEqual([]);
      expect(
        (await store.sources()).map(s => [s.id, s.observed, s.active]),
      ).toEqual([
        ['db-a', 0, 0],
        ['directory', 2, 1],
      ]);
    });

    it('replaces thousands of identities in batches', async () => {
      const many = Array.from({ length: 1_234 }, (_, i) =>
        role(`partner_lumen_${String(i).padStart(4, '0')}`),
      );
      await store.runSucceeded('partner-db', 'postgres', T1, many, 0);
      expect((await store.observations('partner-db')).length).toBe(1_234);
      expect(
        await store.runSucceeded(
          'partner-db',
          'postgres',
          T2,
          many.slice(0, 10),
          0,
        ),
      ).toEqual({ inserted: 0, updated: 0, deleted: 1_224 });
      expect(await store.observations('partner-db')).toEqual(many.slice(0, 10));
    });
  });
});
