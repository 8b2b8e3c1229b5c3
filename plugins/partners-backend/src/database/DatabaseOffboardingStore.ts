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
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  OffboardingChecklist,
  OffboardingChecklistStatus,
  OffboardingItem,
  OffboardingReason,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseAuditStore, PLUGIN_ACTOR } from './DatabaseAuditStore';
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
import type { ReviewRow } from './ReviewsStore';
import { jsonArray } from './json';
import { migrateDatabase } from './migrateDatabase';

type Row = Record<string, any>;

/** Reasons that mean the partner leaves, not a single revoke decision. */
const LEAVING_REASONS: OffboardingReason[] = [
  'stage-offboarding',
  'contract-ended',
];

/** A checklist's stored reasons. */
function reasonsOf(text: string | null): OffboardingReason[] {
  return jsonArray(text) as OffboardingReason[];
}

function itemKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function toItem(row: Row): OffboardingItem {
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
 * Offboarding checklists and their items in the plugin's database. Every
 * change appends its audit event in the same transaction.
 *
 * A partner has at most one open checklist, guaranteed by the unique
 * `open_key`; an item is opened at most once per checklist, guaranteed by
 * the unique (checklist, item key). Every change to a checklist or its items
 * first takes the checklist's row (a no-op update while it is open), so that
 * completing, adding items and verifying are serialized per checklist.
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
   * partner counts as offboarded and gets no new checklist.
   */
  async wasVerifiedOffboarded(partnerRef: string): Promise<boolean> {
    const rows: Row[] = await this.db('offboarding_checklists')
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
    const checklist: Row | undefined = await this.db('offboarding_checklists')
      .select('id', 'reasons')
      .where('open_key', partnerRef)
      .first();
    if (!checklist) {
      return false;
    }
    const known = reasonsOf(checklist.reasons);
    if (reasons.some(reason => !known.includes(reason))) {
      return false;
    }
    const keys = new Set<string>(
      (
        await this.db('offboarding_items')
          .select('item_key')
          .where('checklist_id', checklist.id)
      ).map((row: Row) => row.item_key),
    );
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
      let opened = false;
      let checklist: Row | undefined = await tx('offboarding_checklists')
        .where('open_key', partnerRef)
        .first();
      if (!checklist) {
        const inserted: Row[] = await tx('offboarding_checklists')
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
        checklist =
          inserted[0] ??
          (await tx('offboarding_checklists')
            .where('open_key', partnerRef)
            .first());
        if (!checklist) {
          return { opened: false, added: [] };
        }
      }
      const checklistId = Number(checklist.id);
      if (!(await this.lock(tx, checklistId))) {
        return { opened: false, added: [] };
      }
      // read again under the lock: another writer may have added reasons
      checklist = await tx('offboarding_checklists')
        .where('id', checklistId)
        .first();
      const before = reasonsOf(checklist!.reasons);
      const after = [...before, ...reasons.filter(r => !before.includes(r))];
      if (after.length !== before.length) {
        await tx('offboarding_checklists')
          .where('id', checklistId)
          .update({ reasons: JSON.stringify(after) });
      }
      // only the items it lacks: ids are not spent on conflicts
      const known = new Set<string>(
        (
          await tx('offboarding_items')
            .select('item_key')
            .where('checklist_id', checklistId)
        ).map((row: Row) => row.item_key),
      );
      const missing = items.filter(item => !known.has(itemKey(item.key)));
      const added: OffboardingItem[] = [];
      for (let i = 0; i < missing.length; i += 50) {
        const rows: Row[] = await tx('offboarding_items')
          .insert(
            missing.slice(i, i + 50).map(item => ({
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
      added.sort((a, b) => a.id - b.id);
      if (opened) {
        await this.audit.append(
          {
            at: options.at,
            actor: PLUGIN_ACTOR,
            action: 'offboarding.opened',
            subjectType: 'offboarding-checklist',
            subjectRef: partnerRef,
            partnerRef,
            after: {
              checklistId,
              status: 'open',
              reasons: after,
              items: added.map(auditedItem),
            },
          },
          tx,
        );
      } else if (added.length || after.length !== before.length) {
        await this.audit.append(
          {
            at: options.at,
            actor: PLUGIN_ACTOR,
            action: 'offboarding.items-added',
            subjectType: 'offboarding-checklist',
            subjectRef: partnerRef,
            partnerRef,
            before: { checklistId, reasons: before },
            after: {
              checklistId,
              reasons: after,
              items: added.map(auditedItem),
            },
          },
          tx,
        );
      }
      return { opened, added };
    };
    return options.tx ? run(options.tx) : this.db.transaction(run);
  }

  /**
   * Inside a revoke decision's transaction: a `revoke` item (source
   * review-revoke) per named identity in the partner's open checklist,
   * opening one (reason review-revoke) when none is open.
   */
  async openRevocations(
    tx: Knex.Transaction,
    review: ReviewRow,
    names: string[],
    at: string,
  ): Promise<{ opened: boolean; added: OffboardingItem[] }> {
    if (!names.length) {
      return { opened: false, added: [] };
    }
    const types = new Map<string, string>(
      (
        await tx('identities')
          .select('name', 'type')
          .where('integration_ref', review.integrationRef)
          .whereIn('name', names.slice(0, 1000))
      ).map((row: Row) => [row.name, row.type]),
    );
    const items = names.map(name => ({
      kind: 'revoke' as const,
      integrationRef: review.integrationRef,
      identity: name,
      key: `revoke\n${review.integrationRef}\n${name}`,
      description: `Revoke ${types.get(name) ?? 'identity'} ${name} of ${
        review.integrationRef
      } (access review ${review.id})`,
      source: 'review-revoke' as const,
      reviewId: review.id,
    }));
    return this.open(
      review.partnerRef.toLocaleLowerCase('en-US'),
      ['review-revoke'],
      items,
      { at, tx },
    );
  }

  /** The partner's open checklist, else its latest one, with its items. */
  async getChecklist(
    partnerRef: string,
  ): Promise<OffboardingChecklist | undefined> {
    const row: Row | undefined =
      (await this.db('offboarding_checklists')
        .where('open_key', partnerRef)
        .first()) ??
      (await this.db('offboarding_checklists')
        .where('partner_ref', partnerRef)
        .orderBy('id', 'desc')
        .first());
    if (!row) {
      return undefined;
    }
    const items = (
      await this.db('offboarding_items')
        .where('checklist_id', row.id)
        .orderBy('id')
    ).map(toItem);
    const done = items.filter(item => item.status === 'done').length;
    return {
      id: Number(row.id),
      partnerRef: row.partner_ref,
      status: row.status as OffboardingChecklistStatus,
      reasons: reasonsOf(row.reasons),
      openedAt: row.opened_at,
      ...(row.verified_by !== null && { verifiedBy: row.verified_by }),
      ...(row.verified_at !== null && { verifiedAt: row.verified_at }),
      ...(row.comment !== null && { comment: row.comment }),
      progress: { total: items.length, done, pending: items.length - done },
      items,
    };
  }

  /**
   * Ticks a pending item of an open checklist with its evidence and audit
   * event, in one transaction.
   */
  async completeItem(
    id: number,
    update: { evidence: string; actor: string; at: string },
  ): Promise<CompleteItemOutcome> {
    return this.db.transaction(async tx => {
      const row: Row | undefined = await tx('offboarding_items')
        .where('id', id)
        .first();
      if (!row) {
        return { outcome: 'not-found' as const };
      }
      const checklistId = Number(row.checklist_id);
      if (!(await this.lock(tx, checklistId))) {
        return { outcome: 'verified' as const, checklistId };
      }
      const updated = await tx('offboarding_items')
        .where('id', id)
        .where('status', 'pending')
        .update({
          status: 'done',
          completed_by: update.actor,
          completed_at: update.at,
          evidence: update.evidence,
        });
      if (updated !== 1) {
        return { outcome: 'done' as const };
      }
      const item = toItem(
        await tx('offboarding_items').where('id', id).first(),
      );
      await this.audit.append(
        {
          at: update.at,
          actor: update.actor,
          action: 'offboarding.item-completed',
          subjectType: 'offboarding-item',
          subjectRef: item.integrationRef,
          partnerRef: row.partner_ref,
          before: { checklistId, ...auditedItem(item), status: 'pending' },
          after: {
            checklistId,
            ...auditedItem(item),
            status: 'done',
            evidence: update.evidence,
          },
        },
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
   * Verifies the partner's open checklist when no item is pending and the
   * verifier completed none of them, with its audit event, in one
   * transaction. Of two concurrent verifications exactly one succeeds.
   */
  async verify(
    partnerRef: string,
    update: { actor: string; at: string; comment?: string },
  ): Promise<VerifyOutcome> {
    return this.db.transaction(async (tx): Promise<VerifyOutcome> => {
      const open: Row | undefined = await tx('offboarding_checklists')
        .select('id')
        .where('open_key', partnerRef)
        .first();
      if (!open) {
        const latest: Row | undefined = await tx('offboarding_checklists')
          .select('id', 'status')
          .where('partner_ref', partnerRef)
          .orderBy('id', 'desc')
          .first();
        return latest?.status === 'verified'
          ? { outcome: 'already-verified', checklistId: Number(latest.id) }
          : { outcome: 'no-checklist' };
      }
      const checklistId = Number(open.id);
      if (!(await this.lock(tx, checklistId))) {
        return { outcome: 'already-verified', checklistId };
      }
      const items: Row[] = await tx('offboarding_items')
        .select('status', 'completed_by')
        .where('checklist_id', checklistId);
      const pending = items.filter(row => row.status === 'pending').length;
      if (pending) {
        return { outcome: 'pending', checklistId, pending };
      }
      const actor = update.actor.toLocaleLowerCase('en-US');
      if (
        items.some(
          row => row.completed_by?.toLocaleLowerCase('en-US') === actor,
        )
      ) {
        return { outcome: 'self-completed', checklistId };
      }
      await tx('offboarding_checklists')
        .where('id', checklistId)
        .update({
          status: 'verified',
          open_key: null,
          verified_by: update.actor,
          verified_at: update.at,
          comment: update.comment ?? null,
        });
      await this.audit.append(
        {
          at: update.at,
          actor: update.actor,
          action: 'offboarding.verified',
          subjectType: 'offboarding-checklist',
          subjectRef: partnerRef,
          partnerRef,
          before: { checklistId, status: 'open' },
          after: {
            checklistId,
            status: 'verified',
            items: items.length,
            ...(update.comment !== undefined && { comment: update.comment }),
          },
        },
        tx,
      );
      return { outcome: 'verified', checklistId };
    });
  }

  /**
   * Takes the checklist's row for the transaction while it is open (a no-op
   * update: PostgreSQL locks the row until commit, SQLite the database).
   * False when the checklist is no longer open.
   */
  private async lock(tx: Knex.Transaction, id: number): Promise<boolean> {
    const updated = await tx('offboarding_checklists')
      .where('id', id)
      .where('status', 'open')
      .update({ status: 'open' });
    return updated === 1;
  }
}
