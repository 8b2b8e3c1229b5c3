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
  createServiceFactory,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import { createTestDatabases } from './__testUtils__/databases';
import {
  config,
  partnersBackend,
  SCHEDULE,
} from './__testUtils__/pluginBackend';

jest.setTimeout(90_000);

describe('partnersPlugin sync task', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = partnersBackend(databases, databaseId);
    const { start, url } = fx;

    it('the task opens due access reviews after the findings, and reports overdue ones on the next run', async () => {
      const scheduler = mockServices.scheduler.mock();
      await start(config(), scheduler.factory);
      const task = scheduler.scheduleTask.mock
        .calls[0][0] as SchedulerServiceTaskInvocationDefinition;
      const run = () => task.fn(new AbortController().signal);

      // the first run records when each active integration was first seen
      await run();
      const active = (
        await fx
          .knex('integrations as i')
          .join('partners as p', 'p.entity_ref', 'i.partner_ref')
          .whereNull('i.gone_at')
          .whereNull('p.gone_at')
          .whereNot('p.stage', 'offboarded')
          .select('i.entity_ref')
          .orderBy('i.entity_ref')
      ).map(row => row.entity_ref);
      expect(active.length).toBeGreaterThan(0);
      expect(
        (await fx.knex('review_baselines').orderBy('integration_ref')).map(
          row => row.integration_ref,
        ),
      ).toEqual(active);
      // keys issued long ago make first reviews due at once: they open on
      // the first run, due after the 14-day lead window, not overdue
      const firstSeen = new Map(
        (await fx.knex('review_baselines')).map(row => [
          row.integration_ref,
          row.first_seen_at,
        ]),
      );
      const opened = await fx.knex('access_reviews').orderBy('integration_ref');
      expect(opened.length).toBeGreaterThan(0);
      for (const review of opened) {
        expect(review.status).toBe('pending');
        expect(
          Date.parse(review.due_at) -
            Date.parse(firstSeen.get(review.integration_ref)),
        ).toBe(14 * 24 * 60 * 60 * 1000);
      }

      // two years on: first seen and the open reviews' due dates move back
      await fx.knex('review_baselines').update({
        first_seen_at: '2024-11-01T00:00:00.000Z',
      });
      await fx.knex('access_reviews').update({
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
      const overdue = await fx
        .knex('findings')
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
      const covered = await fx
        .knex('findings')
        .whereNull('resolved_at')
        .whereNot('identity', '')
        .orderBy('id')
        .first();
      await fx.knex('exceptions').insert({
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
      const exception = await fx.knex('exceptions').first();
      expect([exception.status, exception.open_key]).toEqual(['expired', null]);
      expect(
        await fx
          .knex('audit_events')
          .where('action', 'exception.expired')
          .select('actor', 'subject_ref'),
      ).toEqual([
        { actor: 'plugin:partners', subject_ref: covered.entity_ref },
      ]);
      expect(
        await fx
          .knex('findings')
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
        await fx.knex('offboarding_checklists').where('status', 'open')
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

      const before = await fx.knex('offboarding_items').orderBy('id');
      await task.fn(new AbortController().signal);
      expect(await fx.knex('offboarding_items').orderBy('id')).toEqual(before);
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
        const pending = await fx.knex('access_reviews').orderBy('id');
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
