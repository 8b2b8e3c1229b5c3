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
import type { IndexedOwner } from './IdentityIndexStore';

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
 * The record of sent notifications, and what the notification job reads to
 * know whom to notify.
 */
export interface NotificationsStore {
  /**
   * Pending reviews of active integrations (live, of a live partner that is
   * not offboarded), with their partner's owner, by id.
   */
  listPendingReviews(): Promise<PendingReviewRow[]>;
  /** The owners of live partners and integrations, by entity ref. */
  ownersOf(entityRefs: string[]): Promise<Map<string, IndexedOwner>>;
  /** Which of the claims were sent or are being sent, by send key. */
  claimedKeys(claims: NotificationClaim[], now: Date): Promise<Set<string>>;
  /**
   * Claims a notification: true when this call made or took over the claim,
   * false when it was claimed before.
   */
  claim(claim: NotificationClaim, now: Date): Promise<boolean>;
  /** Records that a claimed notification was sent. */
  markSent(claim: NotificationClaim, now: Date): Promise<void>;
  /** Gives up a claim whose sending failed, so that a later run retries. */
  release(claim: NotificationClaim): Promise<void>;
}
