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

describe('identity-environment-crossing', () => {
  it('fires for a staging or sandbox identity on a production integration', () => {
    const findings = evaluate(
      estate([client({ environment: 'staging' })]).entities,
    );
    expect(fired(findings)).toEqual([
      'identity-environment-crossing [orders-client]',
    ]);
    expect(findings[0].severity).toBe('high');
    expect(findings[0].message).toContain('staging');
    expect(findings[0].message).toContain('production');
  });

  it('fires for a production identity on a non-production integration', () => {
    const { integration, entities } = estate([
      client({ environment: 'production' }),
    ]);
    integration.spec.environment = 'staging';
    expect(fired(evaluate(entities))).toEqual([
      'identity-environment-crossing [orders-client]',
    ]);
  });

  it('is quiet when neither side is production', () => {
    const { integration, entities } = estate([
      client({ environment: 'sandbox' }),
    ]);
    integration.spec.environment = 'staging';
    integration.spec.accessPackage = 'anywhere';
    expect(evaluate(entities)).toEqual([]);
  });

  it('is quiet when either environment is not set', () => {
    const first = estate([client({ environment: undefined })]);
    expect(evaluate(first.entities)).toEqual([]);
    const second = estate([client({ environment: 'staging' })]);
    delete second.integration.spec.environment;
    expect(evaluate(second.entities)).toEqual([]);
  });
});
