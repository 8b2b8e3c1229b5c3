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
  BlastRadius,
  CompleteOffboardingItemRequest,
  CreateExceptionRequest,
  EntityAccessRequest,
  EntityAccessResponse,
  EvidencePack,
  ExceptionDecisionRequest,
  GetStageHistoryRequest,
  ExceptionRecord,
  ListAuditEventsRequest,
  ListAuditEventsResponse,
  ListExceptionsRequest,
  ListExceptionsResponse,
  ListFindingRulesRequest,
  ListFindingRulesResponse,
  ListIdentitySourcesResponse,
  ListAccessPackagesResponse,
  PartnerRegisterStatus,
  ListUndeclaredIdentitiesRequest,
  ListUndeclaredIdentitiesResponse,
  ListFindingsRequest,
  ListFindingsResponse,
  ListOwnerIntegrationsRequest,
  ListOwnerIntegrationsResponse,
  ListPartnerIdentitiesRequest,
  ListPartnerIdentitiesResponse,
  ListPartnersRequest,
  ListPartnersResponse,
  ListReviewsRequest,
  ListReviewsResponse,
  OffboardingItem,
  OffboardingResponse,
  PartnerDetails,
  PartnersOverview,
  ReviewDecisionRequest,
  ReviewDetails,
  StageHistory,
  SuspendPartnerRequest,
  SuspendPartnerResponse,
  SyncResponse,
  VerifyOffboardingRequest,
} from './models';

/** Per-call options of the partners API. @public */
export interface PartnersRequestOptions {
  /** A Backstage token, for callers without a fetchApi that adds one. */
  token?: string;
}

/**
 * The partners backend API, as the frontend and other clients call it.
 *
 * @public
 */
export interface PartnersApi {
  listPartners(
    request?: ListPartnersRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListPartnersResponse>;
  /** Throws a `ResponseError` named `NotFoundError` for an unknown partner. */
  getPartner(
    ref: string,
    options?: PartnersRequestOptions,
  ): Promise<PartnerDetails>;
  /** Exact counts for the partner index tiles, over live partners. */
  getPartnersOverview(
    options?: PartnersRequestOptions,
  ): Promise<PartnersOverview>;
  /**
   * A partner's live identities, by (integration ref, name). Throws a
   * `ResponseError` named `NotFoundError` for an unknown partner.
   */
  listPartnerIdentities(
    partnerRef: string,
    request?: ListPartnerIdentitiesRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListPartnerIdentitiesResponse>;
  /** Open and accepted-risk finding counts per rule, for rules with findings. */
  listFindingRules(
    request?: ListFindingRulesRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListFindingRulesResponse>;
  getEntityAccess(
    entityRef: string,
    request?: EntityAccessRequest,
    options?: PartnersRequestOptions,
  ): Promise<EntityAccessResponse>;
  /** The standard access packages of the policy, by name. */
  listAccessPackages(
    options?: PartnersRequestOptions,
  ): Promise<ListAccessPackagesResponse>;
  /** The configured identity sources and how each stands. */
  listIdentitySources(
    options?: PartnersRequestOptions,
  ): Promise<ListIdentitySourcesResponse>;
  /** The partner register and how its reads went. */
  getPartnerRegister(
    options?: PartnersRequestOptions,
  ): Promise<PartnerRegisterStatus>;
  listFindings(
    request?: ListFindingsRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListFindingsResponse>;
  sync(options?: PartnersRequestOptions): Promise<SyncResponse>;
  listReviews(
    request?: ListReviewsRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListReviewsResponse>;
  /** Throws a `ResponseError` named `NotFoundError` for an unknown review. */
  getReview(
    id: number,
    options?: PartnersRequestOptions,
  ): Promise<ReviewDetails>;
  /** Throws `ConflictError` (409) when the review was already decided. */
  decideReview(
    id: number,
    decision: ReviewDecisionRequest,
    options?: PartnersRequestOptions,
  ): Promise<ReviewDetails>;
  listAuditEvents(
    request?: ListAuditEventsRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListAuditEventsResponse>;
  /**
   * Integrations a group owns, or a user and their groups own. Throws a
   * `ResponseError` named `NotFoundError` for a user not in the catalog.
   */
  listOwnerIntegrations(
    ownerRef: string,
    request?: ListOwnerIntegrationsRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListOwnerIntegrationsResponse>;
  /**
   * The evidence pack of a partner as JSON. Needs `partners.audit.read`
   * (`NotAllowedError` otherwise); every export is audited.
   */
  getEvidencePack(
    partnerRef: string,
    options?: PartnersRequestOptions,
  ): Promise<EvidencePack>;
  /** The evidence pack of a partner as one CSV file's text. */
  getEvidencePackCsv(
    partnerRef: string,
    options?: PartnersRequestOptions,
  ): Promise<string>;
  listExceptions(
    request?: ListExceptionsRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListExceptionsResponse>;
  /** Throws a `ResponseError` named `NotFoundError` for an unknown exception. */
  getException(
    id: number,
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord>;
  /** Throws `ConflictError` (409) when an open exception covers the same finding. */
  requestException(
    request: CreateExceptionRequest,
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord>;
  /** Throws `NotAllowedError` (403) for the requester, `ConflictError` (409) once decided. */
  approveException(
    id: number,
    decision?: ExceptionDecisionRequest,
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord>;
  /** Throws `NotAllowedError` (403) for the requester, `ConflictError` (409) once decided. */
  denyException(
    id: number,
    decision?: ExceptionDecisionRequest,
    options?: PartnersRequestOptions,
  ): Promise<ExceptionRecord>;
  /**
   * The partner's open offboarding checklist, else its latest; without
   * `checklist` when it never had one. Throws `NotFoundError` (404) for an
   * unknown partner.
   */
  getOffboarding(
    partnerRef: string,
    options?: PartnersRequestOptions,
  ): Promise<OffboardingResponse>;
  /** Throws `InputError` (400) for secret evidence, `ConflictError` (409) once done. */
  completeOffboardingItem(
    id: number,
    request: CompleteOffboardingItemRequest,
    options?: PartnersRequestOptions,
  ): Promise<OffboardingItem>;
  /**
   * Revokes the identity of a pending revoke item through its identity
   * source; the item completes when a later observation verifies it. Throws
   * `ConflictError` (409) when it cannot be revoked so, `NotAllowedError`
   * (403) without partners.identity.revoke.
   */
  revokeOffboardingItem(
    id: number,
    options?: PartnersRequestOptions,
  ): Promise<OffboardingItem>;
  /**
   * Throws `NotAllowedError` (403) for a caller who completed an item,
   * `ConflictError` (409) while items are pending or once verified.
   */
  verifyOffboarding(
    partnerRef: string,
    request?: VerifyOffboardingRequest,
    options?: PartnersRequestOptions,
  ): Promise<OffboardingResponse>;
  /**
   * A partner's shadow identities: active, attributed to it by a source, and
   * declared by no file. Throws `NotFoundError` (404) for an unknown partner.
   */
  listUndeclaredIdentities(
    partnerRef: string,
    request?: ListUndeclaredIdentitiesRequest,
    options?: PartnersRequestOptions,
  ): Promise<ListUndeclaredIdentitiesResponse>;
  /** Everything the partner reaches, up to `depth` catalog relations. */
  getBlastRadius(
    partnerRef: string,
    request?: { depth?: number },
    options?: PartnersRequestOptions,
  ): Promise<BlastRadius>;
  /**
   * Revokes every identity of the partner a source can revoke and opens
   * offboarding items for all. Throws `NotAllowedError` (403) without
   * partners.partner.suspend.
   */
  suspendPartner(
    partnerRef: string,
    request: SuspendPartnerRequest,
    options?: PartnersRequestOptions,
  ): Promise<SuspendPartnerResponse>;
  /**
   * The lifecycle stages a partner was seen entering, newest first, and when
   * its history starts. Throws `NotFoundError` (404) for a partner not in
   * the catalog.
   */
  getStageHistory(
    partnerRef: string,
    request?: GetStageHistoryRequest,
    options?: PartnersRequestOptions,
  ): Promise<StageHistory>;
}
