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

import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type {
  OffboardingChecklist,
  OffboardingChecklistStatus,
  OffboardingItem,
  OffboardingItemKind,
  OffboardingItemSource,
  OffboardingItemStatus,
  OffboardingReason,
} from '@partner-governance/plugin-partners-common';
import { jsonArray } from './json';
import type { OffboardingItemInput } from './OffboardingStore';

/** Items per INSERT statement. */
const INSERT_BATCH = 50;

/** A row of `offboarding_checklists`. */
export interface OffboardingChecklistRow {
  id: number | string;
  partner_ref: string;
  /** JSON array of the reasons it was opened for. */
  reasons: string;
  status: OffboardingChecklistStatus;
  /** The partner ref while open, else null: one open checklist per partner. */
  open_key: string | null;
  opened_at: string;
  verified_by: string | null;
  verified_at: string | null;
  comment: string | null;
  /** When it last went back to open after a verification. */
  reopened_at: string | null;
}

/** A row of `offboarding_items`. */
export interface OffboardingItemRow {
  id: number | string;
  checklist_id: number | string;
  partner_ref: string;
  integration_ref: string;
  kind: OffboardingItemKind;
  identity: string | null;
  /** SHA-256 of the item's key: one item per key in a checklist. */
  item_key: string;
  description: string;
  source: OffboardingItemSource;
  review_id: number | string | null;
  status: OffboardingItemStatus;
  completed_by: string | null;
  completed_at: string | null;
  evidence: string | null;
}

/** Reasons that mean the partner leaves, not a single revoke decision. */
export const LEAVING_REASONS: OffboardingReason[] = [
  'stage-offboarding',
  'contract-ended',
];

/** A checklist's stored reasons. */
export function reasonsOf(text: string | null): OffboardingReason[] {
  return jsonArray(text) as OffboardingReason[];
}

/** The stored key of an item's key. */
export function itemKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function toItem(row: OffboardingItemRow): OffboardingItem {
  return {
    id: Number(row.id),
    checklistId: Number(row.checklist_id),
    kind: row.kind,
    integrationRef: row.integration_ref,
    ...(row.identity !== null && { identity: row.identity }),
    description: row.description,
    source: row.source,
    ...(row.review_id !== null && { reviewId: Number(row.review_id) }),
    status: row.status,
    ...(row.completed_by !== null && { completedBy: row.completed_by }),
    ...(row.completed_at !== null && { completedAt: row.completed_at }),
    ...(row.evidence !== null && { evidence: row.evidence }),
  };
}

export function toChecklist(
  row: OffboardingChecklistRow,
  items: OffboardingItem[],
): OffboardingChecklist {
  const done = items.filter(item => item.status === 'done').length;
  return {
    id: Number(row.id),
    partnerRef: row.partner_ref,
    status: row.status,
    reasons: reasonsOf(row.reasons),
    openedAt: row.opened_at,
    ...(row.verified_by !== null && { verifiedBy: row.verified_by }),
    ...(row.verified_at !== null && { verifiedAt: row.verified_at }),
    ...(row.comment !== null && { comment: row.comment }),
    ...(row.reopened_at && { reopenedAt: row.reopened_at }),
    progress: { total: items.length, done, pending: items.length - done },
    items,
  };
}

export const CHECKLISTS = 'offboarding_checklists';
export const ITEMS = 'offboarding_items';
/** The stored keys of a checklist's items. */
export async function itemKeys(
  db: Knex,
  checklistId: number,
): Promise<Set<string>> {
  const rows = await db<OffboardingItemRow>(ITEMS)
    .select('item_key')
    .where('checklist_id', checklistId);
  return new Set(rows.map(row => row.item_key));
}

/** The partner's open checklist. */
export function openChecklist(db: Knex, partnerRef: string) {
  return db<OffboardingChecklistRow>(CHECKLISTS)
    .where('open_key', partnerRef)
    .first();
}

/**
 * Takes the checklist's row for the transaction while it is open (a no-op
 * update: PostgreSQL locks the row until commit, SQLite the database).
 * False when the checklist is no longer open.
 */
export async function lockOpenChecklist(
  tx: Knex.Transaction,
  id: number,
): Promise<boolean> {
  const updated = await tx<OffboardingChecklistRow>(CHECKLISTS)
    .where('id', id)
    .where('status', 'open')
    .update({ status: 'open' });
  return updated === 1;
}

/**
 * Adds the items the checklist lacks, pending, and returns them by id (ids
 * are not spent on conflicts).
 */
export async function addItems(
  tx: Knex.Transaction,
  checklistId: number,
  partnerRef: string,
  items: OffboardingItemInput[],
): Promise<OffboardingItem[]> {
  const known = await itemKeys(tx, checklistId);
  const missing = items.filter(item => !known.has(itemKey(item.key)));
  const added: OffboardingItem[] = [];
  for (let i = 0; i < missing.length; i += INSERT_BATCH) {
    const rows = await tx<OffboardingItemRow>(ITEMS)
      .insert(
        missing.slice(i, i + INSERT_BATCH).map(item => ({
          checklist_id: checklistId,
          partner_ref: partnerRef,
          integration_ref: item.integrationRef,
          kind: item.kind,
          identity: item.identity ?? null,
          item_key: itemKey(item.key),
          description: item.description,
          source: item.source,
          review_id: item.reviewId ?? null,
          status: 'pending',
        })),
      )
      .onConflict(['checklist_id', 'item_key'])
      .ignore()
      .returning('*');
    added.push(...rows.map(toItem));
  }
  return added.sort((a, b) => a.id - b.id);
}
