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

import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  daysBetween,
  type ExceptionRecord,
} from '@partner-governance/plugin-partners-common';
import {
  sendKeyOf,
  type NotificationClaim,
  type NotificationsStore,
  type PendingReviewRow,
} from '../database/NotificationsStore';

/**
 * A pending review overdue by more than this many whole days escalates to
 * the partner owner.
 */
const ESCALATE_AFTER_DAYS = 7;

/** An approved exception this many days or fewer before expiry is notified. */
const EXCEPTION_NOTICE_DAYS = 14;

/**
 * After this many failed sends in a row (the notifications backend is down
 * or not installed) a run stops; the next run retries.
 */
export const MAX_FAILURES_IN_A_ROW = 3;

/** The notification topics, for users' notification settings. */
const REVIEW_TOPIC = 'partners-review';
const EXCEPTION_TOPIC = 'partners-exception';

/** The approved exceptions that expire within `withinDays` of `now`. */
export type ExpiringExceptionsSource = (
  now: Date,
  withinDays: number,
) => Promise<ExceptionRecord[]>;

/** What one run sent. */
interface ReminderSummary {
  /** Notifications this instance sent. */
  sent: number;
  /** Sends that failed; a later run retries them. */
  failed: number;
}

interface Reminder {
  claim: NotificationClaim;
  payload: NotificationPayload;
}

/** The calendar day of a timestamp, for people. */
function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

function named(ref: string, title?: string): string {
  return title ? `${title} (${ref})` : ref;
}

/** The portal page of one access review. */
function reviewLink(id: number): string {
  return `/partners/reviews?review=${id}`;
}

/** The portal page of one exception. */
function exceptionLink(id: number): string {
  return `/partners/exceptions?exception=${id}`;
}

/**
 * Reminders through the Backstage notifications service: a pending access
 * review notifies its assignee when it opens (due soon) and again once it is
 * overdue; overdue by more than {@link ESCALATE_AFTER_DAYS} whole days it
 * escalates to the partner owner. An approved exception notifies the owner
 * of its entity once when it is {@link EXCEPTION_NOTICE_DAYS} days or fewer
 * from expiry.
 *
 * Each notification goes out once per (subject, stage, recipient), however
 * many instances run the job and however often: it is claimed in the
 * plugin's database first, and only the instance whose claim was inserted
 * sends it. A send that fails gives its claim up, so a later run retries;
 * a claim never marked sent (its instance stopped while sending) is taken
 * over after an hour.
 * The notifications backend groups a subject's notifications by `scope`.
 */
export class ReminderService {
  constructor(
    private readonly options: {
      store: NotificationsStore;
      notifications: NotificationService;
      logger: LoggerService;
      /** False turns every reminder off (`partners.notifications.enabled`). */
      enabled?: boolean;
      /** Expiring exceptions; without it, no exception is notified. */
      expiringExceptions?: ExpiringExceptionsSource;
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** The scheduled job: sends the reminders not sent yet. */
  async run(now: Date = this.now()): Promise<ReminderSummary> {
    if (this.options.enabled === false) {
      return { sent: 0, failed: 0 };
    }
    const reminders = [
      ...this.reviewReminders(
        await this.options.store.listPendingReviews(),
        now,
      ),
      ...(await this.exceptionReminders(now)),
    ];
    const { store } = this.options;
    const claimed = await store.claimedKeys(
      reminders.map(r => r.claim),
      now,
    );
    const summary: ReminderSummary = { sent: 0, failed: 0 };
    let failedInARow = 0;
    for (const reminder of reminders) {
      if (failedInARow >= MAX_FAILURES_IN_A_ROW) {
        break;
      }
      if (claimed.has(sendKeyOf(reminder.claim))) {
        continue;
      }
      // only the instance whose claim is inserted sends
      if (!(await store.claim(reminder.claim, now))) {
        continue;
      }
      try {
        await this.options.notifications.send({
          recipients: {
            type: 'entity',
            entityRef: reminder.claim.recipientRef,
          },
          payload: reminder.payload,
        });
      } catch (error) {
        await store.release(reminder.claim);
        summary.failed += 1;
        failedInARow += 1;
        this.options.logger.warn(
          'Could not send a partner governance notification; the next run retries',
          {
            subjectType: reminder.claim.subjectType,
            subjectId: reminder.claim.subjectId,
            stage: reminder.claim.stage,
            error: String(error),
          },
        );
        continue;
      }
      failedInARow = 0;
      await store.markSent(reminder.claim, now);
      summary.sent += 1;
    }
    if (summary.sent) {
      this.options.logger.info('Sent partner governance notifications', {
        sent: summary.sent,
      });
    }
    return summary;
  }

  private reviewReminders(reviews: PendingReviewRow[], now: Date): Reminder[] {
    const reminders: Reminder[] = [];
    for (const review of reviews) {
      const integration = named(review.integrationRef, review.integrationTitle);
      const partner = named(review.partnerRef, review.partnerTitle);
      const due = dateOf(review.dueAt);
      const common = {
        link: reviewLink(review.id),
        topic: REVIEW_TOPIC,
        scope: `partners-review:${review.id}`,
      };
      const claim = (
        stage: NotificationClaim['stage'],
        recipientRef: string,
      ): NotificationClaim => ({
        subjectType: 'access-review',
        subjectId: review.id,
        stage,
        recipientRef: recipientRef.toLocaleLowerCase('en-US'),
      });
      if (Date.parse(review.dueAt) >= now.getTime()) {
        reminders.push({
          claim: claim('due', review.assigneeRef),
          payload: {
            ...common,
            title: `Access review due: ${integration}`,
            description: `The access review of ${integration} of partner ${partner} is due ${due}. Attest or revoke its identities before then.`,
            severity: 'normal',
          },
        });
        continue;
      }
      reminders.push({
        claim: claim('overdue', review.assigneeRef),
        payload: {
          ...common,
          title: `Access review overdue: ${integration}`,
          description: `The access review of ${integration} of partner ${partner} was due ${due}. Attest or revoke its identities now.`,
          severity: 'high',
        },
      });
      const days = daysBetween(review.dueAt, now) ?? 0;
      if (days > ESCALATE_AFTER_DAYS) {
        reminders.push({
          claim: claim('escalated', review.partnerOwnerRef),
          payload: {
            ...common,
            title: `Access review overdue by ${days} days: ${integration}`,
            description: `The access review of ${integration} of partner ${partner}, assigned to ${review.assigneeRef}, was due ${due} and is still not decided.`,
            severity: 'high',
          },
        });
      }
    }
    return reminders;
  }

  private async exceptionReminders(now: Date): Promise<Reminder[]> {
    const source = this.options.expiringExceptions;
    if (!source) {
      return [];
    }
    const exceptions = await source(now, EXCEPTION_NOTICE_DAYS);
    const owners = await this.options.store.ownersOf(
      exceptions.map(e => e.entityRef),
    );
    const reminders: Reminder[] = [];
    for (const exception of exceptions) {
      const owner = owners.get(exception.entityRef);
      if (!owner) {
        // the entity left the catalog: nobody to tell
        continue;
      }
      const entity = named(exception.entityRef, owner.title);
      const subject = exception.identity
        ? `${exception.ruleId} on identity ${exception.identity} of ${entity}`
        : `${exception.ruleId} on ${entity}`;
      reminders.push({
        claim: {
          subjectType: 'exception',
          subjectId: exception.id,
          stage: 'expiring',
          recipientRef: owner.ownerRef.toLocaleLowerCase('en-US'),
        },
        payload: {
          title: `Exception expiring: ${exception.ruleId} on ${exception.entityRef}`,
          description: `The approved exception to ${subject} (partner ${
            exception.partnerRef
          }) expires ${dateOf(
            exception.expiresAt,
          )}. Fix the finding or request a new exception.`,
          link: exceptionLink(exception.id),
          severity: 'normal',
          topic: EXCEPTION_TOPIC,
          scope: `partners-exception:${exception.id}`,
        },
      });
    }
    return reminders;
  }
}
