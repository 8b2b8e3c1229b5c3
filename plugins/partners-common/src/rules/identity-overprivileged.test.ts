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

import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  client,
  estate,
  evaluate,
  ruleIds,
  fired,
} from './__testUtils__/estate';

describe('identity-overprivileged', () => {
  it('fires for scopes outside the package', () => {
    const { integration, entities } = estate([
      client({ scopes: ['orders:read', 'orders:write', 'customers:read'] }),
    ]);
    const findings = evaluate(entities);
    expect(fired(findings)).toEqual([
      'identity-overprivileged [orders-client]',
    ]);
    expect(findings[0].entityRef).toBe(stringifyEntityRef(integration));
    expect(findings[0].message).toContain('orders:write, customers:read');
    expect(findings[0].message).not.toContain('orders:read,');
  });

  it('allows any scope under a wildcard such as orders:*', () => {
    const { integration, entities } = estate([
      client({
        scopes: ['orders:read', 'orders:write', 'orders:update-status'],
      }),
    ]);
    integration.spec.accessPackage = 'orders-all';
    expect(evaluate(entities)).toEqual([]);
    integration.spec.identities![0].scopes = ['order-events:subscribe'];
    expect(fired(evaluate(entities))).toEqual([
      'identity-overprivileged [orders-client]',
    ]);
  });

  it('fires for a privileged identity where the package is not privileged', () => {
    const { entities } = estate([client({ privileged: true })]);
    const findings = evaluate(entities);
    expect(fired(findings)).toEqual([
      'identity-overprivileged [orders-client]',
    ]);
    expect(findings[0].message).toContain('privileged');
  });

  it('is quiet for a privileged identity in a privileged package', () => {
    const { integration, entities } = estate([
      client({ privileged: true, scopes: ['tenant:admin'] }),
    ]);
    integration.spec.accessPackage = 'ops-admin';
    expect(evaluate(entities)).toEqual([]);
  });

  it('fires for an environment outside the package environments', () => {
    const { integration, entities } = estate([
      client({ environment: undefined }),
    ]);
    integration.spec.environment = 'sandbox';
    const findings = evaluate(entities);
    expect(fired(findings)).toEqual([
      'identity-overprivileged [orders-client]',
    ]);
    expect(findings[0].message).toContain('sandbox');

    integration.spec.environment = 'staging';
    expect(evaluate(entities)).toEqual([]);
  });

  it("uses the identity's own environment before the integration's", () => {
    const { integration, entities } = estate([
      client({ environment: 'staging' }),
    ]);
    integration.spec.environment = 'staging';
    integration.spec.accessPackage = 'ops-admin'; // production only
    integration.spec.identities![0].scopes = ['tenant:admin'];
    expect(fired(evaluate(entities))).toEqual([
      'identity-overprivileged [orders-client]',
    ]);
    integration.spec.identities![0].environment = 'production';
    // production identity on a staging integration: environment crossing only
    expect(fired(evaluate(entities))).toEqual([
      'identity-environment-crossing [orders-client]',
    ]);
  });

  it('allows any environment when the package lists none', () => {
    const { integration, entities } = estate([
      client({ environment: undefined }),
    ]);
    integration.spec.accessPackage = 'anywhere';
    integration.spec.environment = 'sandbox';
    expect(evaluate(entities)).toEqual([]);
  });

  it('is not checked without a known package, nor for revoked identities', () => {
    const { integration, entities } = estate([
      client({ scopes: ['admin:*'], privileged: true }),
    ]);
    integration.spec.accessPackage = 'orders-everything';
    expect(ruleIds(evaluate(entities))).toEqual(['access-package-missing']);
    integration.spec.accessPackage = 'orders-read';
    integration.spec.identities![0].status = 'revoked';
    expect(evaluate(entities)).toEqual([]);
  });
});
