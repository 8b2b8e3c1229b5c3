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
import { isAllowedStageTransition } from './lifecycle';
import {
  isPartnerLifecycleStage,
  stageTransitionProblem,
} from './stageHistory';

describe('stageTransitionProblem', () => {
  it('finds nothing wrong with every move the lifecycle allows, and something with every other', () => {
    for (const from of PARTNER_LIFECYCLE_STAGES) {
      for (const to of PARTNER_LIFECYCLE_STAGES) {
        expect([
          from,
          to,
          stageTransitionProblem(from, to) === undefined,
        ]).toEqual([from, to, isAllowedStageTransition(from, to)]);
      }
    }
  });

  it.each([
    ['onboarding', 'measurement', 'skips enablement'],
    ['onboarding', 'offboarded', 'skips offboarding'],
    ['measurement', 'offboarded', 'skips offboarding'],
    [
      'measurement',
      'onboarding',
      'moves back from measurement to onboarding without going through offboarding',
    ],
    [
      'enablement',
      'onboarding',
      'moves back from enablement to onboarding without going through offboarding',
    ],
    [
      'offboarding',
      'measurement',
      'moves back from offboarding to measurement',
    ],
    [
      'offboarded',
      'enablement',
      'leaves offboarded for enablement: a returning partner starts a new lifecycle',
    ],
    [
      'offboarded',
      'onboarding',
      'leaves offboarded for onboarding: a returning partner starts a new lifecycle',
    ],
    ['measurement', 'measurement', 'stays in measurement'],
  ])('says what is wrong with %s -> %s', (from, to, problem) => {
    expect(stageTransitionProblem(from, to)).toBe(problem);
  });

  it('never allows a stage the lifecycle does not know, without throwing', () => {
    expect(stageTransitionProblem('retired', 'onboarding')).toBe(
      'moves from retired to onboarding, which is not a lifecycle stage',
    );
    expect(stageTransitionProblem('measurement', 'constructor')).toBe(
      'moves from measurement to constructor, which is not a lifecycle stage',
    );
  });
});

describe('isPartnerLifecycleStage', () => {
  it('knows the five stages and nothing else', () => {
    for (const stage of PARTNER_LIFECYCLE_STAGES) {
      expect(isPartnerLifecycleStage(stage)).toBe(true);
    }
    for (const value of ['Onboarding', '', 'toString', undefined, 3]) {
      expect(isPartnerLifecycleStage(value)).toBe(false);
    }
  });
});
