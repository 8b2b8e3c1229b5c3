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
import type { Knex } from 'knex';
import type { AuditStore } from './AuditStore';
import type { OffboardingItemInput } from './OffboardingStore';
import { checklistReopenedEvent } from './offboardingEvents';
import {
  CHECKLISTS,
  ITEMS,
  LEAVING_REASONS,
  OffboardingChecklistRow,
  OffboardingItemRow,
  addItems,
  itemKey,
  reasonsOf,
} from './offboardingRows';

/*
 * A partner whose leaving checklist was verified counts as offboarded: it
 * gets no new checklist, but access that appears later without an item (an
 * identity or integration added to its files) reopens one, never silently.
 */

/** The id of the partner's latest verified checklist opened because it leaves. */
async function verifiedLeavingId(
  db: Knex,
  partnerRef: string,
): Promise<number | undefined> {
  const rows = await db<OffboardingChecklistRow>(CHECKLISTS)
    .select('id', 'reasons')
    .where('partner_ref', partnerRef)
    .where('status', 'verified')
    .orderBy('id', 'desc');
  const row = rows.find(r =>
    reasonsOf(r.reasons).some(reason => LEAVING_REASONS.includes(reason)),
  );
  return row && Number(row.id);
}

/**
 * The items that neither the partner's verified leaving checklist nor any
 * checklist opened after it has: what is done there stays done, and is not
 * asked again.
 */
export async function uncoveredItems(
  db: Knex,
  partnerRef: string,
  items: OffboardingItemInput[],
): Promise<OffboardingItemInput[]> {
  const since = await verifiedLeavingId(db, partnerRef);
  if (since === undefined || !items.length) {
    return [];
  }
  const rows = await db<OffboardingItemRow>(ITEMS)
    .select('item_key')
    .where('partner_ref', partnerRef)
    .where('checklist_id', '>=', since);
  const covered = new Set(rows.map(row => row.item_key));
  return items.filter(item => !covered.has(itemKey(item.key)));
}

/**
 * Takes the partner's latest checklist, verified, back to open with the
 * items (the done ones stay as they are) and the reasons it lacks, and
 * appends `offboarding.reopened` with the verification it undoes. Nothing
 * when the latest checklist is not verified (any more).
 */
export async function reopenLatest(
  tx: Knex.Transaction,
  audit: AuditStore,
  partnerRef: string,
  reasons: OffboardingReason[],
  items: OffboardingItemInput[],
  at: string,
): Promise<{ reopened: boolean; added: OffboardingItem[] }> {
  const latest = await tx<OffboardingChecklistRow>(CHECKLISTS)
    .where('partner_ref', partnerRef)
    .orderBy('id', 'desc')
    .first();
  if (!latest || latest.status !== 'verified') {
    return { reopened: false, added: [] };
  }
  const checklistId = Number(latest.id);
  const before = reasonsOf(latest.reasons);
  const after = [...before, ...reasons.filter(r => !before.includes(r))];
  const updated = await tx<OffboardingChecklistRow>(CHECKLISTS)
    .where('id', checklistId)
    .where('status', 'verified')
    .update({
      status: 'open',
      open_key: partnerRef,
      reasons: JSON.stringify(after),
      verified_by: null,
      verified_at: null,
      comment: null,
      reopened_at: at,
    });
  if (updated !== 1) {
    return { reopened: false, added: [] };
  }
  const added = await addItems(tx, checklistId, partnerRef, items);
  await audit.append(
    checklistReopenedEvent({
      at,
      partnerRef,
      checklistId,
      verifiedBy: latest.verified_by,
      verifiedAt: latest.verified_at,
      comment: latest.comment,
      reasonsBefore: before,
      reasonsAfter: after,
      added,
    }),
    tx,
  );
  return { reopened: true, added };
}
