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
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  daysBetween,
  type CompleteOffboardingItemRequest,
  type OffboardingItem,
  type OffboardingReason,
  type OffboardingResponse,
  type VerifyOffboardingRequest,
} from '@partner-governance/plugin-partners-common';
import type { OffboardingStore } from '../database/OffboardingStore';
import type { OffboardingCandidate } from '../database/IdentityIndexStore';
import type { RevocationHandler } from '../database/ReviewsStore';
import { checkFreeText } from './freeText';
import { leavingItems, revocationItems } from './offboardingItems';
import { normalizeRef } from './read/ReadModel';

/** Who acts on a checklist. */
interface OffboardingContext {
  /** The user ref of the caller. */
  actor: string;
}

/** Who completes an item, and whether they may for an integration. */
interface CompleteItemContext extends OffboardingContext {
  /** Whether the caller may complete items of the integration. */
  authorize(integrationRef: string): Promise<boolean>;
}

/**
 * Why a partner needs a checklist now: it is in the offboarding stage, or
 * its contract ended (the end date is past, or the status is terminated or
 * expired; as for the contract-ended-access-active rule). Empty when it
 * needs none.
 */
export function offboardingReasons(
  partner: OffboardingCandidate,
  now: Date,
): OffboardingReason[] {
  const reasons: OffboardingReason[] = [];
  if (partner.stage === 'offboarding') {
    reasons.push('stage-offboarding');
  }
  const endedAgo = partner.contractEnd
    ? daysBetween(partner.contractEnd, now)
    : undefined;
  if (
    (endedAgo !== undefined && endedAgo > 0) ||
    partner.contractStatus === 'terminated' ||
    partner.contractStatus === 'expired'
  ) {
    reasons.push('contract-ended');
  }
  return reasons;
}

/** Evidence or a comment: see checkFreeText. */
async function checkedText(value: string, field: string): Promise<string> {
  return (await checkFreeText(value, field, {
    required: true,
    secretHint:
      'name where the evidence lives (a ticket, a change record), never a secret',
  }))!;
}

/**
 * Verified offboarding: the checklist a leaving partner gets (an item per
 * active identity to revoke, shared secret to rotate and integration to
 * close), the items revoke decisions open, ticking items with evidence, and
 * the verification by a second person.
 */
export class OffboardingService {
  constructor(
    private readonly options: {
      store: OffboardingStore;
      logger: LoggerService;
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
      /**
       * Adds to items what revocation through identity sources knows of
       * them (RevocationService `describe`); items as stored without it.
       */
      describeItems?(items: OffboardingItem[]): Promise<OffboardingItem[]>;
    },
  ) {}

  private async described(items: OffboardingItem[]) {
    return this.options.describeItems?.(items) ?? items;
  }

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /**
   * The refresh job: opens a checklist for every partner in the catalog
   * that is in the offboarding stage or whose contract ended, and adds the
   * items it lacks to an open one (identities or integrations that appeared
   * since). A partner whose checklist for leaving was verified counts as
   * offboarded and gets no new one; but access that appears later without
   * an item (also once the partner is in the offboarded stage) reopens its
   * latest checklist with the new items, which then needs verifying again
   * (audited as `offboarding.reopened`). Idempotent: a re-run, or a second
   * instance, opens nothing twice. Returns how many checklists were opened
   * and reopened, and items added.
   */
  async openDueChecklists(
    now: Date = this.now(),
  ): Promise<{ opened: number; reopened: number; items: number }> {
    const { store, logger } = this.options;
    const at = now.toISOString();
    let opened = 0;
    let reopened = 0;
    let items = 0;
    for (const partner of await store.listCandidates()) {
      const reasons = offboardingReasons(partner, now);
      if (!reasons.length && partner.stage !== 'offboarded') {
        continue;
      }
      const wanted = leavingItems(await store.leavingFacts(partner.partnerRef));
      if (await store.hasAll(partner.partnerRef, reasons, wanted)) {
        continue;
      }
      if (await store.wasVerifiedOffboarded(partner.partnerRef)) {
        const result = await store.reopen(partner.partnerRef, reasons, wanted, {
          at,
        });
        reopened += result.reopened ? 1 : 0;
        items += result.added.length;
        continue;
      }
      if (!reasons.length) {
        // offboarded without a verified checklist: nothing to reopen
        continue;
      }
      const result = await store.open(partner.partnerRef, reasons, wanted, {
        at,
      });
      opened += result.opened ? 1 : 0;
      items += result.added.length;
    }
    if (opened || reopened || items) {
      logger.info('Opened offboarding checklists', { opened, reopened, items });
    }
    return { opened, reopened, items };
  }

  /**
   * The handler of revoke decisions (ReviewsService `onRevoke`): runs in the
   * decision's transaction, so the items appear with the decision or not at
   * all.
   */
  readonly onRevoke: RevocationHandler = async (tx, review, identities) => {
    if (!identities.length) {
      return;
    }
    await this.options.store.open(
      review.partnerRef.toLocaleLowerCase('en-US'),
      ['review-revoke'],
      revocationItems(review, identities),
      { at: this.now().toISOString(), tx },
    );
  };

  /**
   * The partner's open checklist, else its latest one; without `checklist`
   * when it never had one. 404 for a partner the index does not know.
   */
  async getOffboarding(ref: string): Promise<OffboardingResponse> {
    const partnerRef = await this.findPartner(ref);
    const checklist = await this.options.store.getChecklist(partnerRef);
    return {
      partnerRef,
      ...(checklist && {
        checklist: {
          ...checklist,
          items: await this.described(checklist.items),
        },
      }),
    };
  }

  /**
   * Ticks an item with evidence: 404 for an unknown item, 403 when the
   * caller may not complete items of its integration (a stake in it, or the
   * admin's permission), 400 for empty, too long or secret-bearing evidence,
   * 409 once done or once its checklist is verified.
   */
  async completeItem(
    id: number,
    request: CompleteOffboardingItemRequest,
    context: CompleteItemContext,
    now: Date = this.now(),
  ): Promise<OffboardingItem> {
    const item = await this.options.store.getItem(id);
    if (!item) {
      throw new NotFoundError(`No offboarding item ${id}`);
    }
    if (!(await context.authorize(item.integrationRef))) {
      throw new NotAllowedError(
        `You may not complete offboarding items of ${item.integrationRef}`,
      );
    }
    const evidence = await checkedText(
      request.evidence,
      'request/body/evidence',
    );
    const result = await this.options.store.completeItem(id, {
      evidence,
      actor: context.actor,
      at: now.toISOString(),
    });
    switch (result.outcome) {
      case 'not-found':
        throw new NotFoundError(`No offboarding item ${id}`);
      case 'verified':
        throw new ConflictError(
          `Offboarding checklist ${result.checklistId} was already verified`,
        );
      case 'done':
        throw new ConflictError(`Offboarding item ${id} was already completed`);
      default:
        return (await this.described([result.item]))[0];
    }
  }

  /**
   * Verifies the partner's open checklist, by a second person: 404 for an
   * unknown partner, 409 without an open checklist, once verified, or while
   * an item is pending, 403 when the caller completed an item of it. A
   * checklist with no items is not verified by default: the verifier
   * confirms there is nothing to revoke with `nothingToRevoke` (409
   * without it, and 409 with it once the checklist has items). Atomic: of
   * two concurrent verifications exactly one succeeds.
   */
  async verify(
    ref: string,
    request: VerifyOffboardingRequest,
    context: OffboardingContext,
    now: Date = this.now(),
  ): Promise<OffboardingResponse> {
    const comment =
      request.comment !== undefined && request.comment.trim()
        ? await checkedText(request.comment, 'request/body/comment')
        : undefined;
    const partnerRef = await this.findPartner(ref);
    const result = await this.options.store.verify(partnerRef, {
      actor: context.actor,
      at: now.toISOString(),
      comment,
      nothingToRevoke: request.nothingToRevoke === true,
    });
    switch (result.outcome) {
      case 'no-checklist':
        throw new ConflictError(
          `${partnerRef} has no open offboarding checklist`,
        );
      case 'already-verified':
        throw new ConflictError(
          `Offboarding checklist ${result.checklistId} was already verified`,
        );
      case 'pending':
        throw new ConflictError(
          `Offboarding checklist ${result.checklistId} has ${
            result.pending
          } pending ${result.pending === 1 ? 'item' : 'items'}`,
        );
      case 'empty':
        throw new ConflictError(
          `Offboarding checklist ${result.checklistId} has no items: confirm that ${partnerRef} has nothing to revoke (nothingToRevoke) to verify it`,
        );
      case 'not-empty':
        throw new ConflictError(
          `Offboarding checklist ${result.checklistId} has ${result.items} ${
            result.items === 1 ? 'item' : 'items'
          }: nothingToRevoke confirms only a checklist with none`,
        );
      case 'self-completed':
        throw new NotAllowedError(
          `Offboarding checklist ${result.checklistId} must be verified by a second person: you completed items of it`,
        );
      default:
        return this.getOffboarding(partnerRef);
    }
  }

  private async findPartner(ref: string): Promise<string> {
    const partnerRef = normalizeRef(ref, 'request/params/ref', 'partner');
    if (!(await this.options.store.hasPartner(partnerRef))) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }
    return partnerRef;
  }
}
