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

import type { FindingRecord, PartnerIntegrationSummary } from './api/models';
import {
  PARTNER_LIFECYCLE_STAGES,
  type PartnerEntityV1alpha1,
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

/**
 * The part of an offboarding checklist the lifecycle gaps read.
 *
 * @public
 */
export interface OffboardingState {
  status: 'open' | 'verified';
  progress: { total: number; done: number; pending: number };
}

/**
 * What the lifecycle gaps are computed from.
 *
 * @public
 */
export interface LifecycleGapInput {
  partner: PartnerEntityV1alpha1;
  /** The partner's integrations, as `GET /partners/{ref}` lists them. */
  integrations?: Pick<
    PartnerIntegrationSummary,
    'entityRef' | 'title' | 'accessPackage'
  >[];
  /** The partner's open findings, as `GET /partners/{ref}` lists them. */
  findings?: Pick<FindingRecord, 'ruleId'>[];
  /**
   * The partner's offboarding checklist: `null` when it has none, absent when
   * not known (then the checklist is not judged).
   */
  offboarding?: OffboardingState | null;
}

/**
 * What still stands between a partner and its next stage.
 *
 * @public
 */
export interface LifecycleGaps {
  /** The stage the partner moves on to; absent once offboarded. */
  nextStage?: PartnerLifecycleStageName;
  /** What is missing, for people; empty when nothing is. */
  missing: string[];
}

/** Rules whose open findings keep an offboarding partner from offboarded. */
const ACCESS_STILL_ACTIVE_RULES = new Set([
  'offboarded-identity-active',
  'contract-ended-access-active',
]);

/**
 * What is missing for a partner to move on from its current stage (DESIGN §1:
 * what must be true to be in the next stage), derived from the entity, its
 * integrations and open findings. Measurement is the steady state: moving on
 * from it means offboarding, which needs a named offboarding owner.
 *
 * @public
 */
export function lifecycleGaps(input: LifecycleGapInput): LifecycleGaps {
  const { partner, integrations, findings, offboarding } = input;
  const stage = partner.spec.lifecycle.stage;
  const stageOwners = partner.spec.lifecycle.stageOwners ?? {};
  const index = stageIndex(stage);
  const nextStage: PartnerLifecycleStageName | undefined =
    PARTNER_LIFECYCLE_STAGES[index + 1];
  const missing: string[] = [];
  if (!nextStage) {
    return { missing };
  }

  if (!partner.spec.owner?.trim()) {
    missing.push('No accountable business owner is named.');
  }
  if (stage !== 'offboarded' && !stageOwners[stage]) {
    missing.push(`No owner is named for the ${stage} stage.`);
  }
  if (nextStage !== 'offboarded' && !stageOwners[nextStage]) {
    missing.push(`No owner is named for the ${nextStage} stage.`);
  }

  if (stage === 'onboarding' || stage === 'enablement') {
    if (!partner.spec.risk.dueDiligence?.completed) {
      missing.push('Due diligence is not completed.');
    }
    const unmapped = (integrations ?? []).filter(i => !i.accessPackage);
    if (unmapped.length > 0) {
      missing.push(
        `${unmapped.length} ${
          unmapped.length === 1 ? 'integration has' : 'integrations have'
        } no access package: ${unmapped
          .map(i => i.title ?? i.entityRef)
          .join(', ')}.`,
      );
    }
  }

  if (stage === 'offboarding') {
    const active = (findings ?? []).filter(f =>
      ACCESS_STILL_ACTIVE_RULES.has(f.ruleId),
    );
    if (active.length > 0) {
      missing.push(
        `${active.length} ${
          active.length === 1 ? 'identity is' : 'identities are'
        } still active.`,
      );
    }
    if (offboarding === null) {
      missing.push('No offboarding checklist is open.');
    } else if (offboarding) {
      if (offboarding.progress.pending > 0) {
        missing.push(
          `${offboarding.progress.pending} of ${offboarding.progress.total} checklist items are pending.`,
        );
      }
      if (offboarding.status !== 'verified') {
        missing.push(
          'The checklist is not verified by someone other than the requester.',
        );
      }
    }
  }
  return { nextStage, missing };
}
