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

import type {
  ReviewChanges,
  ReviewIdentity,
  ReviewSummary,
} from '@partner-governance/plugin-partners-common';
import type { ReviewRow } from '../database/ReviewsStore';

/** A stored review as the API lists it; overdue as of `now`. */
export function toSummary(review: ReviewRow, now: Date): ReviewSummary {
  return {
    id: review.id,
    integrationRef: review.integrationRef,
    partnerRef: review.partnerRef,
    assignee: review.assigneeRef,
    status: review.status,
    openedAt: review.openedAt,
    dueAt: review.dueAt,
    overdue:
      review.status === 'pending' && Date.parse(review.dueAt) < now.getTime(),
    ...(review.decidedAt && { decidedAt: review.decidedAt }),
    ...(review.decidedBy && { decidedBy: review.decidedBy }),
    ...(review.comment !== undefined && { comment: review.comment }),
    ...(review.revokedIdentities && {
      revokedIdentities: review.revokedIdentities,
    }),
  };
}

/** What changed from one set of identities to the next. */
export function diffIdentities(
  since: string,
  before: ReviewIdentity[],
  after: ReviewIdentity[],
): ReviewChanges {
  const old = new Map(before.map(i => [i.name, i]));
  const now = new Map(after.map(i => [i.name, i]));
  const scopeChanges: ReviewChanges['scopeChanges'] = [];
  for (const identity of after) {
    const previous = old.get(identity.name);
    if (!previous) {
      continue;
    }
    const added = identity.scopes.filter(s => !previous.scopes.includes(s));
    const removed = previous.scopes.filter(s => !identity.scopes.includes(s));
    if (added.length || removed.length) {
      scopeChanges.push({ name: identity.name, added, removed });
    }
  }
  return {
    since,
    added: after.filter(i => !old.has(i.name)).map(i => i.name),
    removed: before.filter(i => !now.has(i.name)).map(i => i.name),
    scopeChanges,
  };
}
