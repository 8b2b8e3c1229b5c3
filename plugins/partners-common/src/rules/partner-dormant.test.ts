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
  day,
  makePartner,
  client,
  serviceAccount,
  estate,
  evaluate,
  ruleIds,
  PARTNER_REF,
} from './__testUtils__/estate';

describe('partner-dormant', () => {
  it('is quiet at exactly dormantAfterDays and fires one day later', () => {
    const { partner, entities } = estate();
    partner.spec.lastActivity = day(-90);
    expect(evaluate(entities)).toEqual([]);
    partner.spec.lastActivity = day(-91);
    const findings = evaluate(entities);
    expect(ruleIds(findings)).toEqual(['partner-dormant']);
    expect(findings[0].entityRef).toBe(PARTNER_REF);
    expect(findings[0].message).toContain('91 days');
  });

  it('fires only while its integrations hold active identities', () => {
    const revoked = estate([
      client({ status: 'revoked' }),
      serviceAccount({ status: 'suspended' }),
    ]);
    revoked.partner.spec.lastActivity = day(-400);
    expect(evaluate(revoked.entities)).toEqual([]);

    const alone = makePartner();
    alone.spec.lastActivity = day(-400);
    expect(evaluate([alone])).toEqual([]);

    const empty = estate([]);
    empty.partner.spec.lastActivity = day(-400);
    expect(evaluate(empty.entities)).toEqual([]);
  });

  it('counts only integrations of this partner', () => {
    const dormant = makePartner('dormant');
    dormant.spec.lastActivity = day(-400);
    const { partner, integration } = estate();
    expect(evaluate([dormant, partner, integration])).toEqual([]);
  });

  it('is quiet with no lastActivity', () => {
    const { partner, entities } = estate();
    delete partner.spec.lastActivity;
    expect(evaluate(entities)).toEqual([]);
  });
});
