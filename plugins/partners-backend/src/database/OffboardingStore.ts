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
  OffboardingChecklist,
  OffboardingItem,
  OffboardingItemKind,
  OffboardingItemSource,
  OffboardingReason,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type {
  OffboardingCandidate,
  PartnerAccessFacts,
} from './IdentityIndexStore';

/** An item to open, unless its checklist already has it. */
export interface OffboardingItemInput {
  kind: OffboardingItemKind;
  integrationRef: string;
  identity?: string;
  /** What the item is about; one item per key in a checklist. */
  key: string;
  description: string;
  source: OffboardingItemSource;
  reviewId?: number;
}

/** What completing an item came to. */
export type CompleteItemOutcome =
  | { outcome: 'completed'; item: OffboardingItem; partnerRef: string }
  | { outcome: 'not-found' }
  | { outcome: 'verified'; checklistId: number }
  | { outcome: 'done' };

/** What verifying a partner's checklist came to. */
export type VerifyOutcome =
  | { outcome: 'verified'; checklistId: number }
  | { outcome: 'no-checklist' }
  | { outcome: 'already-verified'; checklistId: number }
  | { outcome: 'pending'; checklistId: number; pending: number }
  /** No items, and nothing to revoke was not confirmed. */
  | { outcome: 'empty'; checklistId: number }
  /** Nothing to revoke was confirmed, but the checklist has items. */
  | { outcome: 'not-empty'; checklistId: number; items: number }
  | { outcome: 'self-completed'; checklistId: number };

/**
 * Offboarding checklists and their items: the two tables are this store's;
 * the partners and what they can still reach come from the index store.
 * Every write appends its audit event in the same transaction.
 */
export interface OffboardingStore {
  /** Partners in the catalog (not gone), by entity ref. */
  listCandidates(): Promise<OffboardingCandidate[]>;
  /** Whether the index knows the partner, in the catalog or gone. */
  hasPartner(partnerRef: string): Promise<boolean>;
  /** The live integrations and identities of a partner. */
  leavingFacts(partnerRef: string): Promise<PartnerAccessFacts>;
  /** Whether a checklist opened because the partner leaves was verified. */
  wasVerifiedOffboarded(partnerRef: string): Promise<boolean>;
  /** Whether the partner's open checklist has these reasons and items already. */
  hasAll(
    partnerRef: string,
    reasons: OffboardingReason[],
    items: OffboardingItemInput[],
  ): Promise<boolean>;
  /**
   * Opens the partner's checklist, or adds what the open one lacks, with
   * its audit event, in the given transaction or a new one.
   */
  open(
    partnerRef: string,
    reasons: OffboardingReason[],
    items: OffboardingItemInput[],
    options: { at: string; tx?: Knex.Transaction },
  ): Promise<{ opened: boolean; added: OffboardingItem[] }>;
  /**
   * For a partner whose leaving checklist was verified: the items that no
   * checklist since has go to the open checklist, else the latest checklist
   * goes back to open with them (`offboarding.reopened`), in one
   * transaction. Nothing when every item is there.
   */
  reopen(
    partnerRef: string,
    reasons: OffboardingReason[],
    items: OffboardingItemInput[],
    options: { at: string },
  ): Promise<{ reopened: boolean; added: OffboardingItem[] }>;
  /** The partner's open checklist, else its latest one, with its items. */
  getChecklist(partnerRef: string): Promise<OffboardingChecklist | undefined>;
  /** One item of any checklist. */
  getItem(id: number): Promise<OffboardingItem | undefined>;
  /** Ticks a pending item of an open checklist with its evidence. */
  completeItem(
    id: number,
    update: { evidence: string; actor: string; at: string },
  ): Promise<CompleteItemOutcome>;
  /**
   * Verifies the partner's open checklist when nothing is pending; one with
   * no items only when `nothingToRevoke` confirms it.
   */
  verify(
    partnerRef: string,
    update: {
      actor: string;
      at: string;
      comment?: string;
      nothingToRevoke?: boolean;
    },
  ): Promise<VerifyOutcome>;
}
