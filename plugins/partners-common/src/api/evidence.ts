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
  PartnerLifecycleStageName,
  PartnerType,
  RiskTier,
} from '../kinds/PartnerEntityV1alpha1';
import type { ExceptionRecord } from './exceptions';
import type { OffboardingChecklist } from './offboarding';
import type {
  AuditEventRecord,
  FindingRecord,
  PartnerContractStatus,
  ReviewSummary,
} from './types';

/*
 * The evidence pack of `GET /partners/{ref}/evidence` (JSON), mirroring the
 * backend's OpenAPI spec (plugins/partners-backend/src/schema/evidence.ts).
 * It never holds a secret value, nor where a secret lives (`secretRef`).
 */

/** The formats of an evidence pack. @public */
export type EvidenceFormat = 'json' | 'csv';

/** The partner as the evidence pack records it. @public */
export interface EvidencePartner {
  /** `partner:namespace/name`, lower case. */
  entityRef: string;
  title?: string;
  type: PartnerType;
  stage: PartnerLifecycleStageName;
  tier: RiskTier;
  /** The accountable business owner, lower case. */
  owner: string;
  /** The owner of each lifecycle stage that has one, as written. */
  stageOwners: Partial<Record<PartnerLifecycleStageName, string>>;
  contract?: {
    start?: string;
    end?: string;
    status?: PartnerContractStatus;
  };
  dueDiligence?: { completed?: string; reference?: string };
  /** When the partner left the catalog; absent while it is in it. */
  goneAt?: string;
}

/** The roles of the shared ownership register. @public */
export type OwnershipRole =
  | 'business-owner'
  | 'stage-owner'
  | 'integration-owner'
  | 'identity-custodian';

/**
 * One line of the shared ownership register: who answers for what, and so
 * whose leaving orphans what.
 *
 * @public
 */
export interface OwnershipEntry {
  role: OwnershipRole;
  /** The Group or User ref, lower case when it could be parsed. */
  owner: string;
  /** What they own: the partner or the integration. */
  subjectRef: string;
  /** For a stage owner: the stage. */
  stage?: PartnerLifecycleStageName;
  /** For a custodian: the identity's name. */
  identity?: string;
}

/** An integration of the partner, in the catalog or gone. @public */
export interface EvidenceIntegration {
  entityRef: string;
  title?: string;
  type: PartnerIntegrationType;
  owner: string;
  environment?: PartnerEnvironment;
  accessPackage?: string;
  /** When the integration left the catalog. */
  goneAt?: string;
}

/** An identity of the partner's integrations; never a secret or its location. @public */
export interface EvidenceIdentity {
  integrationRef: string;
  name: string;
  type: IdentityType;
  status: IdentityStatus;
  scopes: string[];
  privileged: boolean;
  environment?: PartnerEnvironment;
  issued?: string;
  lastRotated?: string;
  rotationDays?: number;
  expires?: string;
  lastUsed?: string;
  /** Our owner of the credential, lower case. */
  custodian?: string;
  /** Other integrations or teams that use the same credential. */
  sharedWith: string[];
  /** When the identity left its integration. */
  goneAt?: string;
}

/** Where a finding stands in an evidence pack. @public */
export type EvidenceFindingStatus = 'open' | 'accepted' | 'resolved';

/** A finding of the partner with where it stands. @public */
export interface EvidenceFinding extends FindingRecord {
  /** `accepted` when an approved, unexpired exception covers it. */
  status: EvidenceFindingStatus;
}

/** One framework control and the partner's findings against it. @public */
export interface EvidenceFrameworkControl {
  /** A control id, such as `NHI7` or `PR.AA-05`. */
  control: string;
  /** The rules that test the control, and any that found against it. */
  ruleIds: string[];
  /** Open findings mapped to the control (not accepted, not resolved). */
  openFindings: number;
  /** Findings mapped to the control that an exception covers. */
  acceptedRisks: number;
}

/** Response of `GET /partners/{ref}/evidence?format=json`. @public */
export interface EvidencePack {
  /** When the pack was generated, ISO-8601. */
  generatedAt: string;
  partner: EvidencePartner;
  /** The shared ownership register of the partner. */
  ownership: OwnershipEntry[];
  /** By entity ref. */
  integrations: EvidenceIntegration[];
  /** By integration ref, then name. */
  identities: EvidenceIdentity[];
  /** Access reviews of the partner's integrations with their decisions, by id. */
  reviews: ReviewSummary[];
  /** Exceptions of the partner, by id. */
  exceptions: ExceptionRecord[];
  /** The open checklist, else the latest; absent when it never had one. */
  offboarding?: OffboardingChecklist;
  /** Open, accepted and resolved findings, by id. */
  findings: EvidenceFinding[];
  /** Every control of the rule catalog, by control id. */
  frameworks: EvidenceFrameworkControl[];
  /** The partner's audit trail, oldest first. */
  auditEvents: AuditEventRecord[];
}
