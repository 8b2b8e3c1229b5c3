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
  NOW,
  day,
  client,
  serviceAccount,
  estate,
  evaluate,
  ruleIds,
  fired,
  INTEGRATION_REF,
} from './__testUtils__/estate';

describe('contract-ended-access-active', () => {
  it('fires for each active identity when the contract ended yesterday', () => {
    const { partner, entities } = estate();
    partner.spec.contract!.end = day(-1);
    const findings = evaluate(entities);
    expect(fired(findings)).toEqual([
      'contract-ended-access-active [orders-client]',
      'contract-ended-access-active [orders-sa]',
    ]);
    expect(findings.map(f => f.entityRef)).toEqual([
      INTEGRATION_REF,
      INTEGRATION_REF,
    ]);
    expect(findings[0].severity).toBe('critical');
    expect(findings[0].message).toContain(`ended on ${day(-1)}`);
  });

  it('does not treat a contract that ends today as ended', () => {
    const { partner, entities } = estate();
    partner.spec.contract!.end = NOW;
    expect(ruleIds(evaluate(entities))).toEqual([
      'contract-ending-no-offboarding',
    ]);
  });

  it('fires for a terminated or expired status whatever the end date', () => {
    for (const status of ['terminated', 'expired'] as const) {
      const { partner, entities } = estate([client()]);
      partner.spec.contract!.status = status;
      const findings = evaluate(entities);
      expect(fired(findings)).toEqual([
        'contract-ended-access-active [orders-client]',
      ]);
      expect(findings[0].message).toContain(status);
    }
  });

  it('is quiet for a notice status with a future end', () => {
    const { partner, entities } = estate();
    partner.spec.contract!.status = 'notice';
    expect(evaluate(entities)).toEqual([]);
  });

  it('ignores suspended and revoked identities', () => {
    const { partner, entities } = estate([
      client({ status: 'suspended' }),
      serviceAccount({ status: 'revoked' }),
    ]);
    partner.spec.contract!.end = day(-10);
    partner.spec.lifecycle.stage = 'offboarding';
    expect(evaluate(entities)).toEqual([]);
  });

  it('fires in offboarding too', () => {
    const { partner, entities } = estate([client()]);
    partner.spec.contract!.end = day(-10);
    partner.spec.lifecycle.stage = 'offboarding';
    expect(fired(evaluate(entities))).toEqual([
      'contract-ended-access-active [orders-client]',
    ]);
  });
});
