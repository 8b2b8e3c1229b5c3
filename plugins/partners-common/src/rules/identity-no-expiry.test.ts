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

import { client, estate, evaluate, fired } from './__testUtils__/estate';

describe('identity-no-expiry', () => {
  it.each(['api-key', 'token', 'certificate', 'oauth-client'] as const)(
    'fires for a %s without expires',
    type => {
      const findings = evaluate(
        estate([client({ type, expires: undefined })]).entities,
      );
      expect(fired(findings)).toEqual(['identity-no-expiry [orders-client]']);
      expect(findings[0].severity).toBe('low');
      expect(findings[0].message).toContain(type);
    },
  );

  it.each([
    'service-account',
    'ssh-key',
    'delegated-admin',
    'webhook-secret',
  ] as const)('is quiet for a %s without expires', type => {
    const { partner, integration, entities } = estate([
      client({ type, expires: undefined }),
    ]);
    if (type === 'delegated-admin') {
      partner.spec.risk.tier = 'high'; // delegated-admin needs tier >= high
    }
    expect(integration.spec.identities![0].expires).toBeUndefined();
    expect(evaluate(entities)).toEqual([]);
  });

  it('fires for a suspended identity but not a revoked one', () => {
    expect(
      fired(
        evaluate(
          estate([client({ expires: undefined, status: 'suspended' })])
            .entities,
        ),
      ),
    ).toEqual(['identity-no-expiry [orders-client]']);
    expect(
      evaluate(
        estate([client({ expires: undefined, status: 'revoked' })]).entities,
      ),
    ).toEqual([]);
  });
});
