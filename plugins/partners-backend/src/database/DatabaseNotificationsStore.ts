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
import type { Knex } from 'knex';
import { DatabaseIdentityIndexStore } from './DatabaseIdentityIndexStore';
import { DatabaseReviewsStore } from './DatabaseReviewsStore';
import type { IndexedOwner } from './IdentityIndexStore';
import {
  sendKeyOf,
  type NotificationClaim,
  type NotificationsStore,
  type PendingReviewRow,
} from './NotificationsStore';
import { migrateDatabase } from './migrateDatabase';

/** A row of `notification_sends`. */
interface NotificationSendsRow {
  id: number | string;
  send_key: string;
  subject_type: string;
  subject_id: string;
  stage: string;
  recipient_ref: string;
  claimed_at: string;
  sent_at: string | null;
}

const SENDS = 'notification_sends';

/** whereIn lists stay well below every database's bind limit. */
const CHUNK = 500;

/**
 * A claim not marked sent this long after it was made belongs to an
 * instance that stopped while sending: another run may claim it again.
 */
const STALE_CLAIM_MS = 60 * 60 * 1000;

/**
 * The record of sent notifications (`notification_sends`, this store's
 * table), with the reads the notification job needs from the reviews and
 * index stores. A notification is claimed (a row inserted under its unique
 * key) before it is sent: of several instances only the one that inserted
 * the row sends it.
 */
export class DatabaseNotificationsStore implements NotificationsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseNotificationsStore> {
    return new DatabaseNotificationsStore(
      await migrateDatabase(options.database),
    );
  }

  private readonly reviews: DatabaseReviewsStore;
  private readonly index: DatabaseIdentityIndexStore;

  constructor(private readonly db: Knex) {
    this.reviews = new DatabaseReviewsStore(db);
    this.index = new DatabaseIdentityIndexStore(db);
  }

  async listPendingReviews(): Promise<PendingReviewRow[]> {
    const reviews = await this.reviews.listPending();
    const integrations = await this.index.ownersOf(
      reviews.map(review => review.integrationRef),
    );
    const partners = await this.index.ownersOf(
      [...integrations.values()].flatMap(owner => owner.partnerRef ?? []),
    );
    return reviews.flatMap(review => {
      const integration = integrations.get(review.integrationRef);
      const partner = partners.get(integration?.partnerRef ?? '');
      if (!integration || !partner || partner.stage === 'offboarded') {
        return [];
      }
      return [
        {
          id: review.id,
          integrationRef: review.integrationRef,
          ...(integration.title && { integrationTitle: integration.title }),
          partnerRef: review.partnerRef,
          ...(partner.title && { partnerTitle: partner.title }),
          assigneeRef: review.assigneeRef,
          partnerOwnerRef: partner.ownerRef,
          dueAt: review.dueAt,
        },
      ];
    });
  }

  ownersOf(entityRefs: string[]): Promise<Map<string, IndexedOwner>> {
    return this.index.ownersOf(entityRefs);
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
      const rows = await this.db<NotificationSendsRow>(SENDS)
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
    const inserted = await this.db<NotificationSendsRow>(SENDS)
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
    const updated = await this.db<NotificationSendsRow>(SENDS)
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
    await this.db<NotificationSendsRow>(SENDS)
      .where('send_key', sendKeyOf(claim))
      .update({ sent_at: now.toISOString() });
  }

  /** Gives up a claim whose sending failed, so that a later run retries. */
  async release(claim: NotificationClaim): Promise<void> {
    await this.db<NotificationSendsRow>(SENDS)
      .where('send_key', sendKeyOf(claim))
      .whereNull('sent_at')
      .delete();
  }
}
