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

import type { components, operations } from '../schema/openapi';

/*
 * The request and response models of the partners backend HTTP API
 * (`/api/partners`), named for clients. Each is the type generated from the
 * backend's OpenAPI document (plugins/partners-backend/src/schema/openapi.yaml,
 * `yarn openapi:generate`), so a model cannot drift from what the backend
 * validates and serves. Optional fields are left out of responses when they
 * have no value; they are never `null`.
 */

type Schemas = components['schemas'];
type QueryOf<TOperation extends keyof operations> = NonNullable<
  operations[TOperation]['parameters']['query']
>;

/**
 * One page of a keyset-paginated list. Pass `nextCursor` back as `cursor`
 * to get the next page; it is absent on the last page.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Open findings per severity. @public */
export type SeverityCounts = Schemas['SeverityCounts'];

/** Pending access reviews of a partner's live integrations. @public */
export type PartnerReviewCounts = Schemas['PartnerReviewCounts'];

/** A partner as the partner index lists it. @public */
export type PartnerSummary = Schemas['PartnerSummary'];

/** The status of a partner's contract. @public */
export type PartnerContractStatus = NonNullable<
  PartnerSummary['contractStatus']
>;

/** Filters of `GET /partners`. @public */
export type ListPartnersRequest = QueryOf<'ListPartners'>;

/** Response of `GET /partners`, ordered by entity ref. @public */
export type ListPartnersResponse = Schemas['PartnerList'];

/** An integration of a partner, as its details list it. @public */
export type PartnerIntegrationSummary = Schemas['IntegrationSummary'];

/** The measurement scorecard of a partner. @public */
export type PartnerScorecard = Schemas['PartnerScorecard'];

/** Response of `GET /partners/{ref}`. @public */
export type PartnerDetails = Schemas['PartnerDetails'];

/** Response of `GET /partners/summary`: the partner index tiles. @public */
export type PartnersOverview = Schemas['PartnersOverview'];

/** Query of `GET /partners/{ref}/identities`. @public */
export type ListPartnerIdentitiesRequest = QueryOf<'ListPartnerIdentities'>;

/** A partner's identity with the integration that holds it. @public */
export type PartnerIdentityItem = Schemas['PartnerIdentity'];

/** Response of `GET /partners/{ref}/identities`. @public */
export type ListPartnerIdentitiesResponse = Schemas['PartnerIdentityList'];

/** A finding as stored by the backend, open or resolved. @public */
export type FindingRecord = Schemas['Finding'];

/** Where a finding stands. @public */
export type FindingStatus = NonNullable<ListFindingsRequest['status']>;

/** Filters of `GET /findings`. @public */
export type ListFindingsRequest = QueryOf<'ListFindings'>;

/** Response of `GET /findings`. @public */
export type ListFindingsResponse = Schemas['FindingList'];

/** Query of `GET /findings/rules`. @public */
export type ListFindingRulesRequest = QueryOf<'ListFindingRules'>;

/** Open findings of one rule. @public */
export type FindingRuleCount = Schemas['FindingRuleCount'];

/** Response of `GET /findings/rules`. @public */
export type ListFindingRulesResponse = Schemas['FindingRuleList'];

/** The partner of an integration that accesses an entity. @public */
export type AccessPartner = EntityAccessItem['partner'];

/** An identity of an integration that accesses an entity. @public */
export type AccessIdentity = Schemas['AccessIdentity'];

/** A pending access review of an integration. @public */
export type PendingReviewSummary = Schemas['PendingReview'];

/** An integration that accesses an entity. @public */
export type EntityAccessItem = Schemas['EntityAccessItem'];

/** Query of `GET /entities/{ref}/access`. @public */
export type EntityAccessRequest = QueryOf<'GetEntityAccess'>;

/** Response of `GET /entities/{ref}/access`. @public */
export type EntityAccessResponse = Schemas['EntityAccess'];

/** Response of `POST /sync`. @public */
export type SyncResponse = Schemas['SyncSummary'];

/** An access review of an integration. @public */
export type ReviewSummary = Schemas['ReviewSummary'];

/** Where an access review stands. @public */
export type ReviewStatus = ReviewSummary['status'];

/** An identity as an access review shows it. @public */
export type ReviewIdentity = Schemas['ReviewIdentity'];

/** What changed in an integration since its last decided review. @public */
export type ReviewChanges = NonNullable<ReviewDetails['changes']>;

/** Response of `GET /reviews/{id}`. @public */
export type ReviewDetails = Schemas['ReviewDetails'];

/** Filters of `GET /reviews`. @public */
export type ListReviewsRequest = QueryOf<'ListReviews'>;

/** Response of `GET /reviews`. @public */
export type ListReviewsResponse = Schemas['ReviewList'];

/** Body of `POST /reviews/{id}/decision`. @public */
export type ReviewDecisionRequest = Schemas['ReviewDecision'];

/** What a reviewer decides. @public */
export type ReviewDecision = ReviewDecisionRequest['decision'];

/** An event of the governance audit trail. @public */
export type AuditEventRecord = Schemas['AuditEvent'];

/** Filters of `GET /audit`. @public */
export type ListAuditEventsRequest = QueryOf<'ListAuditEvents'>;

/** Response of `GET /audit`. @public */
export type ListAuditEventsResponse = Schemas['AuditEventList'];

/** An integration of an owner, with its identities and reviews. @public */
export type OwnerIntegrationItem = Schemas['OwnerIntegration'];

/** Query of `GET /owners/{ref}/integrations`. @public */
export type ListOwnerIntegrationsRequest = QueryOf<'ListOwnerIntegrations'>;

/** Response of `GET /owners/{ref}/integrations`. @public */
export type ListOwnerIntegrationsResponse = Schemas['OwnerIntegrationList'];

/** The formats of the evidence pack. @public */
export type EvidenceFormat = NonNullable<QueryOf<'GetEvidencePack'>['format']>;

/** The partner as the evidence pack records it. @public */
export type EvidencePartner = Schemas['EvidencePartner'];

/** One line of the ownership register. @public */
export type OwnershipEntry = Schemas['OwnershipEntry'];

/** The roles of the ownership register. @public */
export type OwnershipRole = OwnershipEntry['role'];

/** An integration as the evidence pack records it. @public */
export type EvidenceIntegration = Schemas['EvidenceIntegration'];

/** An identity as the evidence pack records it. @public */
export type EvidenceIdentity = Schemas['EvidenceIdentity'];

/** A finding as the evidence pack records it. @public */
export type EvidenceFinding = Schemas['EvidenceFinding'];

/** Where a finding of the evidence pack stands. @public */
export type EvidenceFindingStatus = EvidenceFinding['status'];

/** A framework control and the findings mapped to it. @public */
export type EvidenceFrameworkControl = Schemas['EvidenceFrameworkControl'];

/** Response of `GET /partners/{ref}/evidence?format=json`. @public */
export type EvidencePack = Schemas['EvidencePack'];

/** An exception to a rule for one entity (and identity). @public */
export type ExceptionRecord = Schemas['Exception'];

/** The approved exception that covers a finding. @public */
export type AcceptedRisk = Schemas['AcceptedRisk'];

/** Body of `POST /exceptions`. @public */
export type CreateExceptionRequest = Schemas['ExceptionRequest'];

/** Body of `POST /exceptions/{id}/approve` and `/deny`. @public */
export type ExceptionDecisionRequest = Schemas['ExceptionDecision'];

/** Filters of `GET /exceptions`. @public */
export type ListExceptionsRequest = QueryOf<'ListExceptions'>;

/** Response of `GET /exceptions`. @public */
export type ListExceptionsResponse = Schemas['ExceptionList'];

/** One item of an offboarding checklist. @public */
export type OffboardingItem = Schemas['OffboardingItem'];

/** What an offboarding item asks for. @public */
export type OffboardingItemKind = OffboardingItem['kind'];

/** Whether an offboarding item is done. @public */
export type OffboardingItemStatus = OffboardingItem['status'];

/** What opened an offboarding item. @public */
export type OffboardingItemSource = OffboardingItem['source'];

/** A partner's offboarding checklist. @public */
export type OffboardingChecklist = Schemas['OffboardingChecklist'];

/** Whether an offboarding checklist is verified. @public */
export type OffboardingChecklistStatus = OffboardingChecklist['status'];

/** Why an offboarding checklist was opened. @public */
export type OffboardingReason = OffboardingChecklist['reasons'][number];

/** How far an offboarding checklist is. @public */
export type OffboardingProgress = OffboardingChecklist['progress'];

/** Response of `GET /partners/{ref}/offboarding`. @public */
export type OffboardingResponse = Schemas['OffboardingResponse'];

/** Body of `POST /offboarding/items/{id}/complete`. @public */
export type CompleteOffboardingItemRequest = Schemas['CompleteOffboardingItem'];

/** Body of `POST /partners/{ref}/offboarding/verify`. @public */
export type VerifyOffboardingRequest = Schemas['VerifyOffboarding'];
