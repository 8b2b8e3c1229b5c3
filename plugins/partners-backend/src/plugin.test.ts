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
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';

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
      const dump = await dumpTables(knex);
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
      // keys issued long ago make first reviews due at once: they open on
      // the first run, due after the 14-day lead window, not overdue
      const firstSeen = new Map(
        (await knex('review_baselines')).map(row => [
          row.integration_ref,
          row.first_seen_at,
        ]),
      );
      const opened = await knex('access_reviews').orderBy('integration_ref');
      expect(opened.length).toBeGreaterThan(0);
      for (const review of opened) {
        expect(review.status).toBe('pending');
        expect(
          Date.parse(review.due_at) -
            Date.parse(firstSeen.get(review.integration_ref)),
        ).toBe(14 * 24 * 60 * 60 * 1000);
      }

      // two years on: first seen and the open reviews' due dates move back
      await knex('review_baselines').update({
        first_seen_at: '2024-11-01T00:00:00.000Z',
      });
      await knex('access_reviews').update({
        due_at: '2024-11-15T00:00:00.000Z',
      });
      await run();
      await run();
      const response = await fetch(url('/reviews?status=pending&limit=100'), {
        headers: { Authorization: mockCredentials.user.header() },
      });
      expect(response.status).toBe(200);
      const page = await response.json();
      const items: Array<{ integrationRef: string; overdue: boolean }> =
        page.items;
      expect(items.every(r => active.includes(r.integrationRef))).toBe(true);
      // those opened on the first run are overdue now, with the others
      // whose keys were issued more than one cadence ago
      const pastDue = items
        .filter(r => r.overdue)
        .map(r => r.integrationRef)
        .sort();
      expect(pastDue).toEqual(
        expect.arrayContaining(opened.map(row => row.integration_ref)),
      );
      const overdue = await knex('findings')
        .where('rule_id', 'review-overdue')
        .whereNull('resolved_at')
        .orderBy('entity_ref');
      expect(overdue.map(row => row.entity_ref)).toEqual(pastDue);
    });

    it('the task expires exceptions before the findings, and reports a lapsed one whose finding still fires', async () => {
      const scheduler = mockServices.scheduler.mock();
      await start(config(), scheduler.factory);
      const task = scheduler.scheduleTask.mock
        .calls[0][0] as SchedulerServiceTaskInvocationDefinition;
      await task.fn(new AbortController().signal);
      const covered = await knex('findings')
        .whereNull('resolved_at')
        .whereNot('identity', '')
        .orderBy('id')
        .first();
      await knex('exceptions').insert({
        rule_id: covered.rule_id,
        entity_ref: covered.entity_ref,
        identity: covered.identity,
        partner_ref: covered.partner_ref,
        justification: 'accepted for the migration',
        requested_by: 'user:default/alice',
        requested_at: '2026-01-01T00:00:00.000Z',
        expires_at: '2026-02-01T00:00:00.000Z',
        status: 'approved',
        open_key: 'k',
        decided_by: 'user:default/bob',
        decided_at: '2026-01-02T00:00:00.000Z',
      });

      await task.fn(new AbortController().signal);
      const exception = await knex('exceptions').first();
      expect([exception.status, exception.open_key]).toEqual(['expired', null]);
      expect(
        await knex('audit_events')
          .where('action', 'exception.expired')
          .select('actor', 'subject_ref'),
      ).toEqual([
        { actor: 'plugin:partners', subject_ref: covered.entity_ref },
      ]);
      expect(
        await knex('findings')
          .where('rule_id', 'exception-expired')
          .whereNull('resolved_at')
          .select('entity_ref', 'identity', 'partner_ref'),
      ).toEqual([
        {
          entity_ref: covered.entity_ref,
          identity: covered.identity,
          partner_ref: covered.partner_ref,
        },
      ]);
    });

    it('the task opens offboarding checklists of leaving partners, once', async () => {
      const scheduler = mockServices.scheduler.mock();
      await start(config(), scheduler.factory);
      const task = scheduler.scheduleTask.mock
        .calls[0][0] as SchedulerServiceTaskInvocationDefinition;
      await task.fn(new AbortController().signal);
      // glimmerfield is in offboarding; oldharbor's contract expired and
      // saltmarsh's was terminated (both offboarded already)
      const partners = (
        await knex('offboarding_checklists').where('status', 'open')
      ).map(row => row.partner_ref);
      expect(partners).toEqual(
        expect.arrayContaining([
          'partner:default/glimmerfield-consulting',
          'partner:default/oldharbor-resale',
          'partner:default/saltmarsh-helpdesk',
        ]),
      );
      expect(partners).not.toContain('partner:default/tidewell-commerce');
      const response = await fetch(
        url('/partners/glimmerfield-consulting/offboarding'),
        { headers: { Authorization: mockCredentials.user.header() } },
      );
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.checklist).toMatchObject({
        status: 'open',
        reasons: ['stage-offboarding'],
      });
      expect(body.checklist.items.map((i: { kind: string }) => i.kind)).toEqual(
        expect.arrayContaining(['revoke', 'close']),
      );

      const before = await knex('offboarding_items').orderBy('id');
      await task.fn(new AbortController().signal);
      expect(await knex('offboarding_items').orderBy('id')).toEqual(before);
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

    it.each([
      ['by default', {}, true],
      [
        'unless partners.notifications.enabled is false',
        { enabled: false },
        false,
      ],
    ])(
      'the task tells the assignees of the reviews it opens %s',
      async (_, notifications, enabled) => {
        const sent: NotificationSendOptions[] = [];
        const scheduler = mockServices.scheduler.mock();
        await start(
          mockServices.rootConfig.factory({
            data: { partners: { sync: { schedule: SCHEDULE }, notifications } },
          }),
          scheduler.factory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (options: NotificationSendOptions) => {
                sent.push(options);
              },
            }),
          }),
        );
        const task = scheduler.scheduleTask.mock
          .calls[0][0] as SchedulerServiceTaskInvocationDefinition;
        await task.fn(new AbortController().signal);
        await task.fn(new AbortController().signal);
        const pending = await knex('access_reviews').orderBy('id');
        expect(pending.length).toBeGreaterThan(0);
        // one due notice per review, once over two runs
        const notices = pending.map(review => ({
          recipients: { type: 'entity', entityRef: review.assignee_ref },
          link: `/partners/reviews?review=${review.id}`,
          topic: 'partners-review',
        }));
        expect(
          sent.map(({ recipients, payload }) => ({
            recipients,
            link: payload.link,
            topic: payload.topic,
          })),
        ).toEqual(enabled ? notices : []);
      },
    );
  });
});
