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
  client,
  serviceAccount,
  estate,
  evaluate,
  fired,
  INTEGRATION_REF,
} from './__testUtils__/estate';

describe('offboarded-identity-active', () => {
  it('fires for every identity of an offboarded partner that is not revoked', () => {
    const { partner, entities } = estate([
      client({ status: 'active' }),
      serviceAccount({ status: 'suspended' }),
      client({ name: 'old-client', status: 'revoked', secretRef: 'vault:x' }),
    ]);
    partner.spec.lifecycle.stage = 'offboarded';
    const findings = evaluate(entities);
    expect(fired(findings)).toEqual([
      'offboarded-identity-active [orders-client]',
      'offboarded-identity-active [orders-sa]',
    ]);
    expect(findings[0].entityRef).toBe(INTEGRATION_REF);
    expect(findings[0].severity).toBe('critical');
    expect(findings[1].message).toContain('suspended');
  });

  it('is quiet when every identity is revoked', () => {
    const { partner, entities } = estate([
      client({ status: 'revoked' }),
      serviceAccount({ status: 'revoked' }),
    ]);
    partner.spec.lifecycle.stage = 'offboarded';
    expect(evaluate(entities)).toEqual([]);
  });

  it('is quiet in offboarding', () => {
    const { partner, entities } = estate();
    partner.spec.lifecycle.stage = 'offboarding';
    expect(evaluate(entities)).toEqual([]);
  });
});
