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
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import { DatabaseRefreshLock } from './DatabaseRefreshLock';

jest.setTimeout(90_000);

describe('DatabaseRefreshLock', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    /** Two instances' locks over one database, on a clock the test sets. */
    async function twoInstances(leaseMs = 60_000) {
      const { database, knex } = await createTestDatabaseService(
        databases,
        databaseId,
      );
      let now = 1_000_000;
      const clock = () => now;
      const [a, b] = await Promise.all([
        DatabaseRefreshLock.create({ database, leaseMs, clock }),
        DatabaseRefreshLock.create({ database, leaseMs, clock }),
      ]);
      return { a, b, knex, advance: (ms: number) => (now += ms) };
    }

    /** A run that waits until `release` is called. */
    function blockingRun() {
      let release!: () => void;
      const released = new Promise<void>(resolve => {
        release = resolve;
      });
      const fn = async () => {
        await released;
        return 'done';
      };
      return { fn, release };
    }

    it('lets one of two concurrent runs in and tells the other at once', async () => {
      const { a, b, knex } = await twoInstances();
      const first = blockingRun();
      const holding = a.withLock(first.fn);
      // wait until the first run holds the lock
      for (let i = 0; i < 100; i++) {
        const [{ n }] = await knex('refresh_locks').count({ n: '*' });
        if (Number(n) === 1) break;
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      const ran = jest.fn(async () => 'second');
      await expect(b.withLock(ran)).resolves.toEqual({ acquired: false });
      expect(ran).not.toHaveBeenCalled();
      first.release();
      await expect(holding).resolves.toEqual({
        acquired: true,
        result: 'done',
      });
      await expect(b.withLock(ran)).resolves.toEqual({
        acquired: true,
        result: 'second',
      });
      expect(await knex('refresh_locks').select()).toEqual([]);
    });

    it('of many runs started together, exactly one gets in', async () => {
      const { a, b } = await twoInstances();
      const slow = () => new Promise(resolve => setTimeout(resolve, 200));
      const outcomes = await Promise.all(
        [a, b, a, b, a, b].map(lock => lock.withLock(slow)),
      );
      expect(outcomes.filter(o => o.acquired)).toHaveLength(1);
    });

    it('releases the lock when the run fails', async () => {
      const { a, b } = await twoInstances();
      await expect(
        a.withLock(async () => {
          throw new Error('step failed');
        }),
      ).rejects.toThrow('step failed');
      await expect(b.withLock(async () => 1)).resolves.toEqual({
        acquired: true,
        result: 1,
      });
    });

    it('takes over a lock whose holder stopped renewing it past the lease', async () => {
      const { a, b, knex, advance } = await twoInstances(60_000);
      // a holder that died while holding the lock
      await knex('refresh_locks').insert({
        name: 'refresh',
        holder: 'gone',
        expires_at: 1_000_000 + 60_000,
      });
      await expect(a.withLock(async () => 1)).resolves.toEqual({
        acquired: false,
      });
      advance(60_000);
      await expect(a.withLock(async () => 1)).resolves.toEqual({
        acquired: false,
      });
      advance(1);
      await expect(b.withLock(async () => 2)).resolves.toEqual({
        acquired: true,
        result: 2,
      });
    });
  });
});
