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

import type { DetailsScope } from './stakeholders';
import type {
  ExceptionRecord,
  ExceptionStatus,
  FindingRecord,
  RuleId,
} from '@partner-governance/plugin-partners-common';
import type { LiveEntity } from './IdentityIndexStore';

/** A partner or integration of the index that an exception may name. */
export type ExceptionSubject = LiveEntity;

/** A new exception request, validated. */
export interface ExceptionInsert {
  ruleId: RuleId;
  entityRef: string;
  /** '' when none. */
  identity: string;
  partnerRef: string;
  justification: string;
  requestedBy: string;
  requestedAt: string;
  expiresAt: string;
}

/** A decision to store. */
export interface ExceptionDecisionUpdate {
  status: 'approved' | 'denied';
  decidedBy: string;
  decidedAt: string;
  comment?: string;
}

/** The filter and page of an exception list. */
export interface ExceptionQuery {
  status?: ExceptionStatus;
  partnerRef?: string;
  entityRef?: string;
  ruleId?: string;
  limit: number;
  /** Only exceptions with a smaller id (the list is newest first). */
  before?: number;
  /** Only exceptions of the partners and integrations in this scope. */
  scope?: DetailsScope;
}

/**
 * Exceptions to rules: requested, decided, expired. The exceptions table is
 * this store's; what an exception may name comes from the index store, and
 * which findings still fire from the findings store.
 */
export interface ExceptionsStore {
  /** A live partner or integration of the index (of any partner). */
  findSubject(entityRef: string): Promise<ExceptionSubject | undefined>;
  /** Whether an integration has a live identity of that name. */
  hasIdentity(integrationRef: string, name: string): Promise<boolean>;
  /**
   * Stores a requested exception with its audit event; undefined (nothing
   * stored) when an open exception covers the same finding.
   */
  insert(input: ExceptionInsert): Promise<ExceptionRecord | undefined>;
  get(id: number): Promise<ExceptionRecord | undefined>;
  /** Exceptions newest first (by id), one page plus one row. */
  list(query: ExceptionQuery): Promise<ExceptionRecord[]>;
  /** Every exception of a partner, oldest first. */
  listForPartner(partnerRef: string): Promise<ExceptionRecord[]>;
  /** Approved exceptions that expire within `withinDays` of `now`. */
  listExpiring(now: Date, withinDays: number): Promise<ExceptionRecord[]>;
  /**
   * Stores a decision, with its audit event, if the exception is still
   * requested (and, to approve, unexpired); false when it is not.
   */
  decide(
    exception: ExceptionRecord,
    update: ExceptionDecisionUpdate,
  ): Promise<boolean>;
  /** Marks the exceptions due at `now` expired; returns them. */
  expire(now: Date): Promise<ExceptionRecord[]>;
  /** The findings, with `acceptedRisk` on those an approved exception covers. */
  withAcceptedRisk(
    findings: FindingRecord[],
    now: Date,
  ): Promise<FindingRecord[]>;
  /** Lapsed approvals whose finding is still open and not covered anew. */
  listLapsed(now: Date): Promise<ExceptionRecord[]>;
}
