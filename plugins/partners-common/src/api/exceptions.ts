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

import type { RuleId } from '../rules/registry';
import type { Page, PageRequest } from './types';

/*
 * Request and response shapes of the exceptions endpoints of the partners
 * backend (`/api/partners/exceptions`), mirroring its OpenAPI spec
 * (plugins/partners-backend/src/schema/exceptions.ts).
 */

/**
 * Where an exception stands: `requested` until decided, then `approved` or
 * `denied`; a requested or approved exception becomes `expired` once its
 * expiry passes.
 *
 * @public
 */
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];

/** The exception statuses. @public */
export const EXCEPTION_STATUSES = [
  'requested',
  'approved',
  'denied',
  'expired',
] as const;

/** An exception to a rule for one entity (and identity). @public */
export interface ExceptionRecord {
  id: number;
  ruleId: RuleId;
  /** The partner or integration, lower case. */
  entityRef: string;
  /** The identity's name, for an exception to an identity-level finding. */
  identity?: string;
  /** The partner the entity belongs to. */
  partnerRef: string;
  justification: string;
  /** The user who requested it. */
  requestedBy: string;
  requestedAt: string;
  /** When the exception stops covering the finding, ISO-8601 UTC. */
  expiresAt: string;
  status: ExceptionStatus;
  /** Who approved or denied it. */
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
  /** When the expiry job marked it expired. */
  expiredAt?: string;
}

/**
 * The exception that makes an open finding an accepted risk.
 *
 * @public
 */
export interface AcceptedRisk {
  exceptionId: number;
  expiresAt: string;
  approvedBy: string;
}

/** Body of `POST /exceptions`. @public */
export interface CreateExceptionRequest {
  /** A rule id of the catalog (a {@link RuleId}), backend rules included. */
  ruleId: string;
  /** A partner or integration ref, `kind:namespace/name`. */
  entityRef: string;
  /** An identity of the integration, for identity-level findings. */
  identity?: string;
  /** Why the risk is accepted; never a secret value. */
  justification: string;
  /**
   * A date (`2027-03-31`, midnight UTC) or an ISO-8601 timestamp with an
   * offset, in the future and at most `policy.exceptionMaxDays` whole days
   * from today.
   */
  expiresAt: string;
}

/** Body of `POST /exceptions/{id}/approve` and `/deny`. @public */
export interface ExceptionDecisionRequest {
  comment?: string;
}

/** Query of `GET /exceptions`. @public */
export interface ListExceptionsRequest extends PageRequest {
  status?: ExceptionStatus;
  /** Partner entity ref; the kind defaults to `partner`. */
  partner?: string;
  /** The partner or integration, as a full `kind:namespace/name` ref. */
  entity?: string;
  ruleId?: string;
}

/** Response of `GET /exceptions`, newest first. @public */
export type ListExceptionsResponse = Page<ExceptionRecord>;
