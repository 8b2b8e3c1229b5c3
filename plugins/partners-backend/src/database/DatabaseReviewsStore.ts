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

import { whereInScope } from './stakeholders';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  FindingRecord,
  ReviewIdentity,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { PLUGIN_ACTOR, type AuditEventInput } from './AuditStore';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { DatabaseExceptionsStore } from './DatabaseExceptionsStore';
import { DatabaseFindingsStore } from './DatabaseFindingsStore';
import { DatabaseIdentityIndexStore } from './DatabaseIdentityIndexStore';
import type {
  IndexedIdentity,
  ReviewableIntegration,
} from './IdentityIndexStore';
import { jsonOf } from './json';
import { migrateDatabase } from './migrateDatabase';
import { reassignPendingReviews } from './reviewReassignment';
import * as triggers from './reviewTriggerRows';
import type {
  RevocationHandler,
  ReviewDecisionUpdate,
  ReviewOpening,
  ReviewQuery,
  ReviewRow,
  ReviewScheduleState,
  ReviewsStore,
} from './ReviewsStore';

/** A row of `access_reviews`. */
export interface AccessReviewsRow {
  /** bigint: a string on PostgreSQL */
  id: number | string;
  integration_ref: string;
  partner_ref: string;
  assignee_ref: string;
  status: ReviewRow['status'];
  /** The integration while the review is pending, else null. */
  pending_key: string | null;
  opened_at: string;
  due_at: string;
  decided_at: string | null;
  decided_by: string | null;
  comment: string | null;
  /** JSON list of identity names. */
  revoked_identities: string | null;
  /** JSON list of the identities as decided. */
  snapshot: string | null;
}

/** The columns of {@link REVIEW_SUMMARY_COLUMNS}, and the snapshot when read. */
export type ReviewSummaryRow = Omit<
  AccessReviewsRow,
  'pending_key' | 'snapshot'
> & {
  snapshot?: string | null;
};

function toReview(row: ReviewSummaryRow): ReviewRow {
  return {
    id: Number(row.id),
    integrationRef: row.integration_ref,
    partnerRef: row.partner_ref,
    assigneeRef: row.assignee_ref,
    status: row.status,
    openedAt: row.opened_at,
    dueAt: row.due_at,
    decidedAt: row.decided_at ?? undefined,
    decidedBy: row.decided_by ?? undefined,
    comment: row.comment ?? undefined,
    revokedIdentities: jsonOf<string[]>(row.revoked_identities),
    snapshot: jsonOf<ReviewIdentity[]>(row.snapshot),
  };
}

/**
 * The columns a review summary shows: all but the identity snapshot, which
 * only a review read by id needs.
 */
export const REVIEW_SUMMARY_COLUMNS = [
  'id',
  'integration_ref',
  'partner_ref',
  'assignee_ref',
  'status',
  'opened_at',
  'due_at',
  'decided_at',
  'decided_by',
  'comment',
  'revoked_identities',
];

/**
 * Access reviews in the plugin's database (`access_reviews` and
 * `review_baselines`). Every write that opens or decides a review appends
 * its audit event in the same transaction. What reviews show of other
 * tables comes from the stores that own them.
 */
export class DatabaseReviewsStore implements ReviewsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseReviewsStore> {
    return new DatabaseReviewsStore(await migrateDatabase(options.database));
  }

  private readonly audit: DatabaseAuditStore;
  private readonly index: DatabaseIdentityIndexStore;
  private readonly findings: DatabaseFindingsStore;
  private readonly exceptions: DatabaseExceptionsStore;

  constructor(private readonly db: Knex) {
    this.audit = new DatabaseAuditStore(db);
    this.index = new DatabaseIdentityIndexStore(db);
    this.findings = new DatabaseFindingsStore(db);
    this.exceptions = new DatabaseExceptionsStore(db);
  }

  listReviewable(): Promise<ReviewableIntegration[]> {
    return this.index.listReviewable();
  }

  async scheduleState(
    integrationRefs: string[],
    now: Date,
  ): Promise<Map<string, ReviewScheduleState>> {
    for (let i = 0; i < integrationRefs.length; i += 50) {
      await this.db('review_baselines')
        .insert(
          integrationRefs.slice(i, i + 50).map(ref => ({
            integration_ref: ref,
            first_seen_at: now.toISOString(),
          })),
        )
        .onConflict('integration_ref')
        .ignore();
    }
    const pending = new Set<string>(
      (
        await this.db<AccessReviewsRow>('access_reviews')
          .select('integration_ref')
          .where('status', 'pending')
      ).map(row => row.integration_ref),
    );
    const lastDecided = new Map<string, string>(
      (
        (await this.db<AccessReviewsRow>('access_reviews')
          .select('integration_ref')
          .max({ last: 'decided_at' })
          .whereNot('status', 'pending')
          .groupBy('integration_ref')) as Array<{
          integration_ref: string;
          last: string;
        }>
      ).map(row => [row.integration_ref, row.last]),
    );
    const triggeredAt = await triggers.earliestOpenTriggers(this.db);
    const wanted = new Set(integrationRefs);
    const state = new Map<string, ReviewScheduleState>();
    for (const row of await this.db('review_baselines').select()) {
      const ref: string = row.integration_ref;
      if (wanted.has(ref)) {
        state.set(ref, {
          pending: pending.has(ref),
          lastDecidedAt: lastDecided.get(ref),
          firstSeenAt: row.first_seen_at,
          triggeredAt: triggeredAt.get(ref),
        });
      }
    }
    return state;
  }

  async openReview(
    opening: ReviewOpening,
    now: Date,
  ): Promise<ReviewRow | undefined> {
    const at = now.toISOString();
    return this.db.transaction(async tx => {
      const inserted: AccessReviewsRow[] = await tx<AccessReviewsRow>(
        'access_reviews',
      )
        .insert({
          integration_ref: opening.integrationRef,
          partner_ref: opening.partnerRef,
          assignee_ref: opening.assigneeRef,
          status: 'pending',
          pending_key: opening.integrationRef,
          opened_at: at,
          due_at: opening.dueAt,
        })
        .onConflict('pending_key')
        .ignore()
        .returning('*');
      if (!inserted.length) {
        return undefined;
      }
      const review = toReview(inserted[0]);
      await this.audit.append(
        {
          at,
          actor: PLUGIN_ACTOR,
          action: 'review.opened',
          subjectType: 'access-review',
          subjectRef: review.integrationRef,
          partnerRef: review.partnerRef,
          after: {
            reviewId: review.id,
            assignee: review.assigneeRef,
            dueAt: review.dueAt,
          },
        },
        tx,
      );
      return review;
    });
  }

  async reassignPending(
    owners: ReadonlyArray<{ integrationRef: string; ownerRef: string }>,
    now: Date,
  ): Promise<number> {
    return reassignPendingReviews(this.db, this.audit, owners, now);
  }

  bringForwardTriggered(now: Date): Promise<number> {
    return triggers.bringForwardTriggeredReviews(this.db, this.audit, now);
  }

  listTriggers(reviews: Parameters<ReviewsStore['listTriggers']>[0]) {
    return triggers.triggersOfReviews(this.db, reviews);
  }

  async getReview(id: number): Promise<ReviewRow | undefined> {
    const row = await this.db<AccessReviewsRow>('access_reviews')
      .where('id', id)
      .first();
    return row ? toReview(row) : undefined;
  }

  /** Reviews ordered by (due date, id), one page plus one row. */
  async listReviews(query: ReviewQuery): Promise<ReviewRow[]> {
    const q = whereInScope(
      this.db,
      this.db('access_reviews').select(REVIEW_SUMMARY_COLUMNS),
      'integration_ref',
      query.scope ?? 'all',
    );
    if (query.status) {
      q.where('status', query.status);
    }
    if (query.assignees) {
      if (!query.assignees.length) {
        return [];
      }
      q.whereIn('assignee_ref', query.assignees.slice(0, 500));
    }
    if (query.partnerRef) {
      q.where('partner_ref', query.partnerRef);
    }
    if (query.integrationRef) {
      q.where('integration_ref', query.integrationRef);
    }
    if (query.after) {
      const { dueAt, id } = query.after;
      q.where(w =>
        w
          .where('due_at', '>', dueAt)
          .orWhere(w2 => w2.where('due_at', dueAt).where('id', '>', id)),
      );
    }
    const rows: ReviewSummaryRow[] = await q
      .orderBy([{ column: 'due_at' }, { column: 'id' }])
      .limit(query.limit + 1);
    return rows.map(toReview);
  }

  listOverdue(now: Date): Promise<ReviewRow[]> {
    return this.listPendingDueBefore(now);
  }

  listPending(): Promise<ReviewRow[]> {
    return this.listPendingDueBefore();
  }

  private async listPendingDueBefore(dueBefore?: Date): Promise<ReviewRow[]> {
    const query = this.db<AccessReviewsRow>('access_reviews')
      .where('status', 'pending')
      .orderBy('id');
    if (dueBefore) {
      query.where('due_at', '<', dueBefore.toISOString());
    }
    return (await query).map(toReview);
  }

  listIdentities(integrationRef: string): Promise<IndexedIdentity[]> {
    return this.index.listIdentities(integrationRef);
  }

  async listOpenFindings(
    integrationRef: string,
    now: Date,
  ): Promise<FindingRecord[]> {
    return this.exceptions.withAcceptedRisk(
      await this.findings.listOpen(integrationRef),
      now,
    );
  }

  /** The decided review of the integration before the given one, if any. */
  async previousDecision(review: ReviewRow): Promise<ReviewRow | undefined> {
    const row = await this.db<AccessReviewsRow>('access_reviews')
      .where('integration_ref', review.integrationRef)
      .whereNot('status', 'pending')
      .where('id', '<', review.id)
      .orderBy('id', 'desc')
      .first();
    return row ? toReview(row) : undefined;
  }

  /**
   * Stores a decision if the review is still pending, with its audit event,
   * in one transaction. Returns false (and changes nothing) when another
   * decision got there first.
   */
  async decide(
    review: ReviewRow,
    update: ReviewDecisionUpdate,
    onRevoke?: RevocationHandler,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const updated = await tx<AccessReviewsRow>('access_reviews')
        .where('id', review.id)
        .where('status', 'pending')
        .update({
          status: update.status,
          pending_key: null,
          decided_at: update.decidedAt,
          decided_by: update.decidedBy,
          comment: update.comment ?? null,
          revoked_identities: update.revokedIdentities
            ? JSON.stringify(update.revokedIdentities)
            : null,
          snapshot: JSON.stringify(update.snapshot),
        });
      if (updated !== 1) {
        return false;
      }
      const { decidedAt } = update;
      const consumed = await triggers.consume(tx, review, decidedAt);
      const event: AuditEventInput = {
        at: update.decidedAt,
        actor: update.decidedBy,
        action: 'review.decided',
        subjectType: 'access-review',
        subjectRef: review.integrationRef,
        partnerRef: review.partnerRef,
        before: { reviewId: review.id, status: 'pending' },
        after: {
          reviewId: review.id,
          status: update.status,
          ...(update.comment !== undefined && { comment: update.comment }),
          ...(update.revokedIdentities && {
            revokedIdentities: update.revokedIdentities,
          }),
          ...(consumed > 0 && { consumedTriggers: consumed }),
        },
      };
      await this.audit.append(event, tx);
      if (update.status === 'revoked' && onRevoke) {
        await onRevoke(
          tx,
          { ...review, snapshot: update.snapshot },
          update.revokedIdentities ?? [],
        );
      }
      return true;
    });
  }
}
