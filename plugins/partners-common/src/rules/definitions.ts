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

import type { RuleId, Severity } from './types';

/**
 * What a rule checks, how bad it is by default and what it maps to.
 *
 * @public
 */
export interface RuleDefinition {
  id: RuleId;
  title: string;
  /** When the rule fires. */
  description: string;
  /** The base severity; a critical-tier partner raises it one level. */
  severity: Severity;
  /** OWASP NHI Top 10, NIST CSF 2.0, CIS v8, ISO 27001 and AI RMF ids. */
  frameworks: string[];
  /** What a finding is about. */
  scope: 'partner' | 'integration' | 'identity';
  /** Files-only rules run everywhere; backend rules need workflow state. */
  source: 'files' | 'backend';
}

const rule = (definition: RuleDefinition) => definition;

/**
 * Every rule of the catalog, by id.
 *
 * @public
 */
export const RULES: Readonly<Record<RuleId, RuleDefinition>> = {
  'owner-missing': rule({
    id: 'owner-missing',
    title: 'Owner missing',
    description:
      'A partner or integration owner is empty, is not a Group or User, or names no Group or User known to the catalog.',
    severity: 'high',
    frameworks: ['GV.SC-02', 'GV.RR-02', 'CIS 5.5'],
    scope: 'integration',
    source: 'files',
  }),
  'stage-owner-missing': rule({
    id: 'stage-owner-missing',
    title: 'Stage owner missing',
    description: 'The current lifecycle stage has no stage owner.',
    severity: 'medium',
    frameworks: ['GV.SC-02'],
    scope: 'partner',
    source: 'files',
  }),
  'due-diligence-missing': rule({
    id: 'due-diligence-missing',
    title: 'Due diligence missing',
    description:
      'The partner is past onboarding and has no completed due diligence.',
    severity: 'high',
    frameworks: ['GV.SC-06', 'ID.RA-10', 'NHI3', 'ISO 5.19'],
    scope: 'partner',
    source: 'files',
  }),
  'access-package-missing': rule({
    id: 'access-package-missing',
    title: 'Access package missing',
    description:
      'An integration of a partner in enablement, measurement or offboarding names no access package, or names one the policy does not define.',
    severity: 'medium',
    frameworks: ['PR.AA-05', 'ISO 5.18'],
    scope: 'integration',
    source: 'files',
  }),
  'identity-overprivileged': rule({
    id: 'identity-overprivileged',
    title: 'Identity over-privileged',
    description:
      "An identity holds scopes outside its integration's access package, is privileged where the package is not, or is used in an environment the package does not allow.",
    severity: 'high',
    frameworks: ['NHI5', 'PR.AA-05', 'ISO 8.2'],
    scope: 'identity',
    source: 'files',
  }),
  'identity-rotation-overdue': rule({
    id: 'identity-rotation-overdue',
    title: 'Rotation overdue',
    description:
      'More days have passed since the identity was last rotated (else issued) than its rotationDays, else the policy rotationMaxDays.',
    severity: 'medium',
    frameworks: ['NHI7', 'PR.AA-01'],
    scope: 'identity',
    source: 'files',
  }),
  'identity-no-expiry': rule({
    id: 'identity-no-expiry',
    title: 'No expiry',
    description:
      'An api-key, token, certificate or oauth-client that is not revoked has no expiry date.',
    severity: 'low',
    frameworks: ['NHI7'],
    scope: 'identity',
    source: 'files',
  }),
  'identity-expired-active': rule({
    id: 'identity-expired-active',
    title: 'Expired but active',
    description: 'The identity expired and its status is still active.',
    severity: 'high',
    frameworks: ['NHI7', 'NHI1'],
    scope: 'identity',
    source: 'files',
  }),
  'identity-dormant': rule({
    id: 'identity-dormant',
    title: 'Dormant identity',
    description:
      'An active identity was last used more than dormantAfterDays ago.',
    severity: 'medium',
    frameworks: ['NHI1', 'CIS 5.3'],
    scope: 'identity',
    source: 'files',
  }),
  'identity-shared': rule({
    id: 'identity-shared',
    title: 'Shared identity',
    description:
      'The identity lists sharedWith, or its secretRef also appears on another identity.',
    severity: 'medium',
    frameworks: ['NHI9', 'PR.AA-02'],
    scope: 'identity',
    source: 'files',
  }),
  'identity-environment-crossing': rule({
    id: 'identity-environment-crossing',
    title: 'Environment crossing',
    description:
      "The identity's environment differs from its integration's, one of them being production.",
    severity: 'high',
    frameworks: ['NHI8'],
    scope: 'identity',
    source: 'files',
  }),
  'identity-unowned': rule({
    id: 'identity-unowned',
    title: 'Identity unowned',
    description:
      'The identity names a custodian that is not a Group or User, or names none known to the catalog.',
    severity: 'medium',
    frameworks: ['NHI1', 'CIS 5.5'],
    scope: 'identity',
    source: 'files',
  }),
  'contract-ended-access-active': rule({
    id: 'contract-ended-access-active',
    title: 'Contract ended, access active',
    description:
      'The contract ended (its end date is past, or its status is terminated or expired) and an identity is still active.',
    severity: 'critical',
    frameworks: ['NHI1', 'GV.SC-10', 'CIS 15.7'],
    scope: 'identity',
    source: 'files',
  }),
  'contract-ending-no-offboarding': rule({
    id: 'contract-ending-no-offboarding',
    title: 'Contract ending, no offboarding',
    description:
      'The contract ends within contractNoticeDays and the partner is not in offboarding or offboarded.',
    severity: 'medium',
    frameworks: ['GV.SC-10'],
    scope: 'partner',
    source: 'files',
  }),
  'offboarded-identity-active': rule({
    id: 'offboarded-identity-active',
    title: 'Offboarded, identity not revoked',
    description: 'The partner is offboarded and an identity is not revoked.',
    severity: 'critical',
    frameworks: ['NHI1', 'GV.SC-10', 'CIS 15.7'],
    scope: 'identity',
    source: 'files',
  }),
  'partner-dormant': rule({
    id: 'partner-dormant',
    title: 'Dormant partner',
    description:
      "The partner's last activity is more than dormantAfterDays ago while its integrations hold active identities.",
    severity: 'medium',
    frameworks: ['NHI1', 'GV.SC-07'],
    scope: 'partner',
    source: 'files',
  }),
  'risk-tier-understated': rule({
    id: 'risk-tier-understated',
    title: 'Risk tier understated',
    description:
      'The tier is low or medium while an identity is privileged or delegated-admin, or the partner reaches a sensitive data class.',
    severity: 'high',
    frameworks: ['GV.SC-04', 'NHI5'],
    scope: 'partner',
    source: 'files',
  }),
  'ai-supplier-no-contingency': rule({
    id: 'ai-supplier-no-contingency',
    title: 'AI supplier without contingency',
    description:
      'The partner supplies AI models, agents or data and references no contingency plan.',
    severity: 'medium',
    frameworks: ['AI RMF GOVERN 6.1', 'AI RMF GOVERN 6.2'],
    scope: 'partner',
    source: 'files',
  }),
  'review-overdue': rule({
    id: 'review-overdue',
    title: 'Access review overdue',
    description: 'An access review is past its due date.',
    severity: 'high',
    frameworks: ['PR.AA-05', 'GV.SC-07', 'CIS 5.5'],
    scope: 'integration',
    source: 'backend',
  }),
  'exception-expired': rule({
    id: 'exception-expired',
    title: 'Exception expired',
    description: 'An approved exception passed its expiry date.',
    severity: 'medium',
    frameworks: ['ID.RA-07'],
    scope: 'integration',
    source: 'backend',
  }),
};

/** The ids of the rules that work on files alone. @public */
export const FILE_RULE_IDS: readonly RuleId[] = Object.values(RULES)
  .filter(definition => definition.source === 'files')
  .map(definition => definition.id);
