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

import type { DetailsScope } from './stakeholders';
import type {
  FindingRecord,
  ReviewIdentity,
  ReviewStatus,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type {
  IndexedIdentity,
  ReviewableIntegration,
} from './IdentityIndexStore';
import type { ReviewTriggerSet } from './reviewTriggerRows';

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

/** The filter and page of a review list. */
export interface ReviewQuery {
  status?: ReviewStatus;
  /** Only reviews assigned to one of these refs (lower case). */
  assignees?: string[];
  /** Only reviews of this partner (lower-case ref). */
  partnerRef?: string;
  /** Only reviews of this integration (lower-case ref). */
  integrationRef?: string;
  limit: number;
  after?: { dueAt: string; id: number };
  /** Only reviews of the integrations in this scope; all without it. */
  scope?: DetailsScope;
}

/** A decision to store. */
export interface ReviewDecisionUpdate {
  status: Exclude<ReviewStatus, 'pending'>;
  decidedAt: string;
  decidedBy: string;
  comment?: string;
  revokedIdentities?: string[];
  snapshot: ReviewIdentity[];
}

/**
 * Called inside the decision's transaction for a revoke decision, with the
 * review as decided (its `snapshot` holds the identities it covered) and the
 * names revoked: where the offboarding items of the revoked identities are
 * opened, so that they are stored with the decision or not at all.
 */
export type RevocationHandler = (
  tx: Knex.Transaction,
  review: ReviewRow,
  identities: string[],
) => Promise<void>;

/** Where an integration stands for scheduling its next review. */
export interface ReviewScheduleState {
  /** A review of it is pending. */
  pending: boolean;
  /** When its last review was decided, if one was. */
  lastDecidedAt?: string;
  /** When the review job first saw it. */
  firstSeenAt: string;
  /** When the first change no decision has consumed yet was seen, if any. */
  triggeredAt?: string;
}

/** A review to open. */
export interface ReviewOpening {
  integrationRef: string;
  partnerRef: string;
  assigneeRef: string;
  dueAt: string;
}

/**
 * What access reviews need from storage: the reviews themselves (their
 * table is this store's) and, from the stores that own them, the
 * integrations reviews cover, their identities and open findings.
 */
export interface ReviewsStore {
  /** Integrations that reviews cover, with what scheduling needs. */
  listReviewable(): Promise<ReviewableIntegration[]>;
  /**
   * The schedule state of each integration, recording `now` as when the
   * job first saw those it had not seen.
   */
  scheduleState(
    integrationRefs: string[],
    now: Date,
  ): Promise<Map<string, ReviewScheduleState>>;
  /**
   * Opens a review with its audit event, unless one is pending for the
   * integration (another instance opened it first): then undefined.
   */
  openReview(opening: ReviewOpening, now: Date): Promise<ReviewRow | undefined>;
  /**
   * Moves each pending review of the given integrations to the integration's
   * owner, when ownership changed since it opened, with an audit event per
   * move; returns how many moved.
   */
  reassignPending(
    owners: ReadonlyArray<{ integrationRef: string; ownerRef: string }>,
    now: Date,
  ): Promise<number>;
  /**
   * Brings the due date of each pending review forward to its integration's
   * first unconsumed trigger, with an audit event per move; returns how many
   * moved.
   */
  bringForwardTriggered(now: Date): Promise<number>;
  /** The triggers of each review that has any, by review id. */
  listTriggers(
    reviews: ReadonlyArray<Pick<ReviewRow, 'id' | 'integrationRef' | 'status'>>,
  ): Promise<Map<number, ReviewTriggerSet>>;
  getReview(id: number): Promise<ReviewRow | undefined>;
  /** Reviews ordered by (due date, id), one page plus one row. */
  listReviews(query: ReviewQuery): Promise<ReviewRow[]>;
  /** Pending reviews due before `now`, by id. */
  listOverdue(now: Date): Promise<ReviewRow[]>;
  /** Every pending review, by id. */
  listPending(): Promise<ReviewRow[]>;
  /** The live identities of an integration, by name. */
  listIdentities(integrationRef: string): Promise<IndexedIdentity[]>;
  /**
   * Open findings about an integration or its identities, oldest first;
   * those an approved exception unexpired at `now` covers carry
   * `acceptedRisk`.
   */
  listOpenFindings(integrationRef: string, now: Date): Promise<FindingRecord[]>;
  /** The decided review of the integration before the given one, if any. */
  previousDecision(review: ReviewRow): Promise<ReviewRow | undefined>;
  /**
   * Stores a decision if the review is still pending, with its audit event
   * (and the revocation handler's writes), in one transaction; the decision
   * consumes the integration's waiting triggers. False, and
   * nothing changed, when another decision got there first.
   */
  decide(
    review: ReviewRow,
    update: ReviewDecisionUpdate,
    onRevoke?: RevocationHandler,
  ): Promise<boolean>;
}
