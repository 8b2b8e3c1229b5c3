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

import type { Knex } from 'knex';
import type { AuditStore } from './AuditStore';
import type { VerifyOutcome } from './OffboardingStore';
import { checklistVerifiedEvent } from './offboardingEvents';
import {
  CHECKLISTS,
  ITEMS,
  OffboardingChecklistRow,
  OffboardingItemRow,
  lockOpenChecklist,
  openChecklist,
} from './offboardingRows';

/**
 * Verifies the partner's open checklist in the transaction, with its audit
 * event: only when no item is pending and the verifier completed none of
 * them; one with no items only when `nothingToRevoke` confirms there is
 * nothing to revoke, and `nothingToRevoke` only for one with no items (an
 * item that appeared since the verifier looked is not confirmed away).
 */
export async function verifyOpenChecklist(
  tx: Knex.Transaction,
  audit: AuditStore,
  partnerRef: string,
  update: {
    actor: string;
    at: string;
    comment?: string;
    nothingToRevoke?: boolean;
  },
): Promise<VerifyOutcome> {
  const open = await openChecklist(tx, partnerRef);
  if (!open) {
    const latest = await tx<OffboardingChecklistRow>(CHECKLISTS)
      .select('id', 'status')
      .where('partner_ref', partnerRef)
      .orderBy('id', 'desc')
      .first();
    return latest?.status === 'verified'
      ? { outcome: 'already-verified', checklistId: Number(latest.id) }
      : { outcome: 'no-checklist' };
  }
  const checklistId = Number(open.id);
  if (!(await lockOpenChecklist(tx, checklistId))) {
    return { outcome: 'already-verified', checklistId };
  }
  const items = await tx<OffboardingItemRow>(ITEMS)
    .select('status', 'completed_by')
    .where('checklist_id', checklistId);
  const pending = items.filter(row => row.status === 'pending').length;
  if (pending) {
    return { outcome: 'pending', checklistId, pending };
  }
  const { nothingToRevoke, ...verification } = update;
  if (!items.length && !nothingToRevoke) {
    return { outcome: 'empty', checklistId };
  }
  if (items.length && nothingToRevoke) {
    return { outcome: 'not-empty', checklistId, items: items.length };
  }
  const actor = update.actor.toLocaleLowerCase('en-US');
  if (
    items.some(row => row.completed_by?.toLocaleLowerCase('en-US') === actor)
  ) {
    return { outcome: 'self-completed', checklistId };
  }
  await tx<OffboardingChecklistRow>(CHECKLISTS)
    .where('id', checklistId)
    .update({
      status: 'verified',
      open_key: null,
      verified_by: update.actor,
      verified_at: update.at,
      comment: update.comment ?? null,
    });
  await audit.append(
    checklistVerifiedEvent({
      ...verification,
      partnerRef,
      checklistId,
      items: items.length,
      nothingToRevoke: !items.length,
    }),
    tx,
  );
  return { outcome: 'verified', checklistId };
}
