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

import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import { SHARED_DATABASE_IDS } from './__testUtils__/databases';
import { loadExampleEntities } from './__testUtils__/examples';
import partnersPlugin from './index';

jest.setTimeout(60_000);

/** The sync runs every 2 seconds, from 1 second after startup. */
const FREQUENCY_MS = 2_000;
const SCHEDULE = {
  frequency: { seconds: FREQUENCY_MS / 1000 },
  timeout: { seconds: 30 },
  initialDelay: { seconds: 1 },
};
/** Runs to observe: several intervals. */
const RUNS = 5;

/** Where the default scheduler keeps its tasks, and the task's id there. */
const TASKS_TABLE = 'backstage_backend_tasks__tasks';
const TASK_ID = 'partners-index-sync';

/** One run of the sync task, as the instances' fake catalogs saw it. */
interface Run {
  instance: string;
  /** The scheduler's ticket of the run (unique per run). */
  ticket: string;
  /** When the scheduler had the run start, epoch ms. */
  slot: number;
}

function toMillis(value: Date | string): number {
  if (value instanceof Date) {
    return value.getTime();
  }
  // SQLite: 'YYYY-MM-DD HH:MM:SS' in UTC
  return Date.parse(
    value.includes('T') ? value : `${value.replace(' ', 'T')}Z`,
  );
}

/**
 * Two backend instances need a shared database for the real scheduler to
 * coordinate them.
 */
describe('two backend instances over one database', () => {
  const databases = TestDatabases.create({ ids: SHARED_DATABASE_IDS });
  const backends: TestBackend[] = [];

  afterEach(async () => {
    await Promise.all(backends.splice(0).map(backend => backend.stop()));
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('run the scheduled sync once per interval in total, never concurrently', async () => {
      const runs: Run[] = [];
      let active = 0;
      let maxActive = 0;
      const sent: NotificationSendOptions[] = [];

      /**
       * The catalog of one instance, recording the runs of the sync task:
       * a run starts by reading the partner kinds and reads the owners'
       * kinds for the findings before it ends.
       */
      function recordingCatalog(instance: string) {
        const catalog = catalogServiceMock({
          entities: loadExampleEntities(),
        });
        const stream = catalog.streamEntities.bind(catalog);
        catalog.streamEntities = (request, options) => {
          const kinds = [request?.filter ?? []]
            .flat()
            .flatMap(filter => filter.kind);
          if (kinds.includes('Partner')) {
            return (async function* syncRead() {
              active += 1;
              maxActive = Math.max(maxActive, active);
              const task = await knex(TASKS_TABLE).where('id', TASK_ID).first();
              runs.push({
                instance,
                ticket: task.current_run_ticket,
                slot: toMillis(task.next_run_start_at),
              });
              yield* stream(request, options);
            })();
          }
          if (kinds.includes('Group')) {
            active -= 1;
          }
          return stream(request, options);
        };
        return createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        });
      }

      for (const instance of ['one', 'two']) {
        // one after the other, as a rolling deployment starts them: the
        // plugin's and the scheduler's migrations run once
        backends.push(
          await startTestBackend({
            features: [
              partnersPlugin,
              recordingCatalog(instance),
              mockServices.database.factory({ knex }),
              // the real scheduler, which coordinates global tasks through
              // the database; startTestBackend defaults to an in-memory one
              schedulerServiceFactory,
              mockServices.rootConfig.factory({
                data: { partners: { sync: { schedule: SCHEDULE } } },
              }),
              createServiceFactory({
                service: notificationService,
                deps: {},
                factory: () => ({
                  send: async (options: NotificationSendOptions) => {
                    sent.push(options);
                  },
                }),
              }),
            ],
          }),
        );
      }

      const deadline = Date.now() + 40_000;
      while (runs.length < RUNS && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 200));
      }
      // stop between runs, so that no run outlives the test database
      while (
        (await knex(TASKS_TABLE).where('id', TASK_ID).first())
          .current_run_ticket &&
        Date.now() < deadline
      ) {
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      await Promise.all(backends.splice(0).map(backend => backend.stop()));

      expect(runs.length).toBeGreaterThanOrEqual(RUNS);
      // never two runs at a time, across both instances
      expect(maxActive).toBe(1);
      expect(new Set(runs.map(r => r.ticket)).size).toBe(runs.length);
      // one run per interval: each run's scheduled start at least one
      // interval after the one before, never two runs for one start
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i].slot - runs[i - 1].slot).toBeGreaterThanOrEqual(
          FREQUENCY_MS - 1,
        );
      }
      // the task is one row, shared by both instances
      expect(await knex(TASKS_TABLE).where('id', TASK_ID)).toHaveLength(1);
      // the runs' reminders went out once, whichever instance ran
      const keys = sent.map(
        n => `${String(n.payload.scope)} ${JSON.stringify(n.recipients)}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
      // the first run opened the long-due reviews, due in 14 days: each
      // assignee was told once
      const pending = await knex('access_reviews').where('status', 'pending');
      expect(pending.length).toBeGreaterThan(0);
      expect(sent.map(n => n.payload.scope).sort()).toEqual(
        pending.map(review => `partners-review:${review.id}`).sort(),
      );
      expect(
        sent.every(n => n.payload.title.startsWith('Access review due')),
      ).toBe(true);
    });
  });
});
