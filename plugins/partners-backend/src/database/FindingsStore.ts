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
  Finding,
  FindingRecord,
} from '@partner-governance/plugin-partners-common';

/** A finding with the partner it belongs to, as the evaluation produced it. */
export interface EvaluatedFinding extends Finding {
  partnerRef?: string;
}

/** What storing one evaluation changed. */
export interface FindingsChanges {
  opened: number;
  resolved: number;
  open: number;
}

/** What a finding is about: one open finding per key. */
export interface FindingKey {
  ruleId: string;
  entityRef: string;
  /** The identity of an identity-level finding, else empty. */
  identity: string;
}

/** The findings of the rules, their table this store's. */
export interface FindingsStore {
  /**
   * Stores one evaluation: opens new findings, reopens those that fire
   * again, resolves those that stopped, in one transaction.
   */
  storeEvaluation(
    findings: EvaluatedFinding[],
    now: string,
  ): Promise<FindingsChanges>;
  /** Open findings about an entity or its identities, oldest first. */
  listOpen(entityRef: string): Promise<FindingRecord[]>;
  /** Which of the keys have an open finding, by their open keys (openKeyOf). */
  openAmong(keys: FindingKey[]): Promise<Set<string>>;
}
