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

describe('stage-owner-missing', () => {
  it('fires when the current stage has no stage owner', () => {
    const { partner, entities } = estate();
    delete partner.spec.lifecycle.stageOwners!.measurement;
    const findings = evaluate(entities);
    expect(ruleIds(findings)).toEqual(['stage-owner-missing']);
    expect(findings[0].entityRef).toBe(PARTNER_REF);
    expect(findings[0].message).toContain('measurement');
  });

  it('fires when stageOwners is absent altogether', () => {
    const { partner, entities } = estate();
    delete partner.spec.lifecycle.stageOwners;
    expect(ruleIds(evaluate(entities))).toEqual(['stage-owner-missing']);
  });

  it('is quiet when only other stages lack an owner', () => {
    const { partner, entities } = estate();
    partner.spec.lifecycle.stageOwners = { measurement: 'group:team-orders' };
    expect(evaluate(entities)).toEqual([]);
  });

  it('is quiet for an offboarded partner, which has no stage owner', () => {
    const { partner, integration, entities } = estate();
    partner.spec.lifecycle = { stage: 'offboarded' };
    for (const identity of integration.spec.identities!) {
      identity.status = 'revoked';
    }
    expect(evaluate(entities)).toEqual([]);
  });
});
