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
  CONFIG,
  client,
  serviceAccount,
  estate,
  evaluate,
  ruleIds,
  PARTNER_REF,
} from './__testUtils__/estate';

describe('risk-tier-understated', () => {
  it('fires for a low or medium tier with a privileged identity', () => {
    for (const tier of ['low', 'medium'] as const) {
      const { partner, integration, entities } = estate([
        client({ privileged: true, scopes: ['tenant:admin'] }),
      ]);
      partner.spec.risk.tier = tier;
      partner.spec.risk.dataAccess = [];
      integration.spec.accessPackage = 'ops-admin';
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['risk-tier-understated']);
      expect(findings[0].entityRef).toBe(PARTNER_REF);
      expect(findings[0].message).toContain('orders-client');
    }
  });

  it('fires for a delegated-admin identity', () => {
    const { partner, entities } = estate([
      serviceAccount({ name: 'tenant-admin', type: 'delegated-admin' }),
    ]);
    partner.spec.risk.tier = 'medium';
    partner.spec.risk.dataAccess = ['order-history'];
    expect(ruleIds(evaluate(entities))).toEqual(['risk-tier-understated']);
  });

  it('fires for a sensitive data class', () => {
    const { partner, entities } = estate();
    partner.spec.risk.tier = 'medium';
    partner.spec.risk.dataAccess = ['order-history', 'payment-data'];
    const findings = evaluate(entities);
    expect(ruleIds(findings)).toEqual(['risk-tier-understated']);
    expect(findings[0].message).toContain('payment-data');
    expect(findings[0].message).not.toContain('order-history');
  });

  it('is quiet for a low tier with non-sensitive data and no privileged identity', () => {
    const { partner, entities } = estate();
    partner.spec.risk.tier = 'low';
    partner.spec.risk.dataAccess = ['order-history'];
    expect(evaluate(entities)).toEqual([]);
  });

  it('is quiet for high and critical tiers', () => {
    for (const tier of ['high', 'critical'] as const) {
      const { partner, entities } = estate([
        serviceAccount({ type: 'delegated-admin' }),
      ]);
      partner.spec.risk.tier = tier;
      partner.spec.risk.dataAccess = ['customer-pii', 'payment-data'];
      expect(evaluate(entities)).toEqual([]);
    }
  });

  it('ignores revoked privileged identities', () => {
    const { partner, entities } = estate([
      client(),
      serviceAccount({ type: 'delegated-admin', status: 'revoked' }),
    ]);
    partner.spec.risk.tier = 'low';
    partner.spec.risk.dataAccess = [];
    expect(evaluate(entities)).toEqual([]);
  });

  it('uses the configured sensitive data classes', () => {
    const { partner, entities } = estate();
    partner.spec.risk.tier = 'low';
    partner.spec.risk.dataAccess = ['customer-pii'];
    const config: PartnersConfig = { ...CONFIG, sensitiveData: ['genome'] };
    expect(evaluate(entities, { config })).toEqual([]);
    partner.spec.risk.dataAccess = ['genome'];
    expect(ruleIds(evaluate(entities, { config }))).toEqual([
      'risk-tier-understated',
    ]);
  });
});
