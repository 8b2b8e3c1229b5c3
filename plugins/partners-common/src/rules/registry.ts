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

import { accessPackageMissing } from './access-package-missing';
import { aiSupplierNoContingency } from './ai-supplier-no-contingency';
import { contractEndedAccessActive } from './contract-ended-access-active';
import { contractEndingNoOffboarding } from './contract-ending-no-offboarding';
import { dueDiligenceMissing } from './due-diligence-missing';
import { exceptionExpired } from './exception-expired';
import { identityDormant } from './identity-dormant';
import { identityEnvironmentCrossing } from './identity-environment-crossing';
import { identityExpiredActive } from './identity-expired-active';
import { identityNoExpiry } from './identity-no-expiry';
import { identityNotObserved } from './identity-not-observed';
import { identityOverprivileged } from './identity-overprivileged';
import { identityRevocationNotEnforced } from './identity-revocation-not-enforced';
import { identityRotationOverdue } from './identity-rotation-overdue';
import { identityScopeDrift } from './identity-scope-drift';
import { identityShared } from './identity-shared';
import { identityUndeclared } from './identity-undeclared';
import { identityUnowned } from './identity-unowned';
import { lifecycleTransitionInvalid } from './lifecycle-transition-invalid';
import { offboardedIdentityActive } from './offboarded-identity-active';
import { offboardingUnverified } from './offboarding-unverified';
import { ownerMissing } from './owner-missing';
import { partnerDormant } from './partner-dormant';
import { partnerUngoverned } from './partner-ungoverned';
import { reviewOverdue } from './review-overdue';
import { riskTierUnderstated } from './risk-tier-understated';
import { secretInFile } from './secret-in-file';
import { stageOwnerMissing } from './stage-owner-missing';
import type { RuleDefinition } from './types';

/**
 * Every rule module (its definition and evaluation), in the order findings
 * of one visit are reported. Adding a rule is a new module in this folder,
 * listed here, with its test.
 *
 * @public
 */
export const RULE_MODULES = [
  ownerMissing,
  stageOwnerMissing,
  dueDiligenceMissing,
  accessPackageMissing,
  identityOverprivileged,
  identityRotationOverdue,
  identityNoExpiry,
  identityExpiredActive,
  identityDormant,
  identityShared,
  identityEnvironmentCrossing,
  identityUnowned,
  contractEndedAccessActive,
  contractEndingNoOffboarding,
  offboardedIdentityActive,
  partnerDormant,
  riskTierUnderstated,
  aiSupplierNoContingency,
  reviewOverdue,
  exceptionExpired,
  identityUndeclared,
  identityNotObserved,
  identityScopeDrift,
  identityRevocationNotEnforced,
  lifecycleTransitionInvalid,
  offboardingUnverified,
  secretInFile,
  partnerUngoverned,
] as const;

/** A rule id. @public */
export type RuleId = (typeof RULE_MODULES)[number]['id'];

/** The stable ids of every rule, including those the backend evaluates. @public */
export const RULE_IDS: readonly RuleId[] = RULE_MODULES.map(rule => rule.id);

/**
 * Every rule's definition, by id.
 *
 * @public
 */
export const RULES: Readonly<Record<RuleId, RuleDefinition<RuleId>>> =
  Object.fromEntries(
    RULE_MODULES.map(({ evaluate: _evaluate, ...definition }) => [
      definition.id,
      definition,
    ]),
  ) as Record<RuleId, RuleDefinition<RuleId>>;

/** The ids of the rules that work on files alone. @public */
export const FILE_RULE_IDS: readonly RuleId[] = RULE_MODULES.filter(
  rule => rule.source === 'files',
).map(rule => rule.id);

/** The rules over files, with their evaluation, in report order. @public */
export const FILE_RULES = RULE_MODULES.flatMap(rule =>
  rule.source === 'files' ? [rule] : [],
);
