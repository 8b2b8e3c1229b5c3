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
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { DEFAULT_PARTNERS_POLICY } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseExceptionsStore } from '../database/DatabaseExceptionsStore';
import { DatabaseNotificationsStore } from '../database/DatabaseNotificationsStore';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import {
  ReminderService,
  type ExpiringExceptionsSource,
} from '../services/ReminderService';
import { ReviewsService } from '../services/ReviewsService';
import { createTestDatabaseService } from './databases';
import { day, seedReviewEstate } from './reviews';

/** The notifications service of another plugin: records what it is sent. */
export class RecordingNotifications implements NotificationService {
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

export const PARTNER_OPS = 'group:default/partner-ops';
export const TEAM_A = 'group:default/team-a';
export const TEAM_B = 'group:default/team-b';

/**
 * The review estate on a fresh test database with crit-api #1, high-api #2
 * and med-api #3 reviews open on day 0 (due day 14), and a notifications
 * service that has sent nothing yet.
 */
export async function openReminderEstate(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<{
  knex: Knex;
  reviews: ReviewsService;
  exceptionsStore: DatabaseExceptionsStore;
  notifications: RecordingNotifications;
}> {
  const created = await createTestDatabaseService(databases, id);
  const knex = created.knex;
  const reviews = new ReviewsService({
    store: await DatabaseReviewsStore.create({
      database: created.database,
    }),
    policy: () => DEFAULT_PARTNERS_POLICY,
    logger: mockServices.logger.mock(),
  });
  const exceptionsStore = await DatabaseExceptionsStore.create({
    database: created.database,
  });
  await seedReviewEstate(knex);
  await reviews.openDueReviews(day(0));
  return {
    knex,
    reviews,
    exceptionsStore,
    notifications: new RecordingNotifications(),
  };
}

/**
 * Reminder services over the database and notifications `current` returns
 * at call time, each with a store of its own: as two backend instances over
 * one database.
 */
export function remindersOver(
  current: () => { knex: Knex; notifications: NotificationService },
) {
  return (
    options: {
      notifications?: NotificationService;
      enabled?: boolean;
      expiringExceptions?: ExpiringExceptionsSource;
    } = {},
  ) =>
    new ReminderService({
      store: new DatabaseNotificationsStore(current().knex),
      notifications: options.notifications ?? current().notifications,
      logger: mockServices.logger.mock(),
      enabled: options.enabled,
      expiringExceptions: options.expiringExceptions,
    });
}
