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

import { mockServices } from '@backstage/backend-test-utils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { DEFAULT_PARTNERS_POLICY } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import {
  CRIT_API,
  day,
  GONE_API,
  HIGH_API,
  MED_API,
  seedReviewEstate,
} from '../__testUtils__/reviews';
import { DatabaseExceptionsStore } from '../database/DatabaseExceptionsStore';
import { DatabaseNotificationsStore } from '../database/DatabaseNotificationsStore';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import {
  MAX_FAILURES_IN_A_ROW,
  ReminderService,
  type ExpiringExceptionsSource,
} from './ReminderService';
import { ReviewsService } from './ReviewsService';

jest.setTimeout(90_000);

/** The notifications service of another plugin: records what it is sent. */
class RecordingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  attempts = 0;
  failure?: Error;

  async send(options: NotificationSendOptions): Promise<void> {
    this.attempts += 1;
    if (this.failure) {
      throw this.failure;
    }
    this.sent.push(options);
  }

  /** [recipient, title] of every notification sent, in order. */
  summary(): Array<[string, string]> {
    return this.sent.map(({ recipients, payload }) => [
      recipients.type === 'entity' ? String(recipients.entityRef) : 'all',
      payload.title,
    ]);
  }
}

const PARTNER_OPS = 'group:default/partner-ops';
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';
const ALICE = 'user:default/alice';

describe('ReminderService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let reviews: ReviewsService;
    let notifications: RecordingNotifications;
    let exceptionsStore: DatabaseExceptionsStore;

    function reminders(
      options: {
        notifications?: NotificationService;
        enabled?: boolean;
        expiringExceptions?: ExpiringExceptionsSource;
      } = {},
    ) {
      // a store per service: as two backend instances over one database
      return new ReminderService({
        store: new DatabaseNotificationsStore(knex),
        notifications: options.notifications ?? notifications,
        logger: mockServices.logger.mock(),
        enabled: options.enabled,
        expiringExceptions: options.expiringExceptions,
      });
    }

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      reviews = new ReviewsService({
        store: await DatabaseReviewsStore.create({
          database: created.database,
        }),
        policy: () => DEFAULT_PARTNERS_POLICY,
        logger: mockServices.logger.mock(),
      });
      exceptionsStore = await DatabaseExceptionsStore.create({
        database: created.database,
      });
      await seedReviewEstate(knex);
      // crit-api #1, high-api #2 and med-api #3 open on day 0, due day 14
      await reviews.openDueReviews(day(0));
      notifications = new RecordingNotifications();
    });

    it('tells the assignee once when a review opens', async () => {
      const service = reminders();
      await expect(service.run(day(0))).resolves.toEqual({
        sent: 3,
        failed: 0,
      });
      expect(notifications.sent[0]).toEqual({
        recipients: { type: 'entity', entityRef: TEAM_A },
        payload: {
          title: `Access review due: ${CRIT_API}`,
          description: `The access review of ${CRIT_API} of partner partner:default/crit is due 2026-10-15. Attest or revoke its identities before then.`,
          link: '/partners/reviews?review=1',
          severity: 'normal',
          topic: 'partners-review',
          scope: 'partners-review:1',
        },
      });
      expect(notifications.summary()).toEqual([
        [TEAM_A, `Access review due: ${CRIT_API}`],
        [ALICE, `Access review due: ${HIGH_API}`],
        [TEAM_B, `Access review due: ${MED_API}`],
      ]);
      // not again, on the same day or later while it is not overdue
      await expect(service.run(day(0))).resolves.toEqual({
        sent: 0,
        failed: 0,
      });
      await expect(service.run(day(14))).resolves.toEqual({
        sent: 0,
        failed: 0,
      });
      expect(notifications.sent).toHaveLength(3);
      expect(
        await knex('notification_sends')
          .select('subject_type', 'subject_id', 'stage', 'recipient_ref')
          .whereNotNull('sent_at')
          .orderBy('id'),
      ).toEqual([
        {
          subject_type: 'access-review',
          subject_id: '1',
          stage: 'due',
          recipient_ref: TEAM_A,
        },
        {
          subject_type: 'access-review',
          subject_id: '2',
          stage: 'due',
          recipient_ref: ALICE,
        },
        {
          subject_type: 'access-review',
          subject_id: '3',
          stage: 'due',
          recipient_ref: TEAM_B,
        },
      ]);
    });

    it('tells the assignee when a review is overdue, and the partner owner after more than 7 days', async () => {
      const service = reminders();
      await service.run(day(0));
      notifications.sent.length = 0;

      // due day 14: overdue from day 15 on
      await expect(service.run(day(15))).resolves.toEqual({
        sent: 3,
        failed: 0,
      });
      expect(notifications.sent[0]).toEqual({
        recipients: { type: 'entity', entityRef: TEAM_A },
        payload: {
          title: `Access review overdue: ${CRIT_API}`,
          description: `The access review of ${CRIT_API} of partner partner:default/crit was due 2026-10-15. Attest or revoke its identities now.`,
          link: '/partners/reviews?review=1',
          severity: 'high',
          topic: 'partners-review',
          scope: 'partners-review:1',
        },
      });
      expect(notifications.summary().map(([to]) => to)).toEqual([
        TEAM_A,
        ALICE,
        TEAM_B,
      ]);

      // 7 whole days overdue: no escalation yet
      await expect(service.run(day(21))).resolves.toEqual({
        sent: 0,
        failed: 0,
      });
      // 8 whole days: the partner owner of each
      await expect(service.run(day(22))).resolves.toEqual({
        sent: 3,
        failed: 0,
      });
      expect(notifications.sent[3]).toEqual({
        recipients: { type: 'entity', entityRef: PARTNER_OPS },
        payload: {
          title: `Access review overdue by 8 days: ${CRIT_API}`,
          description: `The access review of ${CRIT_API} of partner partner:default/crit, assigned to ${TEAM_A}, was due 2026-10-15 and is still not decided.`,
          link: '/partners/reviews?review=1',
          severity: 'high',
          topic: 'partners-review',
          scope: 'partners-review:1',
        },
      });
      expect(notifications.summary().slice(3)).toEqual([
        [PARTNER_OPS, `Access review overdue by 8 days: ${CRIT_API}`],
        [PARTNER_OPS, `Access review overdue by 8 days: ${HIGH_API}`],
        [PARTNER_OPS, `Access review overdue by 8 days: ${MED_API}`],
      ]);
      // once
      await expect(service.run(day(40))).resolves.toEqual({
        sent: 0,
        failed: 0,
      });
    });

    it('sends only what is due now to a review first seen overdue, and nothing for a decided one', async () => {
      await reviews.decide(
        2,
        { decision: 'attest', comment: 'ok' },
        { actor: ALICE, authorize: async () => true },
        day(1),
      );
      await expect(reminders().run(day(22))).resolves.toEqual({
        sent: 4,
        failed: 0,
      });
      expect(notifications.summary()).toEqual([
        [TEAM_A, `Access review overdue: ${CRIT_API}`],
        [PARTNER_OPS, `Access review overdue by 8 days: ${CRIT_API}`],
        [TEAM_B, `Access review overdue: ${MED_API}`],
        [PARTNER_OPS, `Access review overdue by 8 days: ${MED_API}`],
      ]);
    });

    it('tells nobody about a pending review of an integration no longer active', async () => {
      await knex('access_reviews').insert({
        integration_ref: GONE_API,
        partner_ref: 'partner:default/crit',
        assignee_ref: TEAM_A,
        status: 'pending',
        pending_key: GONE_API,
        opened_at: day(0).toISOString(),
        due_at: day(14).toISOString(),
      });
      await knex('integrations')
        .where('entity_ref', MED_API)
        .update({ gone_at: day(1).toISOString() });
      await reminders().run(day(30));
      expect(notifications.summary().map(([, title]) => title)).toEqual([
        `Access review overdue: ${CRIT_API}`,
        `Access review overdue by 16 days: ${CRIT_API}`,
        `Access review overdue: ${HIGH_API}`,
        `Access review overdue by 16 days: ${HIGH_API}`,
      ]);
    });

    it('sends each notification once across two instances running together', async () => {
      const first = new RecordingNotifications();
      const second = new RecordingNotifications();
      const a = reminders({ notifications: first });
      const b = reminders({ notifications: second });
      for (const d of [0, 0, 15, 22, 22, 30]) {
        await Promise.all([a.run(day(d)), b.run(day(d))]);
      }
      const all = [...first.summary(), ...second.summary()].map(
        ([to, title]) => `${to} ${title}`,
      );
      // 3 due + 3 overdue + 3 escalated, none twice
      expect(all).toHaveLength(9);
      expect(new Set(all).size).toBe(9);
      expect(await knex('notification_sends')).toHaveLength(9);
    });

    it('lets one of two racing claims win, and keeps a sent claim', async () => {
      const claim = {
        subjectType: 'access-review' as const,
        subjectId: 1,
        stage: 'due' as const,
        recipientRef: TEAM_A,
      };
      const one = new DatabaseNotificationsStore(knex);
      const two = new DatabaseNotificationsStore(knex);
      const won = await Promise.all([
        one.claim(claim, day(0)),
        two.claim(claim, day(0)),
      ]);
      expect([...won].sort()).toEqual([false, true]);
      // another stage or recipient is another notification
      await expect(
        one.claim({ ...claim, stage: 'overdue' }, day(0)),
      ).resolves.toBe(true);
      await expect(
        one.claim({ ...claim, recipientRef: ALICE }, day(0)),
      ).resolves.toBe(true);
      // a release gives up an unsent claim only
      await one.markSent(claim, day(0));
      await one.release(claim);
      await one.release({ ...claim, stage: 'overdue' });
      await expect(
        two.claimedKeys([claim, { ...claim, stage: 'overdue' }], day(0)),
      ).resolves.toHaveProperty('size', 1);
      await expect(two.claim(claim, day(1))).resolves.toBe(false);
      await expect(
        two.claim({ ...claim, stage: 'overdue' }, day(1)),
      ).resolves.toBe(true);
    });

    it('takes over a claim never marked sent after an hour, once', async () => {
      const claim = {
        subjectType: 'access-review' as const,
        subjectId: 1,
        stage: 'due' as const,
        recipientRef: TEAM_A,
      };
      const one = new DatabaseNotificationsStore(knex);
      const two = new DatabaseNotificationsStore(knex);
      // an instance claimed it on day 0 and stopped before sending
      await expect(one.claim(claim, day(0))).resolves.toBe(true);
      const hour = 60 * 60 * 1000;
      const at = (ms: number) => new Date(day(0).getTime() + ms);
      await expect(two.claimedKeys([claim], at(hour))).resolves.toHaveProperty(
        'size',
        1,
      );
      await expect(two.claim(claim, at(hour))).resolves.toBe(false);
      await expect(
        two.claimedKeys([claim], at(hour + 1)),
      ).resolves.toHaveProperty('size', 0);
      const won = await Promise.all([
        one.claim(claim, at(hour + 1)),
        two.claim(claim, at(hour + 1)),
      ]);
      expect([...won].sort()).toEqual([false, true]);
      // a sent claim is never taken over
      await two.markSent(claim, at(hour + 1));
      await expect(one.claim(claim, day(30))).resolves.toBe(false);

      // the service sends the due notice of review #1 that was never sent
      await knex('notification_sends').delete();
      await one.claim(claim, day(0));
      await reminders().run(day(1));
      expect(notifications.summary()).toEqual([
        [TEAM_A, `Access review due: ${CRIT_API}`],
        [ALICE, `Access review due: ${HIGH_API}`],
        [TEAM_B, `Access review due: ${MED_API}`],
      ]);
    });

    it('retries a failed send on the next run, and stops a run after repeated failures', async () => {
      notifications.failure = new Error('notifications backend unavailable');
      const service = reminders();
      // 3 overdue and 3 escalations to send; the run gives up after 3 failures
      await expect(service.run(day(22))).resolves.toEqual({
        sent: 0,
        failed: MAX_FAILURES_IN_A_ROW,
      });
      expect(notifications.attempts).toBe(MAX_FAILURES_IN_A_ROW);
      expect(await knex('notification_sends')).toEqual([]);

      notifications.failure = undefined;
      await expect(service.run(day(22))).resolves.toEqual({
        sent: 6,
        failed: 0,
      });
      await expect(service.run(day(22))).resolves.toEqual({
        sent: 0,
        failed: 0,
      });
    });

    it('sends nothing when disabled', async () => {
      await expect(reminders({ enabled: false }).run(day(22))).resolves.toEqual(
        { sent: 0, failed: 0 },
      );
      expect(notifications.attempts).toBe(0);
      expect(await knex('notification_sends')).toEqual([]);
    });

    it('tells the owner of its entity once when an approved exception is within 14 days of expiry', async () => {
      const exception = (
        entityRef: string,
        partnerRef: string,
        expires: Date,
        extra: Record<string, unknown> = {},
      ) => ({
        rule_id: 'identity-dormant',
        entity_ref: entityRef,
        identity: '',
        partner_ref: partnerRef,
        justification: 'batch job',
        requested_by: 'user:default/bob',
        requested_at: day(-30).toISOString(),
        expires_at: expires.toISOString(),
        status: 'approved',
        open_key: `${entityRef.slice(-8)}-${expires.getTime()}`,
        decided_by: 'user:default/carol',
        decided_at: day(-29).toISOString(),
        ...extra,
      });
      await knex('exceptions').insert([
        // #1 an integration's, 14 days from day 0 to expiry: due now
        exception(CRIT_API, 'partner:default/crit', day(14), {
          identity: 'crit-old',
        }),
        // #2 a partner's: its owner
        exception('partner:default/high', 'partner:default/high', day(3)),
        // #3 15 days: only from day 1
        exception(MED_API, 'partner:default/med', day(15)),
        // #4 requested, not approved: never
        exception(MED_API, 'partner:default/med', day(5), {
          status: 'requested',
          decided_by: null,
          decided_at: null,
        }),
      ]);
      const service = reminders({
        expiringExceptions: (now, withinDays) =>
          exceptionsStore.listExpiring(now, withinDays),
      });
      // the reviews' own due notices go out too
      await service.run(day(0));
      const sent = () =>
        notifications.sent.filter(
          n => n.payload.topic === 'partners-exception',
        );
      expect(sent()).toEqual([
        {
          recipients: { type: 'entity', entityRef: PARTNER_OPS },
          payload: {
            title:
              'Exception expiring: identity-dormant on partner:default/high',
            description:
              'The approved exception to identity-dormant on partner:default/high (partner partner:default/high) expires 2026-10-04. Fix the finding or request a new exception.',
            link: '/partners/exceptions?exception=2',
            severity: 'normal',
            topic: 'partners-exception',
            scope: 'partners-exception:2',
          },
        },
        {
          recipients: { type: 'entity', entityRef: TEAM_A },
          payload: {
            title: `Exception expiring: identity-dormant on ${CRIT_API}`,
            description: `The approved exception to identity-dormant on identity crit-old of ${CRIT_API} (partner partner:default/crit) expires 2026-10-15. Fix the finding or request a new exception.`,
            link: '/partners/exceptions?exception=1',
            severity: 'normal',
            topic: 'partners-exception',
            scope: 'partners-exception:1',
          },
        },
      ]);
      await service.run(day(0));
      await service.run(day(1));
      expect(sent().map(n => n.payload.scope)).toEqual([
        'partners-exception:2',
        'partners-exception:1',
        'partners-exception:3',
      ]);
      expect(sent()[2].recipients).toEqual({
        type: 'entity',
        entityRef: TEAM_B,
      });
    });
  });
});
