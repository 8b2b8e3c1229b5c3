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
  RecordingNotifications,
  remindersOver,
  TEAM_A,
  TEAM_B,
} from '../__testUtils__/reminders';
import { CRIT_API, day, HIGH_API, MED_API } from '../__testUtils__/reviews';
import { DatabaseNotificationsStore } from '../database/DatabaseNotificationsStore';
import { MAX_FAILURES_IN_A_ROW } from './ReminderService';

jest.setTimeout(90_000);

describe('ReminderService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let notifications: RecordingNotifications;

    const reminders = remindersOver(() => ({ knex, notifications }));

    beforeEach(async () => {
      ({ knex, notifications } = await openReminderEstate(
        databases,
        databaseId,
      ));
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
  });
});
