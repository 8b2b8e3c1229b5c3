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
  OffboardingItem,
  OffboardingReason,
} from '@partner-governance/plugin-partners-common';
import { PLUGIN_ACTOR, type AuditEventInput } from './AuditStore';

/*
 * The audit events of the offboarding store: what the trail records of each
 * change to a checklist and its items.
 */

/** An item as the audit trail records it. */
function auditedItem(item: OffboardingItem) {
  return {
    itemId: item.id,
    kind: item.kind,
    integrationRef: item.integrationRef,
    ...(item.identity !== undefined && { identity: item.identity }),
    source: item.source,
    ...(item.reviewId !== undefined && { reviewId: item.reviewId }),
  };
}

/**
 * `offboarding.opened` for a new checklist, `offboarding.items-added` for
 * reasons or items added to an open one; nothing when nothing was added.
 */
export function checklistOpenedEvent(change: {
  at: string;
  partnerRef: string;
  checklistId: number;
  opened: boolean;
  reasonsBefore: OffboardingReason[];
  reasonsAfter: OffboardingReason[];
  added: OffboardingItem[];
}): AuditEventInput | undefined {
  const { at, partnerRef, checklistId, reasonsBefore, reasonsAfter } = change;
  const common = {
    at,
    actor: PLUGIN_ACTOR,
    subjectType: 'offboarding-checklist',
    subjectRef: partnerRef,
    partnerRef,
  };
  const items = change.added.map(auditedItem);
  if (change.opened) {
    return {
      ...common,
      action: 'offboarding.opened',
      after: { checklistId, status: 'open', reasons: reasonsAfter, items },
    };
  }
  if (!items.length && reasonsAfter.length === reasonsBefore.length) {
    return undefined;
  }
  return {
    ...common,
    action: 'offboarding.items-added',
    before: { checklistId, reasons: reasonsBefore },
    after: { checklistId, reasons: reasonsAfter, items },
  };
}

/** `offboarding.item-completed`, with the evidence. */
export function itemCompletedEvent(change: {
  at: string;
  actor: string;
  partnerRef: string;
  item: OffboardingItem;
  evidence: string;
}): AuditEventInput {
  const { item } = change;
  const checklistId = item.checklistId;
  return {
    at: change.at,
    actor: change.actor,
    action: 'offboarding.item-completed',
    subjectType: 'offboarding-item',
    subjectRef: item.integrationRef,
    partnerRef: change.partnerRef,
    before: { checklistId, ...auditedItem(item), status: 'pending' },
    after: {
      checklistId,
      ...auditedItem(item),
      status: 'done',
      evidence: change.evidence,
    },
  };
}

/**
 * `offboarding.verified`, with the number of items, the comment, and
 * `nothingToRevoke` when the verifier confirmed an empty checklist.
 */
export function checklistVerifiedEvent(change: {
  at: string;
  actor: string;
  partnerRef: string;
  checklistId: number;
  items: number;
  comment?: string;
  nothingToRevoke?: boolean;
}): AuditEventInput {
  const { checklistId, comment, nothingToRevoke } = change;
  return {
    at: change.at,
    actor: change.actor,
    action: 'offboarding.verified',
    subjectType: 'offboarding-checklist',
    subjectRef: change.partnerRef,
    partnerRef: change.partnerRef,
    before: { checklistId, status: 'open' },
    after: {
      checklistId,
      status: 'verified',
      items: change.items,
      ...(nothingToRevoke && { nothingToRevoke }),
      ...(comment !== undefined && { comment }),
    },
  };
}

/**
 * `offboarding.reopened`: a verified checklist back to open because access
 * without an item appeared; the verification it undoes and the items added.
 */
export function checklistReopenedEvent(change: {
  at: string;
  partnerRef: string;
  checklistId: number;
  verifiedBy: string | null;
  verifiedAt: string | null;
  comment: string | null;
  reasonsBefore: OffboardingReason[];
  reasonsAfter: OffboardingReason[];
  added: OffboardingItem[];
}): AuditEventInput {
  const { checklistId, partnerRef, comment } = change;
  return {
    at: change.at,
    actor: PLUGIN_ACTOR,
    action: 'offboarding.reopened',
    subjectType: 'offboarding-checklist',
    subjectRef: partnerRef,
    partnerRef,
    before: {
      checklistId,
      status: 'verified',
      reasons: change.reasonsBefore,
      verifiedBy: change.verifiedBy,
      verifiedAt: change.verifiedAt,
      ...(comment !== null && { comment }),
    },
    after: {
      checklistId,
      status: 'open',
      reasons: change.reasonsAfter,
      items: change.added.map(auditedItem),
    },
  };
}
