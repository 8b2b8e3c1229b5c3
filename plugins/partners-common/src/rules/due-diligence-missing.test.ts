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

import { estate, evaluate, ruleIds, PARTNER_REF } from './__testUtils__/estate';

describe('due-diligence-missing', () => {
  it('fires past onboarding without completed due diligence', () => {
    for (const stage of ['enablement', 'measurement', 'offboarding'] as const) {
      const { partner, entities } = estate();
      partner.spec.lifecycle.stage = stage;
      partner.spec.risk.dueDiligence = { reference: 'TPRM-1' };
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['due-diligence-missing']);
      expect(findings[0].entityRef).toBe(PARTNER_REF);
    }
  });

  it('fires when dueDiligence is absent', () => {
    const { partner, entities } = estate();
    delete partner.spec.risk.dueDiligence;
    expect(ruleIds(evaluate(entities))).toEqual(['due-diligence-missing']);
  });

  it('is quiet in onboarding', () => {
    const { partner, entities } = estate();
    partner.spec.lifecycle.stage = 'onboarding';
    delete partner.spec.risk.dueDiligence;
    expect(evaluate(entities)).toEqual([]);
  });
});
