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
  PartnerEnvironment,
  PartnerIntegrationType,
} from '../kinds/PartnerIntegrationEntityV1alpha1';
import type { AccessPartner, Page, PageRequest, SeverityCounts } from './types';

/*
 * Request and response shapes of `GET /owners/{ref}/integrations` of the
 * partners backend, mirroring its OpenAPI spec
 * (plugins/partners-backend/src/schema/owners.ts).
 */

/** Identity counts of an integration. @public */
export interface OwnerIntegrationIdentities {
  /** Identities with status `active`. */
  active: number;
  /** Every identity of the integration in the catalog, whatever its status. */
  total: number;
}

/** Access review counts of an integration. @public */
export interface OwnerIntegrationReviews {
  /** Pending reviews (at most one per integration). */
  pending: number;
  /** Pending reviews past their due date. */
  overdue: number;
  /** The id of the pending review, when there is one. */
  pendingReviewId?: number;
}

/** An integration an owner is accountable for. @public */
export interface OwnerIntegrationItem {
  /** `partnerintegration:namespace/name`, lower case. */
  entityRef: string;
  title?: string;
  type: PartnerIntegrationType;
  environment?: PartnerEnvironment;
  /** The owner the integration was found under, lower case. */
  owner: string;
  partner: AccessPartner;
  identities: OwnerIntegrationIdentities;
  reviews: OwnerIntegrationReviews;
  /** Open findings of the integration and its identities. */
  openFindings: SeverityCounts;
}

/** Paging of `GET /owners/{ref}/integrations`. @public */
export type ListOwnerIntegrationsRequest = PageRequest;

/**
 * Response of `GET /owners/{ref}/integrations`, ordered by integration ref.
 *
 * @public
 */
export interface ListOwnerIntegrationsResponse
  extends Page<OwnerIntegrationItem> {
  /**
   * The owner refs whose integrations are listed, lower case: the group, or
   * the user and every group the user is a direct member of.
   */
  owners: string[];
}
