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

import type { ReviewTrigger } from '@partner-governance/plugin-partners-common';
import type {
  ReviewTriggerSet,
  StoredReviewTrigger,
} from '../database/reviewTriggerRows';
import type { ReviewRow } from '../database/ReviewsStore';

/** Changes a due reason names before it says how many more there are. */
const NAMED_CHANGES = 3;

/** Whether a value is the marker boundValues puts after the values it kept. */
function isMore(value: string): boolean {
  return value.startsWith('… and ') && value.endsWith(' more');
}

function one(values: string[]): string {
  return values[0] ?? '(none)';
}

function all(values: string[]): string {
  return values.length ? values.join(', ') : '(none)';
}

/** `from a to b`, or for a list what was added and removed. */
function difference(trigger: StoredReviewTrigger, list: boolean): string {
  const { before, after } = trigger;
  if (!list) {
    return `changed from ${one(before)} to ${one(after)}`;
  }
  const truncated = [...before, ...after].some(isMore);
  const added = after.filter(v => !before.includes(v));
  const removed = before.filter(v => !after.includes(v));
  if (truncated || (!added.length && !removed.length)) {
    return `changed from ${all(before)} to ${all(after)}`;
  }
  return `changed: ${[
    added.length ? `added ${added.join(', ')}` : '',
    removed.length ? `removed ${removed.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ')}`;
}

/** What a trigger changed, in words (lower case, no full stop). */
export function triggerSummary(trigger: StoredReviewTrigger): string {
  const identity = `identity ${trigger.identity ?? ''}`;
  switch (trigger.kind) {
    case 'integration-owner':
      return `the owner ${difference(trigger, false)}`;
    case 'partner-owner':
      return `the owner of ${trigger.entityRef} ${difference(trigger, false)}`;
    case 'partner-tier':
      return `the risk tier of ${trigger.entityRef} ${difference(
        trigger,
        false,
      )}`;
    case 'identity-scopes':
      return `the scopes of ${identity} ${difference(trigger, true)}`;
    case 'identity-custodian':
      return `the custodian of ${identity} ${difference(trigger, false)}`;
    case 'identity-environment':
      return `the environment of ${identity} ${difference(trigger, false)}`;
    case 'integration-accesses':
      return `the accesses ${difference(trigger, true)}`;
    case 'identity-added':
    default:
      return `${identity} was added`;
  }
}

/** A stored trigger as the API shows it. */
function toApiTrigger(trigger: StoredReviewTrigger): ReviewTrigger {
  return {
    kind: trigger.kind,
    entityRef: trigger.entityRef,
    field: trigger.field,
    ...(trigger.identity !== undefined && { identity: trigger.identity }),
    before: trigger.before,
    after: trigger.after,
    at: trigger.seenAt,
    summary: triggerSummary(trigger),
  };
}

/**
 * Why a review is due, and the changes that made it due now: "Due now: the
 * owner changed from group:default/a to group:default/b on 2026-12-18." (a
 * decided review says "Was due on change"), or "Due by cadence." for a
 * review without triggers.
 */
export function reviewReasons(
  review: Pick<ReviewRow, 'status'>,
  set: ReviewTriggerSet | undefined,
): { dueReason: string; triggers: ReviewTrigger[] } {
  if (!set?.triggers.length) {
    return { dueReason: 'Due by cadence.', triggers: [] };
  }
  const triggers = set.triggers.map(toApiTrigger);
  const since = set.triggers[0].seenAt.slice(0, 10);
  const lead = review.status === 'pending' ? 'Due now' : 'Was due on change';
  if (set.total === 1) {
    return {
      dueReason: `${lead}: ${triggers[0].summary} on ${since}.`,
      triggers,
    };
  }
  const named = triggers.slice(0, NAMED_CHANGES).map(t => t.summary);
  const more = set.total - named.length;
  return {
    dueReason: `${lead}: ${set.total} changes since ${since}: ${named.join(
      '; ',
    )}${more > 0 ? `; and ${more} more` : ''}.`,
    triggers,
  };
}
