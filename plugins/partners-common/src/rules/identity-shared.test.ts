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
  makeIntegration,
  estate,
  evaluate,
  fired,
} from './__testUtils__/estate';

describe('identity-shared', () => {
  it('fires for an identity with sharedWith', () => {
    const findings = evaluate(
      estate([client({ sharedWith: ['partnerintegration:acme-billing'] })])
        .entities,
    );
    expect(fired(findings)).toEqual(['identity-shared [orders-client]']);
    expect(findings[0].message).toContain('partnerintegration:acme-billing');
  });

  it('is quiet for an empty sharedWith', () => {
    expect(evaluate(estate([client({ sharedWith: [] })]).entities)).toEqual([]);
  });

  it('fires for the same secretRef on two identities in different integrations', () => {
    const { partner, integration } = estate();
    const other = makeIntegration('acme-monitoring', [
      serviceAccount({
        name: 'monitoring-sa',
        secretRef: 'vault:partners/acme/orders-client',
      }),
    ]);
    const findings = evaluate([partner, integration, other]);
    expect(
      findings.map(f => `${f.ruleId} ${f.entityRef} [${f.identity}]`),
    ).toEqual([
      'identity-shared partnerintegration:default/acme-orders [orders-client]',
      'identity-shared partnerintegration:default/acme-monitoring [monitoring-sa]',
    ]);
  });

  it('does not count a revoked identity holding the same secretRef', () => {
    const { partner, integration } = estate();
    const other = makeIntegration('acme-monitoring', [
      serviceAccount({
        name: 'monitoring-sa',
        secretRef: 'vault:partners/acme/orders-client',
        status: 'revoked',
      }),
    ]);
    expect(evaluate([partner, integration, other])).toEqual([]);
  });

  it('counts a suspended identity holding the same secretRef', () => {
    const { partner, integration } = estate();
    const other = makeIntegration('acme-monitoring', [
      serviceAccount({
        name: 'monitoring-sa',
        secretRef: 'vault:partners/acme/orders-client',
        status: 'suspended',
      }),
    ]);
    expect(fired(evaluate([partner, integration, other]))).toEqual([
      'identity-shared [orders-client]',
      'identity-shared [monitoring-sa]',
    ]);
  });
});
