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
import type {
  OffboardingChecklist,
  OffboardingItem,
  OffboardingReason,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { DatabaseIdentityIndexStore } from './DatabaseIdentityIndexStore';
import type {
  OffboardingCandidate,
  PartnerAccessFacts,
} from './IdentityIndexStore';
import type {
  CompleteItemOutcome,
  OffboardingItemInput,
  OffboardingStore,
  VerifyOutcome,
} from './OffboardingStore';
import { migrateDatabase } from './migrateDatabase';
import { reopenLatest, uncoveredItems } from './offboardingReopen';
import { verifyOpenChecklist } from './offboardingVerify';
import { checklistOpenedEvent, itemCompletedEvent } from './offboardingEvents';
import {
  CHECKLISTS,
  ITEMS,
  LEAVING_REASONS,
  OffboardingChecklistRow,
  OffboardingItemRow,
  addItems,
  itemKey,
  itemKeys,
  lockOpenChecklist,
  openChecklist,
  reasonsOf,
  toChecklist,
  toItem,
} from './offboardingRows';

/**
 * Offboarding checklists and their items in the plugin's database. Every
 * change appends its audit event in the same transaction.
 *
 * A partner has at most one open checklist, guaranteed by the unique
 * `open_key`; an item is opened at most once per checklist, guaranteed by
 * the unique (checklist, item key). Every change to a checklist or its items
 * first takes the checklist's row (a no-op update while it is open), so that
 * completing, adding items and verifying are serialized per checklist. A
 * verified checklist goes back to open only through `reopen`, by an update
 * conditional on it still being verified.
 */
export class DatabaseOffboardingStore implements OffboardingStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseOffboardingStore> {
    return new DatabaseOffboardingStore(
      await migrateDatabase(options.database),
    );
  }

  private readonly audit: DatabaseAuditStore;

  private readonly index: DatabaseIdentityIndexStore;

  constructor(private readonly db: Knex) {
    this.audit = new DatabaseAuditStore(db);
    this.index = new DatabaseIdentityIndexStore(db);
  }

  /** Partners in the catalog (not gone), by entity ref. */
  listCandidates(): Promise<OffboardingCandidate[]> {
    return this.index.listLivePartners();
  }

  /** Whether the index knows the partner, in the catalog or gone. */
  hasPartner(partnerRef: string): Promise<boolean> {
    return this.index.hasPartner(partnerRef);
  }

  /** The live integrations and identities of a partner, as the index holds them. */
  leavingFacts(partnerRef: string): Promise<PartnerAccessFacts> {
    return this.index.partnerAccess(partnerRef);
  }

  /**
   * Whether a checklist opened because the partner leaves was verified: the
   * partner counts as offboarded and gets no new checklist (access that
   * appears later goes through `reopen`).
   */
  async wasVerifiedOffboarded(partnerRef: string): Promise<boolean> {
    const rows = await this.db<OffboardingChecklistRow>(CHECKLISTS)
      .select('reasons')
      .where('partner_ref', partnerRef)
      .where('status', 'verified');
    return rows.some(row =>
      reasonsOf(row.reasons).some(reason => LEAVING_REASONS.includes(reason)),
    );
  }

  /**
   * Whether opening would change nothing: the partner has an open checklist
   * with every one of these reasons and items already.
   */
  async hasAll(
    partnerRef: string,
    reasons: OffboardingReason[],
    items: OffboardingItemInput[],
  ): Promise<boolean> {
    const checklist = await openChecklist(this.db, partnerRef);
    if (!checklist) {
      return false;
    }
    const known = reasonsOf(checklist.reasons);
    if (reasons.some(reason => !known.includes(reason))) {
      return false;
    }
    const keys = await itemKeys(this.db, Number(checklist.id));
    return items.every(item => keys.has(itemKey(item.key)));
  }

  /**
   * Opens the partner's checklist (when none is open) with the reasons and
   * items, or adds those it lacks to the open one, with the audit event
   * (`offboarding.opened` or `offboarding.items-added`), in the given
   * transaction or a new one. Returns whether a checklist was opened and the
   * items added; nothing when another writer verified the open checklist in
   * between.
   */
  async open(
    partnerRef: string,
    reasons: OffboardingReason[],
    items: OffboardingItemInput[],
    options: { at: string; tx?: Knex.Transaction },
  ): Promise<{ opened: boolean; added: OffboardingItem[] }> {
    const run = async (tx: Knex.Transaction) => {
      const taken = await this.takeChecklist(tx, partnerRef, reasons, options);
      if (!taken) {
        return { opened: false, added: [] };
      }
      const { checklistId, opened } = taken;
      // read again under the lock: another writer may have added reasons
      const checklist = await tx<OffboardingChecklistRow>(CHECKLISTS)
        .where('id', checklistId)
        .first();
      const before = reasonsOf(checklist!.reasons);
      const after = [...before, ...reasons.filter(r => !before.includes(r))];
      if (after.length !== before.length) {
        await tx<OffboardingChecklistRow>(CHECKLISTS)
          .where('id', checklistId)
          .update({ reasons: JSON.stringify(after) });
      }
      const added = await addItems(tx, checklistId, partnerRef, items);
      const event = checklistOpenedEvent({
        at: options.at,
        partnerRef,
        checklistId,
        opened,
        reasonsBefore: before,
        reasonsAfter: after,
        added,
      });
      if (event) {
        await this.audit.append(event, tx);
      }
      return { opened, added };
    };
    return options.tx ? run(options.tx) : this.db.transaction(run);
  }

  /**
   * The partner's open checklist, opened with the reasons when there is
   * none, and locked for the transaction; undefined when another writer
   * verified it in between.
   */
  private async takeChecklist(
    tx: Knex.Transaction,
    partnerRef: string,
    reasons: OffboardingReason[],
    options: { at: string },
  ): Promise<{ checklistId: number; opened: boolean } | undefined> {
    let checklist = await openChecklist(tx, partnerRef);
    let opened = false;
    if (!checklist) {
      const inserted = await tx<OffboardingChecklistRow>(CHECKLISTS)
        .insert({
          partner_ref: partnerRef,
          reasons: JSON.stringify(reasons),
          status: 'open',
          open_key: partnerRef,
          opened_at: options.at,
        })
        .onConflict('open_key')
        .ignore()
        .returning('*');
      opened = inserted.length > 0;
      // else another writer opened it first
      checklist = inserted[0] ?? (await openChecklist(tx, partnerRef));
      if (!checklist) {
        return undefined;
      }
    }
    const checklistId = Number(checklist.id);
    return (await lockOpenChecklist(tx, checklistId))
      ? { checklistId, opened }
      : undefined;
  }

  /**
   * For a partner whose leaving checklist was verified: adds the items no
   * checklist since has to the open checklist (`offboarding.items-added`),
   * else takes the latest checklist back to open with them
   * (`offboarding.reopened`), in one transaction. Nothing when every item
   * is there.
   */
  async reopen(
    partnerRef: string,
    reasons: OffboardingReason[],
    items: OffboardingItemInput[],
    options: { at: string },
  ): Promise<{ reopened: boolean; added: OffboardingItem[] }> {
    const none = { reopened: false, added: [] };
    if (!(await uncoveredItems(this.db, partnerRef, items)).length) {
      return none;
    }
    return this.db.transaction(async tx => {
      const missing = await uncoveredItems(tx, partnerRef, items);
      if (!missing.length) {
        return none;
      }
      if (await openChecklist(tx, partnerRef)) {
        const { added } = await this.open(partnerRef, reasons, missing, {
          at: options.at,
          tx,
        });
        return { reopened: false, added };
      }
      return reopenLatest(
        tx,
        this.audit,
        partnerRef,
        reasons,
        missing,
        options.at,
      );
    });
  }

  /** The partner's open checklist, else its latest one, with its items. */
  async getChecklist(
    partnerRef: string,
  ): Promise<OffboardingChecklist | undefined> {
    const row =
      (await openChecklist(this.db, partnerRef)) ??
      (await this.db<OffboardingChecklistRow>(CHECKLISTS)
        .where('partner_ref', partnerRef)
        .orderBy('id', 'desc')
        .first());
    if (!row) {
      return undefined;
    }
    const items = (
      await this.db<OffboardingItemRow>(ITEMS)
        .where('checklist_id', row.id)
        .orderBy('id')
    ).map(toItem);
    return toChecklist(row, items);
  }

  /**
   * Ticks a pending item of an open checklist with its evidence and audit
   * event, in one transaction.
   */
  async getItem(id: number): Promise<OffboardingItem | undefined> {
    const row = await this.db<OffboardingItemRow>(ITEMS)
      .where('id', id)
      .first();
    return row && toItem(row);
  }

  async completeItem(
    id: number,
    update: { evidence: string; actor: string; at: string },
  ): Promise<CompleteItemOutcome> {
    return this.db.transaction(async tx => {
      const row = await tx<OffboardingItemRow>(ITEMS).where('id', id).first();
      if (!row) {
        return { outcome: 'not-found' as const };
      }
      const checklistId = Number(row.checklist_id);
      if (!(await lockOpenChecklist(tx, checklistId))) {
        return { outcome: 'verified' as const, checklistId };
      }
      const done = {
        status: 'done' as const,
        completed_by: update.actor,
        completed_at: update.at,
        evidence: update.evidence,
      };
      const updated = await tx<OffboardingItemRow>(ITEMS)
        .where('id', id)
        .where('status', 'pending')
        .update(done);
      if (updated !== 1) {
        return { outcome: 'done' as const };
      }
      const item = toItem({ ...row, ...done });
      await this.audit.append(
        itemCompletedEvent({
          ...update,
          partnerRef: row.partner_ref,
          item,
        }),
        tx,
      );
      return {
        outcome: 'completed' as const,
        item,
        partnerRef: row.partner_ref,
      };
    });
  }

  /**
   * Verifies the partner's open checklist (see verifyOpenChecklist) with
   * its audit event, in one transaction. Of two concurrent verifications
   * exactly one succeeds.
   */
  verify(
    partnerRef: string,
    update: {
      actor: string;
      at: string;
      comment?: string;
      nothingToRevoke?: boolean;
    },
  ): Promise<VerifyOutcome> {
    return this.db.transaction(tx =>
      verifyOpenChecklist(tx, this.audit, partnerRef, update),
    );
  }
}
