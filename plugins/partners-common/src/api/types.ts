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
  PartnerIntegrationType,
} from '../kinds/PartnerIntegrationEntityV1alpha1';
import type {
  PartnerEntityV1alpha1,
  PartnerLifecycleStageName,
  PartnerType,
  RiskTier,
} from '../kinds/PartnerEntityV1alpha1';
import type { Severity } from '../rules/types';
import type {
  ListOwnerIntegrationsRequest,
  ListOwnerIntegrationsResponse,
} from './owners';
import type { EvidencePack } from './evidence';
import type {
  AcceptedRisk,
  CreateExceptionRequest,
  ExceptionDecisionRequest,
  ExceptionRecord,
  ListExceptionsRequest,
  ListExceptionsResponse,
} from './exceptions';
import type {
  ListFindingRulesRequest,
  ListFindingRulesResponse,
  ListPartnerIdentitiesRequest,
  ListPartnerIdentitiesResponse,
  PartnerReviewCounts,
  PartnersOverview,
} from './portal';
import type {
  CompleteOffboardingItemRequest,
  OffboardingItem,
  OffboardingResponse,
  VerifyOffboardingRequest,
} from './offboarding';

/*
 * Request and response shapes of the partners backend HTTP API
 * (`/api/partners`). They mirror the backend's OpenAPI spec
 * (plugins/partners-backend/src/schema/openapi.ts); the backend's router is
 * type-checked against both. Optional fields are left out of responses when
 * they have no value; they are never `null`.
 */

/** The status of a partner's contract. @public */
export type PartnerContractStatus = NonNullable<
  PartnerEntityV1alpha1['spec']['contract']
>['status'] &
  string;

/** Open findings per severity. @public */
export type SeverityCounts = Record<Severity, number>;

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

/** Paging parameters of every list endpoint. @public */
export interface PageRequest {
  /** Page size, 1 to 100; 25 when absent. */
  limit?: number;
  /** The `nextCursor` of the previous page; opaque. */
  cursor?: string;
}

/** A partner as the partner index lists it. @public */
export interface PartnerSummary {
  /** `partner:namespace/name`, lower case. */
  entityRef: string;
  title?: string;
  type: PartnerType;
  stage: PartnerLifecycleStageName;
  tier: RiskTier;
  /** The accountable business owner's entity ref, lower case. */
  owner: string;
  contractEnd?: string;
  contractStatus?: PartnerContractStatus;
  /** Open findings of the partner and its integrations. */
  openFindings: SeverityCounts;
  /** Pending access reviews of the partner's live integrations. */
  reviews: PartnerReviewCounts;
}

/** Filters of `GET /partners`. @public */
export interface ListPartnersRequest extends PageRequest {
  stage?: PartnerLifecycleStageName;
  tier?: RiskTier;
  type?: PartnerType;
  /** Owner entity ref; the kind defaults to `group`, the namespace to `default`. */
  owner?: string;
  /** Only partners with an overdue pending review. */
  hasOverdueReviews?: boolean;
  /** Only partners with an open critical finding (accepted risk excluded). */
  hasCriticalFindings?: boolean;
  /** Only partners whose contract ends between today and today + N days (0 to 3650). */
  contractEndsWithinDays?: number;
}

/** Response of `GET /partners`, ordered by entity ref. @public */
export type ListPartnersResponse = Page<PartnerSummary>;

/** A finding as stored by the backend, open or resolved. @public */
export interface FindingRecord {
  id: number;
  ruleId: string;
  severity: Severity;
  /** The partner or integration the finding is about, lower case. */
  entityRef: string;
  /** The identity's name, for identity-level findings. */
  identity?: string;
  /** The partner the finding belongs to. */
  partnerRef?: string;
  message: string;
  /** Framework control ids the rule maps to. */
  frameworks: string[];
  /** When the finding (last) started to fire, ISO-8601. */
  firstSeen: string;
  /** When the finding was last evaluated as firing, ISO-8601. */
  lastSeen: string;
  /** When the finding stopped firing; absent while open. */
  resolvedAt?: string;
  /**
   * The approved, unexpired exception covering a finding that still fires:
   * the finding is an accepted risk, not open.
   */
  acceptedRisk?: AcceptedRisk;
}

/**
 * The status filter of `GET /findings`: `open` (firing, no approved
 * exception covers it), `accepted` (firing and covered) or `resolved`.
 *
 * @public
 */
export type FindingStatus = 'open' | 'accepted' | 'resolved';

/** Filters of `GET /findings`. @public */
export interface ListFindingsRequest extends PageRequest {
  severity?: Severity;
  ruleId?: string;
  /** Partner entity ref; the kind defaults to `partner`. */
  partner?: string;
  /** The entity the finding is about, as a full `kind:namespace/name` ref. */
  entity?: string;
  /** Open, accepted risk or resolved; all when absent. */
  status?: FindingStatus;
}

/** Response of `GET /findings`, ordered by id. @public */
export type ListFindingsResponse = Page<FindingRecord>;

/** An integration as the partner page lists it. @public */
export interface PartnerIntegrationSummary {
  entityRef: string;
  title?: string;
  type: PartnerIntegrationType;
  /** Our team accountable for the integration, lower case. */
  owner: string;
  environment?: PartnerEnvironment;
  accessPackage?: string;
  /** How many identities are granted for the integration. */
  identityCount: number;
}

/** Response of `GET /partners/{ref}`. @public */
export interface PartnerDetails extends PartnerSummary {
  /** The partner's integrations in the catalog, by entity ref. */
  integrations: PartnerIntegrationSummary[];
  /** Open findings of the partner and its integrations, worst first. */
  findings: FindingRecord[];
}

/** The partner of an integration, as the access view shows it. @public */
export interface AccessPartner {
  entityRef: string;
  title?: string;
  /** Absent when the partner is not in the catalog. */
  stage?: PartnerLifecycleStageName;
  /** Absent when the partner is not in the catalog. */
  tier?: RiskTier;
}

/** A non-human identity, without any secret value. @public */
export interface AccessIdentity {
  name: string;
  type: IdentityType;
  scopes: string[];
  privileged: boolean;
  environment?: PartnerEnvironment;
  status: IdentityStatus;
  lastUsed?: string;
  expires?: string;
  lastRotated?: string;
  /** Our owner of the credential, lower case. */
  custodian?: string;
  /**
   * Where the secret lives (vault path, ARN); only for callers allowed
   * `partners.identity.read`.
   */
  secretRef?: string;
}

/** An integration that accesses an entity. @public */
export interface EntityAccessItem {
  entityRef: string;
  title?: string;
  type: PartnerIntegrationType;
  owner: string;
  environment?: PartnerEnvironment;
  accessPackage?: string;
  partner: AccessPartner;
  identities: AccessIdentity[];
  /** Open findings of the integration and its identities, worst first. */
  findings: FindingRecord[];
  /** The integration's pending access review, if one is open. */
  pendingReview?: PendingReviewSummary;
}

/** A pending access review, as lists next to an integration show it. @public */
export interface PendingReviewSummary {
  id: number;
  /** The owner the review is assigned to, lower case. */
  assignee: string;
  dueAt: string;
  overdue: boolean;
}

/** Query of `GET /entities/{ref}/access`. @public */
export type EntityAccessRequest = PageRequest;

/**
 * Response of `GET /entities/{ref}/access`: one page of the integrations
 * that access the entity. @public
 */
export interface EntityAccessResponse extends Page<EntityAccessItem> {
  /** The entity asked about, as a full lower-case ref. */
  entityRef: string;
  /** Integrations that access the entity, by entity ref; empty when none. */
  items: EntityAccessItem[];
  /** How many live integrations, of how many partners, access it in all. */
  totals: { integrations: number; partners: number };
}

/** Response of `POST /sync`: what one index sync did. @public */
export interface SyncResponse {
  partners: number;
  integrations: number;
  /** Entities new, changed or back since the last sync. */
  changed: number;
  /** Entities that left the catalog since the last sync. */
  gone: number;
  /** Rows inserted, updated or marked gone. */
  rowsWritten: number;
}

/** Where an access review stands. @public */
export type ReviewStatus = 'pending' | 'attested' | 'revoked';

/** A reviewer's decision on an access review. @public */
export type ReviewDecision = 'attest' | 'revoke';

/** An access review in a list. @public */
export interface ReviewSummary {
  id: number;
  integrationRef: string;
  partnerRef: string;
  /** The integration owner (group or user ref), lower case. */
  assignee: string;
  status: ReviewStatus;
  openedAt: string;
  dueAt: string;
  /** Pending and past its due date. */
  overdue: boolean;
  decidedAt?: string;
  decidedBy?: string;
  comment?: string;
  /** The identities a revoke decision named. */
  revokedIdentities?: string[];
}

/** An identity as a reviewer sees it. @public */
export interface ReviewIdentity {
  name: string;
  type: IdentityType;
  status: IdentityStatus;
  scopes: string[];
  privileged: boolean;
  lastUsed?: string;
  /** Days since lastRotated, else since issued; absent when neither is known. */
  rotationAgeDays?: number;
  /** Active and last used more than the policy's dormantAfterDays ago. */
  dormant: boolean;
}

/** What changed in an integration's identities since its previous decision. @public */
export interface ReviewChanges {
  /** When the previous review was decided. */
  since: string;
  added: string[];
  removed: string[];
  scopeChanges: Array<{ name: string; added: string[]; removed: string[] }>;
}

/** An access review with what a reviewer needs to decide it. @public */
export interface ReviewDetails extends ReviewSummary {
  /**
   * The integration's identities: as indexed now while pending, as the
   * reviewer saw them once decided.
   */
  identities: ReviewIdentity[];
  /** Open findings of the integration. */
  findings: FindingRecord[];
  /** Absent when the integration was never reviewed before. */
  changes?: ReviewChanges;
}

/** Query of `GET /reviews`. @public */
export interface ListReviewsRequest extends PageRequest {
  status?: ReviewStatus;
  /** `me`: reviews assigned to the caller or a group the caller belongs to. */
  assignee?: 'me';
  /** Partner entity ref; the kind defaults to `partner`. */
  partner?: string;
  /** Integration entity ref; the kind defaults to `partnerintegration`. */
  integration?: string;
}

/** Response of `GET /reviews`, ordered by due date. @public */
export type ListReviewsResponse = Page<ReviewSummary>;

/** Body of `POST /reviews/{id}/decision`. @public */
export interface ReviewDecisionRequest {
  decision: ReviewDecision;
  /** Required to attest while an identity is dormant. */
  comment?: string;
  /** For revoke: names of the integration's identities to revoke. */
  identities?: string[];
}

/** One append-only audit event. @public */
export interface AuditEventRecord {
  id: number;
  at: string;
  /** The user or service that acted. */
  actor: string;
  /** For example `review.decided` or `review.opened`. */
  action: string;
  subjectType: string;
  subjectRef: string;
  /** The partner the event concerns, when it concerns one. */
  partnerRef?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/** Query of `GET /audit`. @public */
export interface ListAuditEventsRequest extends PageRequest {
  subject?: string;
  /** Only events concerning this partner. */
  partner?: string;
  action?: string;
}

/** Response of `GET /audit`, newest first. @public */
export type ListAuditEventsResponse = Page<AuditEventRecord>;

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
   * Throws `NotAllowedError` (403) for a caller who completed an item,
   * `ConflictError` (409) while items are pending or once verified.
   */
  verifyOffboarding(
    partnerRef: string,
    request?: VerifyOffboardingRequest,
    options?: PartnersRequestOptions,
  ): Promise<OffboardingResponse>;
}
