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
  fired,
} from './__testUtils__/estate';

describe('identity-dormant', () => {
  it('is quiet at exactly dormantAfterDays and fires one day later', () => {
    expect(evaluate(estate([client({ lastUsed: day(-90) })]).entities)).toEqual(
      [],
    );
    const findings = evaluate(
      estate([client({ lastUsed: day(-91) })]).entities,
    );
    expect(fired(findings)).toEqual(['identity-dormant [orders-client]']);
    expect(findings[0].message).toContain('91 days');
  });

  it('fires only for active identities', () => {
    for (const status of ['suspended', 'revoked'] as const) {
      expect(
        evaluate(estate([client({ lastUsed: day(-300), status })]).entities),
      ).toEqual([]);
    }
  });

  it('is quiet for an identity that was never used', () => {
    expect(
      evaluate(estate([client({ lastUsed: undefined })]).entities),
    ).toEqual([]);
  });

  it('follows the policy dormantAfterDays from config', () => {
    const config: PartnersConfig = {
      ...CONFIG,
      policy: { ...CONFIG.policy, dormantAfterDays: 7 },
    };
    const { entities } = estate([client({ lastUsed: day(-8) })]);
    expect(fired(evaluate(entities, { config }))).toEqual([
      'identity-dormant [orders-client]',
    ]);
    expect(
      evaluate(estate([client({ lastUsed: day(-7) })]).entities, { config }),
    ).toEqual([]);
  });
});
