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

import type {
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases, dumpTables } from './__testUtils__/databases';
import { EXAMPLE_COUNTS } from './__testUtils__/examples';
import {
  config,
  partnersBackend,
  SCHEDULE,
} from './__testUtils__/pluginBackend';

jest.setTimeout(90_000);

describe('partnersPlugin', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = partnersBackend(databases, databaseId);
    const { start, url } = fx;

    it('serves /health without credentials', async () => {
      await start();
      const plain = await fetch(url('/health'));
      expect(plain.status).toBe(200);
      await expect(plain.json()).resolves.toEqual({ status: 'ok' });

      const none = await fetch(url('/health'), {
        headers: { Authorization: mockCredentials.none.header() },
      });
      expect(none.status).toBe(200);
    });

    it('syncs the example estate on POST /sync', async () => {
      await start();
      // the initial delay keeps the scheduled sync from running at startup
      expect((await dumpTables(fx.knex)).partners).toEqual([]);
      // read before the sync: the (cached) page is empty
      const billingAccess = async () => {
        const page = await fetch(url('/entities/system:billing/access'), {
          headers: { Authorization: mockCredentials.user.header() },
        });
        return (await page.json()).totals.integrations;
      };
      expect(await billingAccess()).toBe(0);

      const response = await fetch(url('/sync'), {
        method: 'POST',
        headers: { Authorization: mockCredentials.user.header() },
      });
      expect(response.status).toBe(200);
      const summary = await response.json();
      expect(summary).toMatchObject({
        partners: EXAMPLE_COUNTS.partners,
        integrations: EXAMPLE_COUNTS.integrations,
        changed: EXAMPLE_COUNTS.partners + EXAMPLE_COUNTS.integrations,
        gone: 0,
      });
      expect(summary.rowsWritten).toBeGreaterThan(0);
      const dump = await dumpTables(fx.knex);
      expect(dump.partners).toHaveLength(EXAMPLE_COUNTS.partners);
      expect(dump.integrations).toHaveLength(EXAMPLE_COUNTS.integrations);
      expect(dump.identities).toHaveLength(EXAMPLE_COUNTS.identities);
      // the sync dropped the cached page
      expect(await billingAccess()).toBeGreaterThan(0);

      const again = await fetch(url('/sync'), {
        method: 'POST',
        headers: { Authorization: mockCredentials.service.header() },
      });
      expect(again.status).toBe(200);
      await expect(again.json()).resolves.toMatchObject({
        changed: 0,
        rowsWritten: 0,
      });
    });

    it('runs one of two concurrent POST /sync and answers 409 to the other', async () => {
      await start();
      const post = () =>
        fetch(url('/sync'), {
          method: 'POST',
          headers: { Authorization: mockCredentials.user.header() },
        });
      const responses = await Promise.all([post(), post()]);
      const statuses = responses.map(r => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      const conflict = responses.find(r => r.status === 409)!;
      await expect(conflict.json()).resolves.toMatchObject({
        error: {
          name: 'ConflictError',
          message:
            'A refresh of partner governance is already running; try again when it has finished',
        },
      });
      expect((await dumpTables(fx.knex)).partners).toHaveLength(
        EXAMPLE_COUNTS.partners,
      );
      // the lock is free again
      expect((await post()).status).toBe(200);
    });

    it('refuses POST /sync without credentials', async () => {
      await start();
      const response = await fetch(url('/sync'), {
        method: 'POST',
        headers: { Authorization: mockCredentials.none.header() },
      });
      expect(response.status).toBe(401);
      expect((await dumpTables(fx.knex)).partners).toEqual([]);
    });

    it('refuses POST /sync when the permission is denied', async () => {
      await start(
        config(),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      );
      const response = await fetch(url('/sync'), {
        method: 'POST',
        headers: { Authorization: mockCredentials.user.header() },
      });
      expect(response.status).toBe(403);
      await expect(response.json()).resolves.toMatchObject({
        error: { name: 'NotAllowedError' },
      });
      expect((await dumpTables(fx.knex)).partners).toEqual([]);
    });

    it('schedules the sync from config, and the task syncs the index', async () => {
      const scheduler = mockServices.scheduler.mock();
      await start(config(), scheduler.factory);
      expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
      const task = scheduler.scheduleTask.mock
        .calls[0][0] as SchedulerServiceTaskInvocationDefinition &
        SchedulerServiceTaskScheduleDefinition;
      expect(task).toMatchObject({ id: 'partners-index-sync', ...SCHEDULE });
      // one instance at a time: the scheduler treats an unset scope as global
      expect(task.scope ?? 'global').toBe('global');

      await task.fn(new AbortController().signal);
      const dump = await dumpTables(fx.knex);
      expect(dump.partners).toHaveLength(EXAMPLE_COUNTS.partners);
      expect(dump.identities).toHaveLength(EXAMPLE_COUNTS.identities);
    });

    it('falls back to the default schedule when config is silent', async () => {
      const scheduler = mockServices.scheduler.mock();
      await start(config(null), scheduler.factory);
      expect(scheduler.scheduleTask).toHaveBeenCalledWith(
        expect.objectContaining({
          id: 'partners-index-sync',
          frequency: { minutes: 5 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 15 },
        }),
      );
    });
  });
});
