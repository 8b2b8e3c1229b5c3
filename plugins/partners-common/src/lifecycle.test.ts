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

import { PARTNER_LIFECYCLE_STAGES } from './kinds/PartnerEntityV1alpha1';
import {
  PARTNER_STAGE_REQUIREMENTS,
  PARTNER_STAGE_TRANSITIONS,
  isAllowedStageTransition,
  stageIndex,
} from './lifecycle';

describe('isAllowedStageTransition', () => {
  it.each([
    ['onboarding', 'enablement'],
    ['enablement', 'measurement'],
    ['measurement', 'offboarding'],
    ['offboarding', 'offboarded'],
    ['measurement', 'enablement'],
    ['onboarding', 'offboarding'],
    ['enablement', 'offboarding'],
  ] as const)('allows %s -> %s', (from, to) => {
    expect(isAllowedStageTransition(from, to)).toBe(true);
  });

  it.each([
    ['onboarding', 'measurement'],
    ['onboarding', 'offboarded'],
    ['enablement', 'onboarding'],
    ['enablement', 'offboarded'],
    ['measurement', 'onboarding'],
    ['measurement', 'offboarded'],
    ['offboarding', 'measurement'],
    ['offboarding', 'enablement'],
    ['offboarding', 'onboarding'],
  ] as const)('forbids %s -> %s', (from, to) => {
    expect(isAllowedStageTransition(from, to)).toBe(false);
  });

  it('lets nothing leave offboarded', () => {
    for (const to of PARTNER_LIFECYCLE_STAGES) {
      expect(isAllowedStageTransition('offboarded', to)).toBe(false);
    }
    expect(PARTNER_STAGE_TRANSITIONS.offboarded).toEqual([]);
  });

  it('never allows staying in the same stage', () => {
    for (const stage of PARTNER_LIFECYCLE_STAGES) {
      expect(isAllowedStageTransition(stage, stage)).toBe(false);
    }
  });

  it('lets every active stage move to offboarding, and only offboarding reach offboarded', () => {
    for (const stage of ['onboarding', 'enablement', 'measurement'] as const) {
      expect(isAllowedStageTransition(stage, 'offboarding')).toBe(true);
    }
    const reachOffboarded = PARTNER_LIFECYCLE_STAGES.filter(stage =>
      isAllowedStageTransition(stage, 'offboarded'),
    );
    expect(reachOffboarded).toEqual(['offboarding']);
  });
});

describe('stageIndex and requirements', () => {
  it('orders the stages', () => {
    expect(PARTNER_LIFECYCLE_STAGES.map(stageIndex)).toEqual([0, 1, 2, 3, 4]);
    expect(stageIndex('measurement')).toBeGreaterThan(stageIndex('enablement'));
  });

  it('describes every stage', () => {
    expect(Object.keys(PARTNER_STAGE_REQUIREMENTS).sort()).toEqual(
      [...PARTNER_LIFECYCLE_STAGES].sort(),
    );
    expect(Object.keys(PARTNER_STAGE_TRANSITIONS).sort()).toEqual(
      [...PARTNER_LIFECYCLE_STAGES].sort(),
    );
  });
});
