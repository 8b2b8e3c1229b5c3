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
import { ALICE } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  openReminderEstate,
  PARTNER_OPS,
  type RecordingNotifications,
  remindersOver,
  TEAM_A,
  TEAM_B,
} from '../__testUtils__/reminders';
import {
  CRIT_API,
  day,
  GONE_API,
  HIGH_API,
  MED_API,
} from '../__testUtils__/reviews';
import type { ReviewsService } from './ReviewsService';

jest.setTimeout(90_000);

describe('ReminderService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let reviews: ReviewsService;
    let notifications: RecordingNotifications;

    const reminders = remindersOver(() => ({ knex, notifications }));

    beforeEach(async () => {
      ({ knex, reviews, notifications } = await openReminderEstate(
        databases,
        databaseId,
      ));
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
  });
});
