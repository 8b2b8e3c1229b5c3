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
import type { PartnersConfig } from '../policy';

import {
  day,
  CONFIG,
  client,
  estate,
  evaluate,
  ruleIds,
  PARTNER_REF,
} from './__testUtils__/estate';

describe('contract-ending-no-offboarding', () => {
  it('fires exactly contractNoticeDays ahead and not one day more', () => {
    const { partner, entities } = estate();
    partner.spec.contract!.end = day(30);
    const findings = evaluate(entities);
    expect(ruleIds(findings)).toEqual(['contract-ending-no-offboarding']);
    expect(findings[0].entityRef).toBe(PARTNER_REF);
    expect(findings[0].message).toContain('in 30 days');

    partner.spec.contract!.end = day(31);
    expect(evaluate(entities)).toEqual([]);
  });

  it('is quiet in offboarding and offboarded', () => {
    const offboarding = estate();
    offboarding.partner.spec.contract!.end = day(5);
    offboarding.partner.spec.lifecycle.stage = 'offboarding';
    expect(evaluate(offboarding.entities)).toEqual([]);

    const offboarded = estate([client({ status: 'revoked' })]);
    offboarded.partner.spec.contract!.end = day(5);
    offboarded.partner.spec.lifecycle.stage = 'offboarded';
    expect(evaluate(offboarded.entities)).toEqual([]);
  });

  it('fires in onboarding and enablement', () => {
    for (const stage of ['onboarding', 'enablement'] as const) {
      const { partner, entities } = estate();
      partner.spec.lifecycle.stage = stage;
      partner.spec.contract!.end = day(1);
      expect(ruleIds(evaluate(entities))).toEqual([
        'contract-ending-no-offboarding',
      ]);
    }
  });

  it('follows the policy contractNoticeDays from config', () => {
    const config: PartnersConfig = {
      ...CONFIG,
      policy: { ...CONFIG.policy, contractNoticeDays: 60 },
    };
    const { partner, entities } = estate();
    partner.spec.contract!.end = day(60);
    expect(ruleIds(evaluate(entities, { config }))).toEqual([
      'contract-ending-no-offboarding',
    ]);
    partner.spec.contract!.end = day(61);
    expect(evaluate(entities, { config })).toEqual([]);
  });

  it('is quiet with no contract end', () => {
    const { partner, entities } = estate();
    delete partner.spec.contract;
    expect(evaluate(entities)).toEqual([]);
  });
});
