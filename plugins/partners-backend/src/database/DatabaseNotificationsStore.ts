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
import type { Knex } from 'knex';
import { migrateDatabase } from './migrateDatabase';

/** What a notification is about. */
export type NotificationSubjectType = 'access-review' | 'exception';

/** The stage of its subject a notification announces. */
export type NotificationStage = 'due' | 'overdue' | 'escalated' | 'expiring';

/** One notification to one recipient: claimed once, sent once. */
export interface NotificationClaim {
  subjectType: NotificationSubjectType;
  subjectId: number;
  stage: NotificationStage;
  /** The entity ref of the recipient, lower case. */
  recipientRef: string;
}

/** A pending review of an active integration, with whom to notify. */
export interface PendingReviewRow {
  id: number;
  integrationRef: string;
  integrationTitle?: string;
  partnerRef: string;
  partnerTitle?: string;
  assigneeRef: string;
  partnerOwnerRef: string;
  dueAt: string;
}

/** The owner and title of a partner or integration. */
interface EntityOwner {
  ownerRef: string;
  title?: string;
}

type Row = Record<string, any>;

/** whereIn lists stay well below every database's bind limit. */
const CHUNK = 500;

/**
 * A claim not marked sent this long after it was made belongs to an
 * instance that stopped while sending: another run may claim it again.
 */
const STALE_CLAIM_MS = 60 * 60 * 1000;

/** The unique key of a claim. */
export function sendKeyOf(claim: NotificationClaim): string {
  return createHash('sha256')
    .update(
      [
        claim.subjectType,
        String(claim.subjectId),
        claim.stage,
        claim.recipientRef,
      ].join('\n'),
    )
    .digest('hex');
}

/**
 * The record of sent notifications (`notification_sends`) and the reads the
 * notification job needs. A notification is claimed (a row inserted under
 * its unique key) before it is sent: of several instances only the one that
 * inserted the row sends it.
 */
export class DatabaseNotificationsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseNotificationsStore> {
    return new DatabaseNotificationsStore(
      await migrateDatabase(options.database),
    );
  }

  constructor(private readonly db: Knex) {}

  /**
   * Pending reviews of active integrations (live, of a live partner that is
   * not offboarded), with their partner's owner, by id.
   */
  async listPendingReviews(): Promise<PendingReviewRow[]> {
    const rows: Row[] = await this.db('access_reviews as r')
      .join('integrations as i', 'i.entity_ref', 'r.integration_ref')
      .join('partners as p', 'p.entity_ref', 'i.partner_ref')
      .select(
        'r.id',
        'r.integration_ref',
        'r.partner_ref',
        'r.assignee_ref',
        'r.due_at',
        { integration_title: 'i.title' },
        { partner_title: 'p.title' },
        { partner_owner_ref: 'p.owner_ref' },
      )
      .where('r.status', 'pending')
      .whereNull('i.gone_at')
      .whereNull('p.gone_at')
      .whereNot('p.stage', 'offboarded')
      .orderBy('r.id');
    return rows.map(row => ({
      id: Number(row.id),
      integrationRef: row.integration_ref,
      ...(row.integration_title && { integrationTitle: row.integration_title }),
      partnerRef: row.partner_ref,
      ...(row.partner_title && { partnerTitle: row.partner_title }),
      assigneeRef: row.assignee_ref,
      partnerOwnerRef: row.partner_owner_ref,
      dueAt: row.due_at,
    }));
  }

  /** The owners of live partners and integrations, by entity ref. */
  async ownersOf(entityRefs: string[]): Promise<Map<string, EntityOwner>> {
    const owners = new Map<string, EntityOwner>();
    const refs = [...new Set(entityRefs)];
    for (let i = 0; i < refs.length; i += CHUNK) {
      const chunk = refs.slice(i, i + CHUNK);
      for (const table of ['partners', 'integrations']) {
        const rows: Row[] = await this.db(table)
          .select('entity_ref', 'owner_ref', 'title')
          .whereIn('entity_ref', chunk)
          .whereNull('gone_at');
        for (const row of rows) {
          owners.set(row.entity_ref, {
            ownerRef: row.owner_ref,
            ...(row.title && { title: row.title }),
          });
        }
      }
    }
    return owners;
  }

  /**
   * Which of the claims were sent or are being sent (claimed less than
   * {@link STALE_CLAIM_MS} before `now`), by their send keys.
   */
  async claimedKeys(
    claims: NotificationClaim[],
    now: Date,
  ): Promise<Set<string>> {
    const keys = claims.map(sendKeyOf);
    const stale = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
    const claimed = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows: Row[] = await this.db('notification_sends')
        .select('send_key')
        .whereIn('send_key', keys.slice(i, i + CHUNK))
        .where(q =>
          q.whereNotNull('sent_at').orWhere('claimed_at', '>=', stale),
        );
      for (const row of rows) {
        claimed.add(row.send_key);
      }
    }
    return claimed;
  }

  /**
   * Claims a notification: true when this call inserted its row, or took
   * over a stale claim that was never marked sent; false when it was claimed
   * before (by this or another instance).
   */
  async claim(claim: NotificationClaim, now: Date): Promise<boolean> {
    const claimedAt = now.toISOString();
    const inserted: Row[] = await this.db('notification_sends')
      .insert({
        send_key: sendKeyOf(claim),
        subject_type: claim.subjectType,
        subject_id: String(claim.subjectId),
        stage: claim.stage,
        recipient_ref: claim.recipientRef,
        claimed_at: claimedAt,
      })
      .onConflict('send_key')
      .ignore()
      .returning('id');
    if (inserted.length === 1) {
      return true;
    }
    // a compare-and-set on the old claim: one of several takes it over
    const updated = await this.db('notification_sends')
      .where('send_key', sendKeyOf(claim))
      .whereNull('sent_at')
      .where(
        'claimed_at',
        '<',
        new Date(now.getTime() - STALE_CLAIM_MS).toISOString(),
      )
      .update({ claimed_at: claimedAt });
    return updated === 1;
  }

  /** Records that a claimed notification was sent. */
  async markSent(claim: NotificationClaim, now: Date): Promise<void> {
    await this.db('notification_sends')
      .where('send_key', sendKeyOf(claim))
      .update({ sent_at: now.toISOString() });
  }

  /** Gives up a claim whose sending failed, so that a later run retries. */
  async release(claim: NotificationClaim): Promise<void> {
    await this.db('notification_sends')
      .where('send_key', sendKeyOf(claim))
      .whereNull('sent_at')
      .delete();
  }
}
