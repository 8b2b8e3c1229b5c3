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

import {
  PARTNER_LIFECYCLE_STAGES,
  type PartnerLifecycleStageName,
} from './kinds/PartnerEntityV1alpha1';

/**
 * The stages each stage may move to: forward one step, back from measurement
 * to enablement for re-scoping, and from any active stage to offboarding.
 * Nothing leaves `offboarded`: a returning partner starts a new lifecycle.
 *
 * @public
 */
export const PARTNER_STAGE_TRANSITIONS: Readonly<
  Record<PartnerLifecycleStageName, readonly PartnerLifecycleStageName[]>
> = {
  onboarding: ['enablement', 'offboarding'],
  enablement: ['measurement', 'offboarding'],
  measurement: ['enablement', 'offboarding'],
  offboarding: ['offboarded'],
  offboarded: [],
};

/**
 * Tells whether a partner may move from one stage to another.
 *
 * @public
 */
export function isAllowedStageTransition(
  from: PartnerLifecycleStageName,
  to: PartnerLifecycleStageName,
): boolean {
  return PARTNER_STAGE_TRANSITIONS[from].includes(to);
}

/**
 * What must be true for a partner to be in each stage.
 *
 * @public
 */
export const PARTNER_STAGE_REQUIREMENTS: Readonly<
  Record<PartnerLifecycleStageName, string>
> = {
  onboarding: 'Business owner named; due diligence under way; risk tier set',
  enablement:
    'Due diligence complete; every integration mapped to a standard access package',
  measurement:
    'Usage, exceptions, incidents and control adherence tracked; access reviewed on cadence',
  offboarding:
    'An explicit, dated plan: revoke each identity, rotate shared secrets, close dormant integrations',
  offboarded:
    'Every identity revoked, shared secrets rotated, closure verified by someone other than the requester',
};

/** The position of a stage in the lifecycle, from 0. @public */
export function stageIndex(stage: PartnerLifecycleStageName): number {
  return PARTNER_LIFECYCLE_STAGES.indexOf(stage);
}
