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

import type { ReviewTriggerKind } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { PLUGIN_ACTOR, type AuditStore } from './AuditStore';
import { jsonArray } from './json';
import type { ReviewRow } from './ReviewsStore';

/** whereIn lists stay well below every database's bind limit. */
const CHUNK = 500;

/** Triggers a review shows; {@link ReviewTriggerSet.total} counts them all. */
const MAX_REVIEW_TRIGGERS = 50;

/** A row of `review_triggers`. */
export interface ReviewTriggersRow {
  /** bigint: a string on PostgreSQL */
  id: number | string;
  integration_ref: string;
  partner_ref: string;
  kind: ReviewTriggerKind;
  entity_ref: string;
  field: string;
  identity: string | null;
  /** JSON array of strings. */
  before: string;
  /** JSON array of strings. */
  after: string;
  seen_at: string;
  /** The review whose decision consumed it; null until then. */
  review_id: number | string | null;
  consumed_at: string | null;
}

/** A change that makes (or made) an integration's review due now. */
export interface StoredReviewTrigger {
  kind: ReviewTriggerKind;
  /** The entity that changed: the partner or the integration. */
  entityRef: string;
  field: string;
  identity?: string;
  before: string[];
  after: string[];
  /** When the index refresh saw it. */
  seenAt: string;
}

/** The triggers of one review: the first {@link MAX_REVIEW_TRIGGERS}, and how many in all. */
export interface ReviewTriggerSet {
  triggers: StoredReviewTrigger[];
  total: number;
}

function toTrigger(row: ReviewTriggersRow): StoredReviewTrigger {
  return {
    kind: row.kind,
    entityRef: row.entity_ref,
    field: row.field,
    ...(row.identity !== null && { identity: row.identity }),
    before: jsonArray(row.before),
    after: jsonArray(row.after),
    seenAt: row.seen_at,
  };
}

/**
 * When the earliest trigger no decision has consumed yet was seen, per
 * integration that has one.
 */
export async function earliestOpenTriggers(
  db: Knex,
): Promise<Map<string, string>> {
  const rows: Array<{ integration_ref: string; first: string }> = await db(
    'review_triggers',
  )
    .select('integration_ref')
    .min({ first: 'seen_at' })
    .whereNull('review_id')
    .groupBy('integration_ref');
  return new Map(rows.map(row => [row.integration_ref, row.first]));
}

/**
 * Consumes, in a decision's transaction, every trigger of the review's
 * integration that no decision consumed yet: they are the review's from
 * then on. Returns how many.
 */
export function consume(
  tx: Knex.Transaction,
  review: Pick<ReviewRow, 'id' | 'integrationRef'>,
  decidedAt: string,
): Promise<number> {
  return tx('review_triggers')
    .where('integration_ref', review.integrationRef)
    .whereNull('review_id')
    .update({ review_id: review.id, consumed_at: decidedAt });
}

/**
 * The first triggers of each key (oldest first) and how many it has, in one
 * query per chunk of keys: a window function numbers them per key.
 */
async function firstPerKey(
  db: Knex,
  column: 'integration_ref' | 'review_id',
  keys: ReadonlyArray<string | number>,
  open: boolean,
): Promise<Map<string, ReviewTriggerSet>> {
  const sets = new Map<string, ReviewTriggerSet>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const ranked = db('review_triggers')
      .select(
        '*',
        db.raw('row_number() over (partition by ?? order by id) as rn', [
          column,
        ]),
        db.raw('count(*) over (partition by ??) as total', [column]),
      )
      .whereIn(column, keys.slice(i, i + CHUNK));
    if (open) {
      ranked.whereNull('review_id');
    }
    const rows: Array<ReviewTriggersRow & { total: number | string }> = await db
      .select('*')
      .from(ranked.as('ranked'))
      .where('rn', '<=', MAX_REVIEW_TRIGGERS)
      .orderBy('id');
    for (const row of rows) {
      const key = String(row[column]);
      const set = sets.get(key) ?? { triggers: [], total: Number(row.total) };
      set.triggers.push(toTrigger(row));
      sets.set(key, set);
    }
  }
  return sets;
}

/**
 * The triggers of each review, by review id: of a pending review, those of
 * its integration that no decision consumed yet; of a decided one, those its
 * decision consumed. Reviews without any are left out.
 */
export async function triggersOfReviews(
  db: Knex,
  reviews: ReadonlyArray<Pick<ReviewRow, 'id' | 'integrationRef' | 'status'>>,
): Promise<Map<number, ReviewTriggerSet>> {
  const pending = reviews.filter(r => r.status === 'pending');
  const decided = reviews.filter(r => r.status !== 'pending');
  const result = new Map<number, ReviewTriggerSet>();
  if (pending.length) {
    const open = await firstPerKey(
      db,
      'integration_ref',
      [...new Set(pending.map(r => r.integrationRef))],
      true,
    );
    for (const review of pending) {
      const set = open.get(review.integrationRef);
      if (set) {
        result.set(review.id, set);
      }
    }
  }
  if (decided.length) {
    const consumed = await firstPerKey(
      db,
      'review_id',
      decided.map(r => r.id),
      false,
    );
    for (const review of decided) {
      const set = consumed.get(String(review.id));
      if (set) {
        result.set(review.id, set);
      }
    }
  }
  return result;
}

/**
 * Brings the due date of each pending review forward to when the first
 * trigger its integration has waiting was seen (never before the review
 * opened), when that is earlier: the change made it due now. One
 * transaction and one `review.brought-forward` audit event per review,
 * guarded on the due date it read so that a concurrent decision wins
 * cleanly. Returns how many moved.
 */
export async function bringForwardTriggeredReviews(
  db: Knex,
  audit: Pick<AuditStore, 'append'>,
  now: Date,
): Promise<number> {
  const first = await earliestOpenTriggers(db);
  if (!first.size) {
    return 0;
  }
  const pending: Array<{
    id: number | string;
    integration_ref: string;
    partner_ref: string;
    opened_at: string;
    due_at: string;
  }> = await db('access_reviews')
    .select('id', 'integration_ref', 'partner_ref', 'opened_at', 'due_at')
    .where('status', 'pending')
    .orderBy('id');
  let moved = 0;
  for (const row of pending) {
    const seen = first.get(row.integration_ref);
    if (!seen) {
      continue;
    }
    const dueAt =
      Date.parse(seen) < Date.parse(row.opened_at) ? row.opened_at : seen;
    if (Date.parse(dueAt) >= Date.parse(row.due_at)) {
      continue;
    }
    const done = await db.transaction(async tx => {
      const updated = await tx('access_reviews')
        .where({ id: row.id, status: 'pending', due_at: row.due_at })
        .update({ due_at: dueAt });
      if (updated !== 1) {
        return false;
      }
      await audit.append(
        {
          at: now.toISOString(),
          actor: PLUGIN_ACTOR,
          action: 'review.brought-forward',
          subjectType: 'access-review',
          subjectRef: row.integration_ref,
          partnerRef: row.partner_ref,
          before: { reviewId: Number(row.id), dueAt: row.due_at },
          after: { reviewId: Number(row.id), dueAt },
        },
        tx,
      );
      return true;
    });
    moved += done ? 1 : 0;
  }
  return moved;
}
