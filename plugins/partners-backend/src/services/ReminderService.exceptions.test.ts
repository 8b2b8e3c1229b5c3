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
import { createTestDatabases } from '../__testUtils__/databases';
import {
  openReminderEstate,
  PARTNER_OPS,
  type RecordingNotifications,
  remindersOver,
  TEAM_A,
  TEAM_B,
} from '../__testUtils__/reminders';
import { CRIT_API, day, MED_API } from '../__testUtils__/reviews';
import type { DatabaseExceptionsStore } from '../database/DatabaseExceptionsStore';

jest.setTimeout(90_000);

describe('ReminderService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let notifications: RecordingNotifications;
    let exceptionsStore: DatabaseExceptionsStore;

    const reminders = remindersOver(() => ({ knex, notifications }));

    beforeEach(async () => {
      ({ knex, notifications, exceptionsStore } = await openReminderEstate(
        databases,
        databaseId,
      ));
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
