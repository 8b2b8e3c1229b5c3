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

describe('ai-supplier-no-contingency', () => {
  it('fires when the partner supplies AI and names no contingency plan', () => {
    const { partner, entities } = estate();
    partner.spec.risk.ai = { supplies: true };
    const findings = evaluate(entities);
    expect(ruleIds(findings)).toEqual(['ai-supplier-no-contingency']);
    expect(findings[0].entityRef).toBe(PARTNER_REF);
    expect(findings[0].frameworks).toEqual([
      'AI RMF GOVERN 6.1',
      'AI RMF GOVERN 6.2',
      'NHI3',
      'GV.SC-08',
      'CIS 15.4',
      'ISO 5.21',
      'ISO 5.30',
    ]);
    partner.spec.risk.ai = { supplies: true, contingencyPlan: '   ' };
    expect(ruleIds(evaluate(entities))).toEqual(['ai-supplier-no-contingency']);
  });

  it('is quiet with a contingency plan, or when the partner does not supply AI', () => {
    const { partner, entities } = estate();
    partner.spec.risk.ai = { supplies: true, contingencyPlan: 'BCP-AI-7' };
    expect(evaluate(entities)).toEqual([]);
    partner.spec.risk.ai = { supplies: false };
    expect(evaluate(entities)).toEqual([]);
    delete partner.spec.risk.ai;
    expect(evaluate(entities)).toEqual([]);
  });
});
