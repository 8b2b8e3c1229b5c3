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
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  daysBetween,
  RULES,
  SEVERITIES,
  type IdentityStatus,
  type IdentityType,
  type ListReviewsRequest,
  type ListReviewsResponse,
  type PartnersPolicy,
  type ReviewChanges,
  type ReviewDecisionRequest,
  type ReviewDetails,
  type ReviewIdentity,
  type ReviewSummary,
} from '@partner-governance/plugin-partners-common';
import type { EvaluatedFinding } from '../database/DatabaseFindingsStore';
import type {
  DatabaseReviewsStore,
  IndexedIdentity,
  RevocationHandler,
  ReviewRow,
} from '../database/DatabaseReviewsStore';
import { decodeKeysetCursor, encodeCursor } from '../database/cursors';
import { normalizeRef } from './read/ReadModel';
import type { EntityAccessCache } from './EntityAccessCache';

/** Page size when the request names none (the spec enforces 1..100). */
const DEFAULT_PAGE_SIZE = 25;

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
const REVIEW_LEAD_DAYS = 14;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[1-9][0-9]{0,14}$/;

/** Who decides, and whether they may decide on the integration. */
interface DecisionContext {
  /** The user ref of the decider. */
  actor: string;
  /** Resolves false when the caller may not decide on the integration. */
  authorize(integrationRef: string): Promise<boolean>;
}

function toSummary(review: ReviewRow, now: Date): ReviewSummary {
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
function diffIdentities(
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

/**
 * Access reviews: opening them on the cadence of the partner's risk tier,
 * what a reviewer sees, and deciding them.
 */
export class ReviewsService {
  constructor(
    private readonly options: {
      store: DatabaseReviewsStore;
      /** The policy in force; read on every use so tests can vary it. */
      policy: () => PartnersPolicy;
      logger: LoggerService;
      /**
       * Runs inside a revoke decision's transaction: the plugin opens the
       * offboarding items of the revoked identities here
       * (OffboardingService.onRevoke).
       */
      onRevoke?: RevocationHandler;
      /** Cached access pages, which show pending reviews: a decision drops them. */
      accessPages?: Pick<EntityAccessCache, 'invalidate'>;
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** The scheduled job: opens the reviews that fall due. */
  async openDueReviews(now: Date = this.now()): Promise<number> {
    const opened = await this.options.store.openDueReviews({
      now,
      cadenceDays: this.options.policy().reviewCadenceDays,
      leadDays: REVIEW_LEAD_DAYS,
    });
    if (opened.length) {
      this.options.logger.info('Opened access reviews', {
        opened: opened.length,
      });
    }
    return opened.length;
  }

  /**
   * A `review-overdue` finding per pending review past its due date, of an
   * integration still active.
   */
  async overdueFindings(now: Date = this.now()): Promise<EvaluatedFinding[]> {
    const rule = RULES['review-overdue'];
    // as for the file rules, a critical-tier partner raises the severity
    const raised =
      SEVERITIES[
        Math.min(SEVERITIES.indexOf(rule.severity) + 1, SEVERITIES.length - 1)
      ];
    return (await this.options.store.listOverdue(now)).map(review => ({
      ruleId: rule.id,
      severity: review.tier === 'critical' ? raised : rule.severity,
      entityRef: review.integrationRef,
      partnerRef: review.partnerRef,
      message: `The access review of ${review.integrationRef} assigned to ${review.assigneeRef} was due ${review.dueAt}`,
      frameworks: [...rule.frameworks],
    }));
  }

  async list(
    request: ListReviewsRequest,
    options: { assignees?: string[]; now?: Date } = {},
  ): Promise<ListReviewsResponse> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    let after: { dueAt: string; id: number } | undefined;
    if (request.cursor) {
      const [dueAt, id] = decodeKeysetCursor(request.cursor, [
        ISO_TIMESTAMP,
        ID,
      ]);
      after = { dueAt, id: Number(id) };
    }
    const rows = await this.options.store.listReviews({
      status: request.status,
      assignees: options.assignees,
      partnerRef: request.partner
        ? normalizeRef(request.partner, 'request/query/partner', 'partner')
        : undefined,
      integrationRef: request.integration
        ? normalizeRef(
            request.integration,
            'request/query/integration',
            'partnerintegration',
          )
        : undefined,
      limit,
      after,
    });
    const page = rows.slice(0, limit);
    const now = options.now ?? this.now();
    const items = page.map(row => toSummary(row, now));
    if (rows.length > limit) {
      const last = page[page.length - 1];
      return { items, nextCursor: encodeCursor(`${last.dueAt}\n${last.id}`) };
    }
    return { items };
  }

  async get(id: number, now: Date = this.now()): Promise<ReviewDetails> {
    const review = await this.find(id);
    return this.details(review, now);
  }

  /**
   * Decides a pending review: 404 for an unknown review, 403 when the caller
   * may not decide on its integration, 409 once decided, 400 for a body the
   * review does not allow. Atomic: of two concurrent decisions exactly one
   * is stored.
   */
  async decide(
    id: number,
    request: ReviewDecisionRequest,
    context: DecisionContext,
    now: Date = this.now(),
  ): Promise<ReviewDetails> {
    const review = await this.find(id);
    if (!(await context.authorize(review.integrationRef))) {
      throw new NotAllowedError(
        `You may not decide the access review of ${review.integrationRef}`,
      );
    }
    if (review.status !== 'pending') {
      throw new ConflictError(`Access review ${id} was already decided`);
    }
    const identities = this.reviewIdentities(
      await this.options.store.listIdentities(review.integrationRef),
      now,
    );
    const comment = request.comment?.trim() ? request.comment : undefined;
    let revokedIdentities: string[] | undefined;
    if (request.decision === 'attest') {
      if (request.identities?.length) {
        throw new InputError(
          'request/body/identities names identities to revoke; an attest decision takes none',
        );
      }
      const dormant = identities.filter(i => i.dormant).map(i => i.name);
      if (dormant.length && !comment) {
        throw new InputError(
          `request/body/comment is required to attest while an identity is dormant: ${dormant.join(
            ', ',
          )}`,
        );
      }
    } else {
      const names = [...new Set(request.identities ?? [])];
      if (!names.length) {
        throw new InputError(
          'request/body/identities must name the identities to revoke',
        );
      }
      const known = new Set(identities.map(i => i.name));
      const unknown = names.filter(name => !known.has(name));
      if (unknown.length) {
        throw new InputError(
          `request/body/identities names identities ${
            review.integrationRef
          } does not have: ${unknown.join(', ')}`,
        );
      }
      revokedIdentities = names;
    }

    const decided = await this.options.store.decide(
      review,
      {
        status: request.decision === 'attest' ? 'attested' : 'revoked',
        decidedAt: now.toISOString(),
        decidedBy: context.actor,
        comment,
        revokedIdentities,
        snapshot: identities,
      },
      this.options.onRevoke,
    );
    if (!decided) {
      throw new ConflictError(`Access review ${id} was already decided`);
    }
    // the integration's pending review leaves the access pages
    await this.options.accessPages?.invalidate();
    return this.get(id, now);
  }

  private async find(id: number): Promise<ReviewRow> {
    const review = await this.options.store.getReview(id);
    if (!review) {
      throw new NotFoundError(`No access review ${id}`);
    }
    return review;
  }

  private reviewIdentities(
    identities: IndexedIdentity[],
    now: Date,
  ): ReviewIdentity[] {
    const { dormantAfterDays } = this.options.policy();
    return identities.map(identity => {
      const sinceUse = identity.lastUsed
        ? daysBetween(identity.lastUsed, now)
        : undefined;
      const rotated = identity.lastRotated ?? identity.issued;
      const rotationAgeDays = rotated ? daysBetween(rotated, now) : undefined;
      return {
        name: identity.name,
        type: identity.type as IdentityType,
        status: identity.status as IdentityStatus,
        scopes: identity.scopes,
        privileged: identity.privileged,
        ...(identity.lastUsed && { lastUsed: identity.lastUsed }),
        ...(rotationAgeDays !== undefined && { rotationAgeDays }),
        dormant:
          identity.status === 'active' &&
          sinceUse !== undefined &&
          sinceUse > dormantAfterDays,
      };
    });
  }

  private async details(review: ReviewRow, now: Date): Promise<ReviewDetails> {
    const { store } = this.options;
    const identities =
      review.status === 'pending' || !review.snapshot
        ? this.reviewIdentities(
            await store.listIdentities(review.integrationRef),
            now,
          )
        : review.snapshot;
    const previous = await store.previousDecision(review);
    const changes =
      previous?.decidedAt && previous.snapshot
        ? diffIdentities(previous.decidedAt, previous.snapshot, identities)
        : undefined;
    return {
      ...toSummary(review, now),
      identities,
      findings: await store.listOpenFindings(review.integrationRef, now),
      ...(changes && { changes }),
    };
  }
}
