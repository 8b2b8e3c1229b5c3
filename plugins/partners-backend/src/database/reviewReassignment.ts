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
import { PLUGIN_ACTOR, type AuditStore } from './AuditStore';
import type { AccessReviewsRow } from './DatabaseReviewsStore';

/**
 * Moves each pending review of the given integrations to the integration's
 * current owner when ownership changed since it opened: one transaction and
 * one `review.reassigned` audit event per move, guarded on the assignee it
 * read so that a concurrent decision or move wins cleanly. Returns how many
 * moved.
 */
export async function reassignPendingReviews(
  db: Knex,
  audit: Pick<AuditStore, 'append'>,
  owners: ReadonlyArray<{ integrationRef: string; ownerRef: string }>,
  now: Date,
): Promise<number> {
  const ownerOf = new Map(owners.map(o => [o.integrationRef, o.ownerRef]));
  const at = now.toISOString();
  const pending = await db<AccessReviewsRow>('access_reviews')
    .where('status', 'pending')
    .select();
  const moves = pending.flatMap(row => {
    const owner = ownerOf.get(row.integration_ref);
    return owner && owner !== row.assignee_ref ? [{ row, owner }] : [];
  });
  let moved = 0;
  for (const { row, owner } of moves) {
    const done = await db.transaction(async tx => {
      const updated = await tx<AccessReviewsRow>('access_reviews')
        .where({
          id: row.id,
          status: 'pending',
          assignee_ref: row.assignee_ref,
        })
        .update({ assignee_ref: owner });
      if (updated !== 1) {
        return false;
      }
      await audit.append(
        {
          at,
          actor: PLUGIN_ACTOR,
          action: 'review.reassigned',
          subjectType: 'access-review',
          subjectRef: row.integration_ref,
          partnerRef: row.partner_ref,
          before: { reviewId: Number(row.id), assignee: row.assignee_ref },
          after: { reviewId: Number(row.id), assignee: owner },
        },
        tx,
      );
      return true;
    });
    moved += done ? 1 : 0;
  }
  return moved;
}
