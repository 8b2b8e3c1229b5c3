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
  estate,
  evaluate,
  ruleIds,
  PARTNER_REF,
  INTEGRATION_REF,
} from './__testUtils__/estate';

describe('owner-missing', () => {
  it('fires for an empty partner owner', () => {
    const { partner, entities } = estate();
    partner.spec.owner = '  ';
    const findings = evaluate(entities, { knownOwners: undefined });
    expect(ruleIds(findings)).toEqual(['owner-missing']);
    expect(findings[0].entityRef).toBe(PARTNER_REF);
    expect(findings[0].severity).toBe('high');
  });

  it('fires for an integration owner unknown to the catalog', () => {
    const { integration, entities } = estate();
    integration.spec.owner = 'group:team-dissolved';
    const findings = evaluate(entities);
    expect(ruleIds(findings)).toEqual(['owner-missing']);
    expect(findings[0].entityRef).toBe(INTEGRATION_REF);
    expect(findings[0].message).toContain('group:team-dissolved');
  });

  it('checks catalog membership only when knownOwners is given', () => {
    const { partner, integration, entities } = estate();
    partner.spec.owner = 'group:team-dissolved';
    integration.spec.owner = 'user:nobody';
    expect(evaluate(entities, { knownOwners: undefined })).toEqual([]);
    expect(ruleIds(evaluate(entities))).toEqual([
      'owner-missing',
      'owner-missing',
    ]);
  });

  it('fires for an owner that is not a Group or User, even without knownOwners', () => {
    const { partner, integration, entities } = estate();
    partner.spec.owner = 'component:orders-service';
    integration.spec.owner = 'system:orders';
    const findings = evaluate(entities, { knownOwners: undefined });
    expect(ruleIds(findings)).toEqual(['owner-missing', 'owner-missing']);
    expect(findings.map(f => f.entityRef)).toEqual([
      PARTNER_REF,
      INTEGRATION_REF,
    ]);
    expect(findings[0].message).toContain('not a Group or User');
  });

  it('accepts known Users, bare names (defaulting to Group) and any case', () => {
    const { partner, integration, entities } = estate();
    partner.spec.owner = 'user:default/jane-doe';
    integration.spec.owner = 'Team-Orders';
    expect(evaluate(entities)).toEqual([]);
    integration.spec.owner = 'Group:default/TEAM-ORDERS';
    expect(evaluate(entities)).toEqual([]);
  });
});
