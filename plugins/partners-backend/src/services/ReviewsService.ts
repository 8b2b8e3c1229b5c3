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

import type { DetailsScope } from '../database/stakeholders';
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
  type ReviewDecisionRequest,
  type ReviewDetails,
  type ReviewIdentity,
} from '@partner-governance/plugin-partners-common';
import type { EvaluatedFinding } from '../database/FindingsStore';
import type { IndexedIdentity } from '../database/IdentityIndexStore';
import type {
  RevocationHandler,
  ReviewRow,
  ReviewsStore,
} from '../database/ReviewsStore';
import { decodeKeysetCursor, encodeCursor } from '../database/cursors';
import { normalizeRef } from './read/ReadModel';
import type { EntityAccessCache } from './EntityAccessCache';
import { checkFreeText } from './freeText';
import { diffIdentities, toSummary } from './reviewViews';
import { reviewReasons } from './reviewReasons';
import { nextReviewDue, REVIEW_LEAD_DAYS, reviewOpens } from './reviewSchedule';

/** Page size when the request names none (the spec enforces 1..100). */
const DEFAULT_PAGE_SIZE = 25;

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ID = /^[1-9][0-9]{0,14}$/;

/** Who decides, and whether they may decide on the integration. */
interface DecisionContext {
  /** The user ref of the decider. */
  actor: string;
  /** Resolves false when the caller may not decide on the integration. */
  authorize(integrationRef: string): Promise<boolean>;
}

/**
 * Access reviews: opening them on the cadence of the partner's risk tier,
 * what a reviewer sees, and deciding them.
 */
export class ReviewsService {
  constructor(
    private readonly options: {
      store: ReviewsStore;
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

  /**
   * The scheduled job: opens the reviews that fall due. Every integration
   * reviews cover with no pending review gets its next one when
   * {@link nextReviewDue} says, opened {@link REVIEW_LEAD_DAYS} before it is
   * due and assigned to the integration's owner; a review-relevant change
   * since the last decision (a review trigger the index refresh recorded)
   * makes it due now, and brings a pending review's due date forward to
   * when the change was seen. Idempotent: the store opens
   * at most one pending review per integration, so a re-run or a second
   * instance opens nothing twice. Returns how many it opened.
   */
  async openDueReviews(now: Date = this.now()): Promise<number> {
    const { store } = this.options;
    const cadenceDays = this.options.policy().reviewCadenceDays;
    const integrations = await store.listReviewable();
    if (!integrations.length) {
      return 0;
    }
    // A review follows its integration to a new owner: whoever owns it now
    // is who decides.
    const moved = await store.reassignPending(integrations, now);
    if (moved) {
      this.options.logger.info('Moved access reviews to new owners', { moved });
    }
    // A change since the last decision makes a pending review due now.
    const forward = await store.bringForwardTriggered(now);
    if (forward) {
      this.options.logger.info('Brought access reviews forward', { forward });
    }
    const states = await store.scheduleState(
      integrations.map(i => i.integrationRef),
      now,
    );
    let opened = 0;
    for (const integration of integrations) {
      const state = states.get(integration.integrationRef);
      const cadence = cadenceDays[integration.tier];
      if (!state || state.pending || !cadence) {
        continue;
      }
      const dueAt = nextReviewDue({
        lastDecidedAt: state.lastDecidedAt,
        firstSeenAt: state.firstSeenAt,
        firstIssued: integration.firstIssued,
        triggeredAt: state.triggeredAt,
        cadenceDays: cadence,
        leadDays: REVIEW_LEAD_DAYS,
      });
      if (!reviewOpens(dueAt, REVIEW_LEAD_DAYS, now)) {
        continue;
      }
      const review = await store.openReview(
        {
          integrationRef: integration.integrationRef,
          partnerRef: integration.partnerRef,
          assigneeRef: integration.ownerRef,
          dueAt,
        },
        now,
      );
      opened += review ? 1 : 0;
    }
    if (opened) {
      this.options.logger.info('Opened access reviews', { opened });
    }
    return opened;
  }

  /**
   * A `review-overdue` finding per pending review past its due date, of an
   * integration reviews still cover.
   */
  async overdueFindings(now: Date = this.now()): Promise<EvaluatedFinding[]> {
    const { store } = this.options;
    const rule = RULES['review-overdue'];
    // as for the file rules, a critical-tier partner raises the severity
    const raised =
      SEVERITIES[
        Math.min(SEVERITIES.indexOf(rule.severity) + 1, SEVERITIES.length - 1)
      ];
    const overdue = await store.listOverdue(now);
    if (!overdue.length) {
      return [];
    }
    const tiers = new Map(
      (await store.listReviewable()).map(i => [i.integrationRef, i.tier]),
    );
    return overdue.flatMap(review => {
      const tier = tiers.get(review.integrationRef);
      return tier
        ? [
            {
              ruleId: rule.id,
              severity: tier === 'critical' ? raised : rule.severity,
              entityRef: review.integrationRef,
              partnerRef: review.partnerRef,
              message: `The access review of ${review.integrationRef} assigned to ${review.assigneeRef} was due ${review.dueAt}`,
              frameworks: [...rule.frameworks],
            },
          ]
        : [];
    });
  }

  async list(
    request: ListReviewsRequest,
    options: { assignees?: string[]; scope?: DetailsScope; now?: Date } = {},
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
      scope: options.scope,
    });
    const page = rows.slice(0, limit);
    const now = options.now ?? this.now();
    const triggers = await this.options.store.listTriggers(page);
    const items = page.map(row => ({
      ...toSummary(row, now),
      ...reviewReasons(row, triggers.get(row.id)),
    }));
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
    const comment =
      request.comment === undefined
        ? undefined
        : await checkFreeText(request.comment, 'request/body/comment', {
            required: false,
            secretHint: 'describe the decision, never paste a secret',
          });
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
    const triggers = await store.listTriggers([review]);
    return {
      ...toSummary(review, now),
      ...reviewReasons(review, triggers.get(review.id)),
      identities,
      findings: await store.listOpenFindings(review.integrationRef, now),
      ...(changes && { changes }),
    };
  }
}
