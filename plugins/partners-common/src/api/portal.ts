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
  IdentityStatus,
  IdentityType,
  PartnerEnvironment,
} from '../kinds/PartnerIntegrationEntityV1alpha1';
import type { PartnerLifecycleStageName } from '../kinds/PartnerEntityV1alpha1';
import type { Severity } from '../rules/types';
import type { Page, PageRequest, SeverityCounts } from './types';

/*
 * Shapes of the portal's index and tab endpoints: the partner index tiles
 * (`GET /partners/summary`), the findings by rule (`GET /findings/rules`)
 * and a partner's identities (`GET /partners/{ref}/identities`).
 */

/** Pending access reviews of a partner's live integrations. @public */
export interface PartnerReviewCounts {
  pending: number;
  /** Pending and past due. */
  overdue: number;
}

/** Response of `GET /partners/summary`: the partner index tiles. @public */
export interface PartnersOverview {
  /** Live partners. */
  total: number;
  /** Live partners per lifecycle stage; every stage is present. */
  byStage: Record<PartnerLifecycleStageName, number>;
  /** Pending reviews of live integrations of live partners. */
  reviews: PartnerReviewCounts;
  /** Open findings (accepted risk excluded) of live partners, per severity. */
  openFindings: SeverityCounts;
  /** Contracts ending between today and today + `days`, inclusive. */
  contractsEnding: { days: number; count: number };
}

/** Query of `GET /findings/rules`. @public */
export interface ListFindingRulesRequest {
  /** Partner entity ref; the kind defaults to `partner`. */
  partner?: string;
}

/** Findings of one rule. @public */
export interface FindingRuleCount {
  ruleId: string;
  /** The rule's base severity. */
  severity: Severity;
  title: string;
  frameworks: string[];
  /** Firing findings no approved, unexpired exception covers. */
  open: number;
  /** Firing findings an approved, unexpired exception covers. */
  accepted: number;
}

/** Response of `GET /findings/rules`: rules with findings, by rule id. @public */
export interface ListFindingRulesResponse {
  items: FindingRuleCount[];
}

/** Query of `GET /partners/{ref}/identities`. @public */
export interface ListPartnerIdentitiesRequest extends PageRequest {
  /** Only this integration's identities; the kind defaults to `partnerintegration`. */
  integration?: string;
}

/** A live identity of a partner, as its identities tab lists it. @public */
export interface PartnerIdentityItem {
  /** The integration holding the identity, lower case. */
  integrationRef: string;
  name: string;
  type: IdentityType;
  status: IdentityStatus;
  scopes: string[];
  privileged: boolean;
  environment?: PartnerEnvironment;
  /** Our owner of the credential, lower case. */
  custodian?: string;
  issued?: string;
  lastRotated?: string;
  /** Days since lastRotated, else since issued; absent when neither is known. */
  rotationAgeDays?: number;
  expires?: string;
  lastUsed?: string;
  /** The integration's access package. */
  accessPackage?: string;
  /** Rule ids of the identity's open findings. */
  openFindings: string[];
  /** Rule ids of the identity's accepted-risk findings. */
  acceptedRisks: string[];
  /** Only for callers allowed `partners.identity.read`. */
  secretRef?: string;
}

/** Response of `GET /partners/{ref}/identities`, by (integration ref, name). @public */
export type ListPartnerIdentitiesResponse = Page<PartnerIdentityItem>;
