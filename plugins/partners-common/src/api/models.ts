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
export type SeverityCounts = components['schemas']['SeverityCounts'];

/** Pending access reviews of a partner's live integrations. @public */
export type PartnerReviewCounts = components['schemas']['PartnerReviewCounts'];

/** A partner as the partner index lists it. @public */
export type PartnerSummary = components['schemas']['PartnerSummary'];

/** The status of a partner's contract. @public */
export type PartnerContractStatus = NonNullable<
  PartnerSummary['contractStatus']
>;

/** Filters of `GET /partners`. @public */
export type ListPartnersRequest = NonNullable<
  operations['ListPartners']['parameters']['query']
>;

/** Response of `GET /partners`, ordered by entity ref. @public */
export type ListPartnersResponse = components['schemas']['PartnerList'];

/** An integration of a partner, as its details list it. @public */
export type PartnerIntegrationSummary =
  components['schemas']['IntegrationSummary'];

/** The measurement scorecard of a partner. @public */
export type PartnerScorecard = components['schemas']['PartnerScorecard'];

/** Response of `GET /partners/{ref}`. @public */
export type PartnerDetails = components['schemas']['PartnerDetails'];

/** Response of `GET /partners/summary`: the partner index tiles. @public */
export type PartnersOverview = components['schemas']['PartnersOverview'];

/** Query of `GET /partners/{ref}/identities`. @public */
export type ListPartnerIdentitiesRequest = NonNullable<
  operations['ListPartnerIdentities']['parameters']['query']
>;

/** A partner's identity with the integration that holds it. @public */
export type PartnerIdentityItem = components['schemas']['PartnerIdentity'];

/** Response of `GET /partners/{ref}/identities`. @public */
export type ListPartnerIdentitiesResponse =
  components['schemas']['PartnerIdentityList'];

/** A finding as stored by the backend, open or resolved. @public */
export type FindingRecord = components['schemas']['Finding'];

/** Where a finding stands. @public */
export type FindingStatus = NonNullable<ListFindingsRequest['status']>;

/** Filters of `GET /findings`. @public */
export type ListFindingsRequest = NonNullable<
  operations['ListFindings']['parameters']['query']
>;

/** Response of `GET /findings`. @public */
export type ListFindingsResponse = components['schemas']['FindingList'];

/** Query of `GET /findings/rules`. @public */
export type ListFindingRulesRequest = NonNullable<
  operations['ListFindingRules']['parameters']['query']
>;

/** Open findings of one rule. @public */
export type FindingRuleCount = components['schemas']['FindingRuleCount'];

/** Response of `GET /policy/access-packages`: the policy's access packages, by name. @public */
export type ListAccessPackagesResponse =
  components['schemas']['AccessPackageList'];

/** A configured identity source and how it stands. @public */
export type IdentitySourceStatus =
  components['schemas']['IdentitySourceStatus'];

/** Response of `GET /identity-sources`, by source id. @public */
export type ListIdentitySourcesResponse =
  components['schemas']['IdentitySourceList'];

/**
 * What the partner register says of a partner: its contract, which the
 * contract rules use instead of the partner file's. @public
 */
export type PartnerRegisterEntry =
  components['schemas']['PartnerRegisterEntry'];

/** A row of the partner register's export that its last read refused. @public */
export type PartnerRegisterRowError =
  components['schemas']['PartnerRegisterRowError'];

/** Response of `GET /register`: the partner register and how its reads went. @public */
export type PartnerRegisterStatus =
  components['schemas']['PartnerRegisterStatus'];

/** Response of `GET /findings/rules`. @public */
export type ListFindingRulesResponse = components['schemas']['FindingRuleList'];

/** The partner of an integration that accesses an entity. @public */
export type AccessPartner = EntityAccessItem['partner'];

/** An identity of an integration that accesses an entity. @public */
export type AccessIdentity = components['schemas']['AccessIdentity'];

/** A pending access review of an integration. @public */
export type PendingReviewSummary = components['schemas']['PendingReview'];

/** An integration that accesses an entity. @public */
export type EntityAccessItem = components['schemas']['EntityAccessItem'];

/** Query of `GET /entities/{ref}/access`. @public */
export type EntityAccessRequest = NonNullable<
  operations['GetEntityAccess']['parameters']['query']
>;

/** Response of `GET /entities/{ref}/access`. @public */
export type EntityAccessResponse = components['schemas']['EntityAccess'];

/** Response of `POST /sync`. @public */
export type SyncResponse = components['schemas']['SyncSummary'];

/** An access review of an integration. @public */
export type ReviewSummary = components['schemas']['ReviewSummary'];

/** Where an access review stands. @public */
export type ReviewStatus = ReviewSummary['status'];

/** An identity as an access review shows it. @public */
export type ReviewIdentity = components['schemas']['ReviewIdentity'];

/** A change that made an integration's access review due now. @public */
export type ReviewTrigger = components['schemas']['ReviewTrigger'];

/** What kind of change a {@link ReviewTrigger} is. @public */
export type ReviewTriggerKind = ReviewTrigger['kind'];

/** What changed in an integration since its last decided review. @public */
export type ReviewChanges = NonNullable<ReviewDetails['changes']>;

/** Response of `GET /reviews/{id}`. @public */
export type ReviewDetails = components['schemas']['ReviewDetails'];

/** Filters of `GET /reviews`. @public */
export type ListReviewsRequest = NonNullable<
  operations['ListReviews']['parameters']['query']
>;

/** Response of `GET /reviews`. @public */
export type ListReviewsResponse = components['schemas']['ReviewList'];

/** Body of `POST /reviews/{id}/decision`. @public */
export type ReviewDecisionRequest = components['schemas']['ReviewDecision'];

/** What a reviewer decides. @public */
export type ReviewDecision = ReviewDecisionRequest['decision'];

/** An event of the governance audit trail. @public */
export type AuditEventRecord = components['schemas']['AuditEvent'];

/** Filters of `GET /audit`. @public */
export type ListAuditEventsRequest = NonNullable<
  operations['ListAuditEvents']['parameters']['query']
>;

/** Response of `GET /audit`. @public */
export type ListAuditEventsResponse = components['schemas']['AuditEventList'];

/** An integration of an owner, with its identities and reviews. @public */
export type OwnerIntegrationItem = components['schemas']['OwnerIntegration'];

/** Query of `GET /owners/{ref}/integrations`. @public */
export type ListOwnerIntegrationsRequest = NonNullable<
  operations['ListOwnerIntegrations']['parameters']['query']
>;

/** Response of `GET /owners/{ref}/integrations`. @public */
export type ListOwnerIntegrationsResponse =
  components['schemas']['OwnerIntegrationList'];

/** The formats of the evidence pack. @public */
export type EvidenceFormat = NonNullable<
  NonNullable<operations['GetEvidencePack']['parameters']['query']>['format']
>;

/** The partner as the evidence pack records it. @public */
export type EvidencePartner = components['schemas']['EvidencePartner'];

/** One line of the ownership register. @public */
export type OwnershipEntry = components['schemas']['OwnershipEntry'];

/** The roles of the ownership register. @public */
export type OwnershipRole = OwnershipEntry['role'];

/** An integration as the evidence pack records it. @public */
export type EvidenceIntegration = components['schemas']['EvidenceIntegration'];

/** An identity as the evidence pack records it. @public */
export type EvidenceIdentity = components['schemas']['EvidenceIdentity'];

/** A finding as the evidence pack records it. @public */
export type EvidenceFinding = components['schemas']['EvidenceFinding'];

/** Where a finding of the evidence pack stands. @public */
export type EvidenceFindingStatus = EvidenceFinding['status'];

/** A framework control and the findings mapped to it. @public */
export type EvidenceFrameworkControl =
  components['schemas']['EvidenceFrameworkControl'];

/** Response of `GET /partners/{ref}/evidence?format=json`. @public */
export type EvidencePack = components['schemas']['EvidencePack'];

/** An exception to a rule for one entity (and identity). @public */
export type ExceptionRecord = components['schemas']['Exception'];

/** The approved exception that covers a finding. @public */
export type AcceptedRisk = components['schemas']['AcceptedRisk'];

/** Body of `POST /exceptions`. @public */
export type CreateExceptionRequest = components['schemas']['ExceptionRequest'];

/** Body of `POST /exceptions/{id}/approve` and `/deny`. @public */
export type ExceptionDecisionRequest =
  components['schemas']['ExceptionDecision'];

/** Filters of `GET /exceptions`. @public */
export type ListExceptionsRequest = NonNullable<
  operations['ListExceptions']['parameters']['query']
>;

/** Response of `GET /exceptions`. @public */
export type ListExceptionsResponse = components['schemas']['ExceptionList'];

/** One item of an offboarding checklist. @public */
export type OffboardingItem = components['schemas']['OffboardingItem'];

/** What an offboarding item asks for. @public */
export type OffboardingItemKind = OffboardingItem['kind'];

/** Whether an offboarding item is done. @public */
export type OffboardingItemStatus = OffboardingItem['status'];

/** What opened an offboarding item. @public */
export type OffboardingItemSource = OffboardingItem['source'];

/** A partner's offboarding checklist. @public */
export type OffboardingChecklist =
  components['schemas']['OffboardingChecklist'];

/** Whether an offboarding checklist is verified. @public */
export type OffboardingChecklistStatus = OffboardingChecklist['status'];

/** Why an offboarding checklist was opened. @public */
export type OffboardingReason = OffboardingChecklist['reasons'][number];

/** How far an offboarding checklist is. @public */
export type OffboardingProgress = OffboardingChecklist['progress'];

/** Response of `GET /partners/{ref}/offboarding`. @public */
export type OffboardingResponse = components['schemas']['OffboardingResponse'];

/** Body of `POST /offboarding/items/{id}/complete`. @public */
export type CompleteOffboardingItemRequest =
  components['schemas']['CompleteOffboardingItem'];

/** Body of `POST /partners/{ref}/offboarding/verify`. @public */
export type VerifyOffboardingRequest =
  components['schemas']['VerifyOffboarding'];

/** What a source last observed of a declared identity. @public */
export type IdentityObservation = components['schemas']['IdentityObservation'];

/** An active identity a source observes that no file declares. @public */
export type UndeclaredIdentity = components['schemas']['UndeclaredIdentity'];

/** Query of `GET /partners/{ref}/undeclared-identities`. @public */
export type ListUndeclaredIdentitiesRequest = NonNullable<
  operations['ListUndeclaredIdentities']['parameters']['query']
>;

/** Response of `GET /partners/{ref}/undeclared-identities`. @public */
export type ListUndeclaredIdentitiesResponse =
  components['schemas']['UndeclaredIdentityList'];

/** A revocation through an identity source, on an offboarding item. @public */
export type OffboardingRevocation =
  components['schemas']['OffboardingRevocation'];

/** Response of `GET /partners/{ref}/blast-radius`. @public */
export type BlastRadius = components['schemas']['BlastRadius'];

/** An identity in a blast radius. @public */
export type BlastRadiusIdentity = components['schemas']['BlastRadiusIdentity'];

/** A catalog entity in a blast radius. @public */
export type BlastRadiusEntity = components['schemas']['BlastRadiusEntity'];

/** Body of `POST /partners/{ref}/suspend`. @public */
export type SuspendPartnerRequest = components['schemas']['SuspendPartner'];

/** What suspending a partner did to one identity. @public */
export type SuspendedIdentity = components['schemas']['SuspendedIdentity'];

/** Response of `POST /partners/{ref}/suspend`. @public */
export type SuspendPartnerResponse =
  components['schemas']['SuspendPartnerResponse'];

/** A lifecycle stage the backend saw a partner enter. @public */
export type StageHistoryEntry = components['schemas']['StageHistoryEntry'];

/** Query of `GET /partners/{ref}/stage-history`. @public */
export type GetStageHistoryRequest = NonNullable<
  operations['GetStageHistory']['parameters']['query']
>;

/** Response of `GET /partners/{ref}/stage-history`. @public */
export type StageHistory = components['schemas']['StageHistory'];
