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
  estate,
  evaluate,
  ruleIds,
  fired,
} from './__testUtils__/estate';

describe('identity-unowned', () => {
  it('fires for an explicit custodian unknown to the catalog', () => {
    const findings = evaluate(
      estate([client({ custodian: 'user:jonas-pryor' })]).entities,
    );
    expect(fired(findings)).toEqual(['identity-unowned [orders-client]']);
    expect(findings[0].message).toContain('user:jonas-pryor');
  });

  it('checks catalog membership only when knownOwners is given', () => {
    const { entities } = estate([client({ custodian: 'user:jonas-pryor' })]);
    expect(evaluate(entities, { knownOwners: undefined })).toEqual([]);
  });

  it('fires for a custodian that is not a Group or User', () => {
    const { entities } = estate([
      client({ custodian: 'component:orders-service' }),
    ]);
    expect(fired(evaluate(entities, { knownOwners: undefined }))).toEqual([
      'identity-unowned [orders-client]',
    ]);
  });

  it('is quiet for a known custodian', () => {
    expect(
      evaluate(estate([client({ custodian: 'user:jane-doe' })]).entities),
    ).toEqual([]);
  });

  it('checks explicit custodians only: no custodian defers to the integration owner', () => {
    const { integration, entities } = estate([client()]);
    integration.spec.owner = 'group:team-dissolved';
    const findings = evaluate(entities);
    expect(ruleIds(findings)).toEqual(['owner-missing']);
  });

  it('is quiet for a revoked identity', () => {
    expect(
      evaluate(
        estate([client({ custodian: 'user:jonas-pryor', status: 'revoked' })])
          .entities,
      ),
    ).toEqual([]);
  });
});
