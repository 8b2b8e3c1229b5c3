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

import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  addDays,
  startOfDay,
  toDayNumber,
  type FindingRecord,
  type ReviewIdentity,
  type ReviewStatus,
  type RiskTier,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import {
  DatabaseAuditStore,
  PLUGIN_ACTOR,
  type AuditEventInput,
} from './DatabaseAuditStore';
import { withAcceptedRisk } from './DatabaseExceptionsStore';
import { migrateDatabase } from './migrateDatabase';

/** A stored access review. */
export interface ReviewRow {
  id: number;
  integrationRef: string;
  partnerRef: string;
  assigneeRef: string;
  status: ReviewStatus;
  openedAt: string;
  dueAt: string;
  decidedAt?: string;
  decidedBy?: string;
  comment?: string;
  revokedIdentities?: string[];
  snapshot?: ReviewIdentity[];
}

/** A stored identity of an integration, as the index holds it. */
export interface IndexedIdentity {
  name: string;
  type: string;
  status: string;
  scopes: string[];
  privileged: boolean;
  issued?: string;
  lastRotated?: string;
  lastUsed?: string;
}

/** The filter and page of a review list. */
interface ReviewQuery {
  status?: ReviewStatus;
  /** Only reviews assigned to one of these refs (lower case). */
  assignees?: string[];
  /** Only reviews of this partner (lower-case ref). */
  partnerRef?: string;
  /** Only reviews of this integration (lower-case ref). */
  integrationRef?: string;
  limit: number;
  after?: { dueAt: string; id: number };
}

/** A decision to store. */
interface ReviewDecisionUpdate {
  status: Exclude<ReviewStatus, 'pending'>;
  decidedAt: string;
  decidedBy: string;
  comment?: string;
  revokedIdentities?: string[];
  snapshot: ReviewIdentity[];
}

/**
 * Called inside the decision's transaction for a revoke decision: where the
 * offboarding items of the revoked identities are opened, so that they are
 * stored with the decision or not at all.
 */
export type RevocationHandler = (
  tx: Knex.Transaction,
  review: ReviewRow,
  identities: string[],
) => Promise<void>;

type Row = Record<string, any>;

function jsonOrUndefined<T>(text: string | null): T | undefined {
  if (!text) {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function toReview(row: Row): ReviewRow {
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
    revokedIdentities: jsonOrUndefined<string[]>(row.revoked_identities),
    snapshot: jsonOrUndefined<ReviewIdentity[]>(row.snapshot),
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
 * When the first review of a never-reviewed integration is due: one cadence
 * after the earliest issue date of its identities (midnight UTC of that
 * calendar day), or after the job first saw it when no identity has a
 * readable issue date; but never before `leadDays` after it was first seen,
 * so a fresh rollout gives owners a lead window instead of finding every
 * long-standing integration overdue on day one.
 */
function firstReviewDue(options: {
  /** ISO-8601 timestamp the review job first saw the integration. */
  firstSeenAt: string;
  /** The earliest `issued` of the integration's live identities, if any. */
  firstIssued?: string;
  cadenceDays: number;
  leadDays: number;
}): string {
  const { firstSeenAt, firstIssued, cadenceDays, leadDays } = options;
  const issuedDay =
    firstIssued === undefined ? undefined : toDayNumber(firstIssued);
  const fromIssue = addDays(
    issuedDay === undefined ? firstSeenAt : startOfDay(issuedDay),
    cadenceDays,
  );
  const afterLead = addDays(firstSeenAt, leadDays);
  return Date.parse(fromIssue) > Date.parse(afterLead) ? fromIssue : afterLead;
}

/**
 * Access reviews in the plugin's database. Every write that is a decision
 * appends its audit event in the same transaction.
 */
export class DatabaseReviewsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseReviewsStore> {
    return new DatabaseReviewsStore(await migrateDatabase(options.database));
  }

  private readonly audit: DatabaseAuditStore;

  constructor(private readonly db: Knex) {
    this.audit = new DatabaseAuditStore(db);
  }

  /**
   * Opens the reviews that fall due. For every active integration (live, of
   * a live partner that is not offboarded) with no pending review, the next
   * review is due one cadence of its partner's tier after its last decision.
   * The first review of a never-reviewed integration is due as
   * {@link firstReviewDue} says: one cadence after its earliest identity was
   * issued, but no earlier than `leadDays` after the job first saw it. A
   * review is opened `leadDays` before it is due, so the owner has time to
   * decide.
   *
   * Idempotent: at most one pending review per integration is guaranteed by
   * the unique `pending_key`, so a re-run or a second instance opens nothing
   * twice. Returns the reviews opened.
   */
  async openDueReviews(options: {
    now: Date;
    cadenceDays: Record<RiskTier, number>;
    leadDays: number;
  }): Promise<ReviewRow[]> {
    const now = options.now.toISOString();
    const active: Row[] = await this.db('integrations as i')
      .join('partners as p', 'p.entity_ref', 'i.partner_ref')
      .select('i.entity_ref', 'i.partner_ref', 'i.owner_ref', 'p.tier')
      .whereNull('i.gone_at')
      .whereNull('p.gone_at')
      .whereNot('p.stage', 'offboarded')
      .orderBy('i.entity_ref');
    if (!active.length) {
      return [];
    }

    for (let i = 0; i < active.length; i += 50) {
      await this.db('review_baselines')
        .insert(
          active.slice(i, i + 50).map(row => ({
            integration_ref: row.entity_ref,
            first_seen_at: now,
          })),
        )
        .onConflict('integration_ref')
        .ignore();
    }
    const baselines = new Map<string, string>(
      (await this.db('review_baselines').select()).map(row => [
        row.integration_ref,
        row.first_seen_at,
      ]),
    );
    const pending = new Set<string>(
      (
        await this.db('access_reviews')
          .select('integration_ref')
          .where('status', 'pending')
      ).map(row => row.integration_ref),
    );
    const lastDecided = new Map<string, string>(
      (
        (await this.db('access_reviews')
          .select('integration_ref')
          .max({ last: 'decided_at' })
          .whereNot('status', 'pending')
          .groupBy('integration_ref')) as Row[]
      ).map(row => [row.integration_ref, row.last]),
    );
    // One grouped query over the live identities: the earliest issue date
    // per integration. Dates are ISO-8601 (YYYY-MM-DD first), so the least
    // string is the earliest calendar day.
    const firstIssued = new Map<string, string>(
      (
        (await this.db('identities')
          .select('integration_ref')
          .min({ first: 'issued' })
          .whereNull('gone_at')
          .where('issued', 'like', '____-__-__%')
          .groupBy('integration_ref')) as Row[]
      ).map(row => [row.integration_ref, row.first]),
    );

    const opened: ReviewRow[] = [];
    for (const row of active) {
      if (pending.has(row.entity_ref)) {
        continue;
      }
      const cadence = options.cadenceDays[row.tier as RiskTier];
      const decided = lastDecided.get(row.entity_ref);
      const firstSeenAt = baselines.get(row.entity_ref);
      if (!cadence || !(decided ?? firstSeenAt)) {
        continue;
      }
      const dueAt = decided
        ? addDays(decided, cadence)
        : firstReviewDue({
            firstSeenAt: firstSeenAt!,
            firstIssued: firstIssued.get(row.entity_ref),
            cadenceDays: cadence,
            leadDays: options.leadDays,
          });
      if (
        Date.parse(addDays(dueAt, -options.leadDays)) > options.now.getTime()
      ) {
        continue;
      }
      await this.db.transaction(async tx => {
        const inserted: Row[] = await tx('access_reviews')
          .insert({
            integration_ref: row.entity_ref,
            partner_ref: row.partner_ref,
            assignee_ref: row.owner_ref,
            status: 'pending',
            pending_key: row.entity_ref,
            opened_at: now,
            due_at: dueAt,
          })
          .onConflict('pending_key')
          .ignore()
          .returning('*');
        if (!inserted.length) {
          // another instance opened it first
          return;
        }
        const review = toReview(inserted[0]);
        await this.audit.append(
          {
            at: now,
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
        opened.push(review);
      });
    }
    return opened;
  }

  async getReview(id: number): Promise<ReviewRow | undefined> {
    const row = await this.db('access_reviews').where('id', id).first();
    return row ? toReview(row) : undefined;
  }

  /** Reviews ordered by (due date, id), one page plus one row. */
  async listReviews(query: ReviewQuery): Promise<ReviewRow[]> {
    const q = this.db('access_reviews').select(REVIEW_SUMMARY_COLUMNS);
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
    const rows = await q
      .orderBy([{ column: 'due_at' }, { column: 'id' }])
      .limit(query.limit + 1);
    return rows.map(toReview);
  }

  /**
   * Pending reviews due before `now` of integrations still active (live, of
   * a live partner that is not offboarded), with their partner's tier.
   */
  async listOverdue(now: Date): Promise<Array<ReviewRow & { tier: RiskTier }>> {
    const rows: Row[] = await this.db('access_reviews as r')
      .join('integrations as i', 'i.entity_ref', 'r.integration_ref')
      .join('partners as p', 'p.entity_ref', 'i.partner_ref')
      .select('r.*', { tier: 'p.tier' })
      .where('r.status', 'pending')
      .where('r.due_at', '<', now.toISOString())
      .whereNull('i.gone_at')
      .whereNull('p.gone_at')
      .whereNot('p.stage', 'offboarded')
      .orderBy('r.id');
    return rows.map(row => ({ ...toReview(row), tier: row.tier }));
  }

  /** The live identities of an integration, by name. */
  async listIdentities(integrationRef: string): Promise<IndexedIdentity[]> {
    const rows: Row[] = await this.db('identities')
      .select(
        'name',
        'type',
        'status',
        'scopes',
        'privileged',
        'issued',
        'last_rotated',
        'last_used',
      )
      .where('integration_ref', integrationRef)
      .whereNull('gone_at')
      .orderBy('name');
    return rows.map(row => ({
      name: row.name,
      type: row.type,
      status: row.status,
      scopes: jsonOrUndefined<string[]>(row.scopes) ?? [],
      privileged: Boolean(row.privileged),
      issued: row.issued ?? undefined,
      lastRotated: row.last_rotated ?? undefined,
      lastUsed: row.last_used ?? undefined,
    }));
  }

  /**
   * Open findings about an integration or its identities, oldest first;
   * those an approved exception unexpired at `now` covers carry
   * `acceptedRisk`.
   */
  async listOpenFindings(
    integrationRef: string,
    now: Date = new Date(),
  ): Promise<FindingRecord[]> {
    const rows: Row[] = await this.db('findings')
      .where('entity_ref', integrationRef)
      .whereNull('resolved_at')
      .orderBy('id');
    const findings = rows.map(row => ({
      id: Number(row.id),
      ruleId: row.rule_id,
      severity: row.severity,
      entityRef: row.entity_ref,
      ...(row.identity && { identity: row.identity }),
      ...(row.partner_ref && { partnerRef: row.partner_ref }),
      message: row.message,
      frameworks: jsonOrUndefined<string[]>(row.frameworks) ?? [],
      firstSeen: row.first_seen_at,
      lastSeen: row.last_seen_at,
    }));
    return withAcceptedRisk(this.db, findings, now);
  }

  /** The decided review of the integration before the given one, if any. */
  async previousDecision(review: ReviewRow): Promise<ReviewRow | undefined> {
    const row = await this.db('access_reviews')
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
      const updated = await tx('access_reviews')
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
        },
      };
      await this.audit.append(event, tx);
      if (update.status === 'revoked' && onRevoke) {
        await onRevoke(tx, review, update.revokedIdentities ?? []);
      }
      return true;
    });
  }
}
