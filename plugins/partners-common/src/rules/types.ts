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

/** Finding severities, lowest first. @public */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** How bad a finding is. @public */
export type Severity = (typeof SEVERITIES)[number];

/** The stable ids of every rule, including the two the backend evaluates. @public */
export const RULE_IDS = [
  'owner-missing',
  'stage-owner-missing',
  'due-diligence-missing',
  'access-package-missing',
  'identity-overprivileged',
  'identity-rotation-overdue',
  'identity-no-expiry',
  'identity-expired-active',
  'identity-dormant',
  'identity-shared',
  'identity-environment-crossing',
  'identity-unowned',
  'contract-ended-access-active',
  'contract-ending-no-offboarding',
  'offboarded-identity-active',
  'partner-dormant',
  'risk-tier-understated',
  'ai-supplier-no-contingency',
  'review-overdue',
  'exception-expired',
] as const;

/** A rule id. @public */
export type RuleId = (typeof RULE_IDS)[number];

/**
 * One governance finding.
 *
 * @public
 */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** The entity the finding is about, as stringifyEntityRef prints it. */
  entityRef: string;
  /** The identity's name, for identity-level findings. */
  identity?: string;
  message: string;
  /** Framework control ids the rule maps to. */
  frameworks: string[];
}

/** Compares severities: negative when a is lower than b. @public */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

/** Tells whether a string is a known severity. @public */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
