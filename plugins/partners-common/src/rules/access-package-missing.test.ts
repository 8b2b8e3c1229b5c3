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
import { ConfigReader } from '@backstage/config';
import { readPartnersConfig } from '../policy';

import {
  makePartner,
  client,
  makeIntegration,
  estate,
  evaluate,
  ruleIds,
  INTEGRATION_REF,
} from './__testUtils__/estate';

describe('access-package-missing', () => {
  it('fires for an integration with no access package in enablement, measurement and offboarding', () => {
    for (const stage of ['enablement', 'measurement', 'offboarding'] as const) {
      const { partner, integration, entities } = estate();
      partner.spec.lifecycle.stage = stage;
      delete integration.spec.accessPackage;
      const findings = evaluate(entities);
      expect(ruleIds(findings)).toEqual(['access-package-missing']);
      expect(findings[0].entityRef).toBe(INTEGRATION_REF);
    }
  });

  it('is quiet in onboarding', () => {
    const { partner, integration, entities } = estate();
    partner.spec.lifecycle.stage = 'onboarding';
    delete integration.spec.accessPackage;
    expect(evaluate(entities)).toEqual([]);
  });

  it('is quiet for an integration whose partner is not among the entities', () => {
    const integration = makeIntegration(
      'orphan',
      [client()],
      'partner:unknown',
    );
    delete integration.spec.accessPackage;
    expect(evaluate([makePartner(), integration])).toEqual([]);
  });

  it('fires for an unknown package name only when packages are configured', () => {
    const { integration, entities } = estate();
    integration.spec.accessPackage = 'orders-everything';
    const findings = evaluate(entities);
    expect(ruleIds(findings)).toEqual(['access-package-missing']);
    expect(findings[0].message).toContain('orders-everything');

    const silent = readPartnersConfig(new ConfigReader({}));
    expect(evaluate(entities, { config: silent })).toEqual([]);
  });

  it('treats package names that are Object.prototype members as unknown', () => {
    for (const name of ['constructor', 'toString', '__proto__']) {
      const { integration, entities } = estate();
      integration.spec.accessPackage = name;
      expect(ruleIds(evaluate(entities))).toEqual(['access-package-missing']);
    }
  });
});
