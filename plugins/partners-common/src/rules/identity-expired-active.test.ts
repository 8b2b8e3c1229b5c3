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
  estate,
  evaluate,
  fired,
} from './__testUtils__/estate';

describe('identity-expired-active', () => {
  it('is quiet when it expires today and fires when it expired yesterday', () => {
    expect(evaluate(estate([client({ expires: NOW })]).entities)).toEqual([]);
    const findings = evaluate(estate([client({ expires: day(-1) })]).entities);
    expect(fired(findings)).toEqual([
      'identity-expired-active [orders-client]',
    ]);
    expect(findings[0].severity).toBe('high');
    expect(findings[0].message).toContain(day(-1));
  });

  it('fires for explicit status active', () => {
    expect(
      fired(
        evaluate(
          estate([client({ expires: day(-5), status: 'active' })]).entities,
        ),
      ),
    ).toEqual(['identity-expired-active [orders-client]']);
  });

  it('is quiet for suspended and revoked identities', () => {
    for (const status of ['suspended', 'revoked'] as const) {
      expect(
        evaluate(estate([client({ expires: day(-5), status })]).entities),
      ).toEqual([]);
    }
  });
});
