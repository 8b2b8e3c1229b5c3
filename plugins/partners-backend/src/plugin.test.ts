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
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type {
  BackendFeature,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { createTestDatabases, dumpTables } from './__testUtils__/databases';
import { EXAMPLE_COUNTS, loadExampleEntities } from './__testUtils__/examples';
import partnersPlugin from './index';

jest.setTimeout(90_000);

const SCHEDULE = {
  frequency: { hours: 1 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 1 },
};

/** Root config with the given sync schedule, or none when null. */
const config = (schedule: typeof SCHEDULE | null = SCHEDULE) =>
  mockServices.rootConfig.factory({
    data: schedule ? { partners: { sync: { schedule } } } : {},
  });

describe('partnersPlugin', () => {
  const databases = createTestDatabases();
  let backend: TestBackend | undefined;

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  const url = (path: string) =>
    `http://localhost:${backend!.server.port()}/api/partners${path}`;

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    /** Starts the plugin; `extra` replaces the default config. */
    async function start(...extra: BackendFeature[]) {
      backend = await startTestBackend({
        features: [
          partnersPlugin,
          catalogServiceMock.factory({ entities: loadExampleEntities() }),
          mockServices.database.factory({ knex }),
          ...(extra.length ? extra : [config()]),
        ],
      });
    }

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
      expect((await dumpTables(knex)).partners).toEqual([]);

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
      const dump = await dumpTables(knex);
      expect(dump.partners).toHaveLength(EXAMPLE_COUNTS.partners);
      expect(dump.integrations).toHaveLength(EXAMPLE_COUNTS.integrations);
      expect(dump.identities).toHaveLength(EXAMPLE_COUNTS.identities);

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

    it('refuses POST /sync without credentials', async () => {
      await start();
      const response = await fetch(url('/sync'), {
        method: 'POST',
        headers: { Authorization: mockCredentials.none.header() },
      });
      expect(response.status).toBe(401);
      expect((await dumpTables(knex)).partners).toEqual([]);
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
      expect((await dumpTables(knex)).partners).toEqual([]);
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
      const dump = await dumpTables(knex);
      expect(dump.partners).toHaveLength(EXAMPLE_COUNTS.partners);
      expect(dump.identities).toHaveLength(EXAMPLE_COUNTS.identities);
    });

    it('the task opens due access reviews after the findings, and reports overdue ones on the next run', async () => {
      const scheduler = mockServices.scheduler.mock();
      await start(config(), scheduler.factory);
      const task = scheduler.scheduleTask.mock
        .calls[0][0] as SchedulerServiceTaskInvocationDefinition;
      const run = () => task.fn(new AbortController().signal);

      // the first run records when each active integration was first seen
      await run();
      expect(await knex('access_reviews')).toEqual([]);
      const active = (
        await knex('integrations as i')
          .join('partners as p', 'p.entity_ref', 'i.partner_ref')
          .whereNull('i.gone_at')
          .whereNull('p.gone_at')
          .whereNot('p.stage', 'offboarded')
          .select('i.entity_ref')
          .orderBy('i.entity_ref')
      ).map(row => row.entity_ref);
      expect(active.length).toBeGreaterThan(0);
      expect(
        (await knex('review_baselines').orderBy('integration_ref')).map(
          row => row.integration_ref,
        ),
      ).toEqual(active);

      // first seen two years ago: every review is due, and overdue
      await knex('review_baselines').update({
        first_seen_at: '2024-11-01T00:00:00.000Z',
      });
      await run();
      await run();
      const response = await fetch(url('/reviews?status=pending&limit=100'), {
        headers: { Authorization: mockCredentials.user.header() },
      });
      expect(response.status).toBe(200);
      const page = await response.json();
      expect(
        page.items
          .map((r: { integrationRef: string }) => r.integrationRef)
          .sort(),
      ).toEqual(active);
      expect(page.items.every((r: { overdue: boolean }) => r.overdue)).toBe(
        true,
      );
      const overdue = await knex('findings')
        .where('rule_id', 'review-overdue')
        .whereNull('resolved_at')
        .orderBy('entity_ref');
      expect(overdue.map(row => row.entity_ref)).toEqual(active);
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
