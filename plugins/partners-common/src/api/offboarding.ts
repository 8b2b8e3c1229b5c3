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

/*
 * Request and response shapes of the offboarding endpoints of the partners
 * backend (`/api/partners`), mirroring its OpenAPI spec
 * (plugins/partners-backend/src/schema/offboarding.ts).
 */

/**
 * What an offboarding item asks for: revoke an active identity, rotate a
 * shared secret, or close an integration.
 *
 * @public
 */
export type OffboardingItemKind = 'revoke' | 'rotate' | 'close';

/** Where an offboarding item stands. @public */
export type OffboardingItemStatus = 'pending' | 'done';

/**
 * What opened an offboarding item: the partner's offboarding, or a revoke
 * decision of an access review.
 *
 * @public
 */
export type OffboardingItemSource = 'offboarding' | 'review-revoke';

/** Where an offboarding checklist stands. @public */
export type OffboardingChecklistStatus = 'open' | 'verified';

/**
 * Why a checklist was opened: the partner entered the offboarding stage, its
 * contract ended, or an access review revoked identities.
 *
 * @public
 */
export type OffboardingReason =
  | 'stage-offboarding'
  | 'contract-ended'
  | 'review-revoke';

/** One item of an offboarding checklist. @public */
export interface OffboardingItem {
  id: number;
  checklistId: number;
  kind: OffboardingItemKind;
  /** The integration the item is about, lower case. */
  integrationRef: string;
  /** The identity's name, for revoke and rotate items. */
  identity?: string;
  /** What to do, for people; never a secret or where it lives. */
  description: string;
  source: OffboardingItemSource;
  /** The access review whose revoke decision opened the item. */
  reviewId?: number;
  status: OffboardingItemStatus;
  completedBy?: string;
  completedAt?: string;
  /** What shows the item was done (a ticket, a change record). */
  evidence?: string;
}

/** How far a checklist is. @public */
export interface OffboardingProgress {
  total: number;
  done: number;
  pending: number;
}

/** An offboarding checklist with its items. @public */
export interface OffboardingChecklist {
  id: number;
  partnerRef: string;
  status: OffboardingChecklistStatus;
  reasons: OffboardingReason[];
  openedAt: string;
  /** The second person who verified the list. */
  verifiedBy?: string;
  verifiedAt?: string;
  /** The verifier's comment. */
  comment?: string;
  progress: OffboardingProgress;
  /** By id: in the order they were opened. */
  items: OffboardingItem[];
}

/**
 * Response of `GET /partners/{ref}/offboarding`: the partner's open
 * checklist, else its latest one; `checklist` is absent when the partner
 * never had one.
 *
 * @public
 */
export interface OffboardingResponse {
  /** The partner asked about, as a full lower-case ref. */
  partnerRef: string;
  checklist?: OffboardingChecklist;
}

/** Body of `POST /offboarding/items/{id}/complete`. @public */
export interface CompleteOffboardingItemRequest {
  /**
   * What shows the item was done, such as a ticket or change reference;
   * required, at most 4000 characters, never a secret value.
   */
  evidence: string;
}

/** Body of `POST /partners/{ref}/offboarding/verify`. @public */
export interface VerifyOffboardingRequest {
  comment?: string;
}
