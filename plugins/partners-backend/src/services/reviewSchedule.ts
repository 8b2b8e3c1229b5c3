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
  addDays,
  startOfDay,
  toDayNumber,
} from '@partner-governance/plugin-partners-common';

/**
 * Days before its due date a review is opened. A review is due one cadence
 * (policy.reviewCadenceDays of the partner's tier) after the integration's
 * last decision. The first review is due one cadence after the earliest
 * issue date of the integration's identities (after the job first saw it
 * when none has one), but no earlier than this many days after the job
 * first saw the integration: a fresh rollout opens the long-due reviews at
 * once, due in this many days, instead of overdue. A review opens this many
 * days before its due date so the owner can decide before it is overdue.
 */
export const REVIEW_LEAD_DAYS = 14;

/**
 * When an integration's next access review is due. After a decision: one
 * cadence (of its partner's tier) after it. The first review of a
 * never-reviewed integration: one cadence after the earliest issue day of
 * its identities (midnight UTC), or after the job first saw it when none has
 * a readable issue date; but never before `leadDays` after it was first
 * seen, so a fresh rollout gives owners a lead window instead of finding
 * every long-standing integration overdue on day one. A review-relevant
 * change no decision has consumed yet (`triggeredAt`, see reviewTriggers)
 * makes it due when the change was seen, if that is earlier: due now
 * (joiner-mover-leaver), never before the last decision.
 */
export function nextReviewDue(options: {
  /** When its last review was decided, ISO-8601, if one was. */
  lastDecidedAt?: string;
  /** When the review job first saw it, ISO-8601. */
  firstSeenAt: string;
  /** The earliest `issued` of its live identities, if any. */
  firstIssued?: string;
  /** When its first unconsumed review trigger was seen, if it has one. */
  triggeredAt?: string;
  cadenceDays: number;
  leadDays: number;
}): string {
  const byCadence = dueByCadence(options);
  const { triggeredAt, lastDecidedAt } = options;
  if (triggeredAt === undefined) {
    return byCadence;
  }
  const changed =
    lastDecidedAt && Date.parse(triggeredAt) < Date.parse(lastDecidedAt)
      ? lastDecidedAt
      : triggeredAt;
  return Date.parse(changed) < Date.parse(byCadence) ? changed : byCadence;
}

function dueByCadence(options: Parameters<typeof nextReviewDue>[0]): string {
  const { lastDecidedAt, firstSeenAt, firstIssued, cadenceDays, leadDays } =
    options;
  if (lastDecidedAt) {
    return addDays(lastDecidedAt, cadenceDays);
  }
  const issuedDay =
    firstIssued === undefined ? undefined : toDayNumber(firstIssued);
  const fromIssue = addDays(
    issuedDay === undefined ? firstSeenAt : startOfDay(issuedDay),
    cadenceDays,
  );
  const afterLead = addDays(firstSeenAt, leadDays);
  return Date.parse(fromIssue) > Date.parse(afterLead) ? fromIssue : afterLead;
}

/** Whether a review due at `dueAt` opens by `now`: `leadDays` before it is due. */
export function reviewOpens(dueAt: string, leadDays: number, now: Date) {
  return Date.parse(addDays(dueAt, -leadDays)) <= now.getTime();
}
