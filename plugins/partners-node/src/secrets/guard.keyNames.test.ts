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

import { findSecrets } from './guard';
import { describeSecretFinding } from './describe';
import {
  KEYS,
  PLAIN,
  expectNoLeak,
  integration,
} from './__testUtils__/secretFixtures';

// Plain values given away by the secret-looking name of their key.

describe('findSecrets', () => {
  describe.each(KEYS)('a value under the key %s', key => {
    it('is found with the exact path and described without the value', async () => {
      const findings = await findSecrets(integration({ [key]: PLAIN }));
      const expectedPath = /^[A-Za-z_$][\w$]*$/.test(key)
        ? `spec.identities[0].${key}`
        : `spec.identities[0]["${key}"]`;
      expect(findings).toEqual([
        { path: expectedPath, shape: `a value under the key "${key}"` },
      ]);
      const message = describeSecretFinding(findings[0]);
      expect(message).toContain(expectedPath);
      expectNoLeak(message, PLAIN);
    });

    it('is found when the value is a number', async () => {
      expect(await findSecrets({ [key]: 12345678 })).toEqual([
        {
          path: key.match(/^[A-Za-z_$][\w$]*$/) ? key : `"${key}"`,
          shape: `a value under the key "${key}"`,
        },
      ]);
    });
  });

  it('reports the field path of a secret-named key: spec.identities[0].token', async () => {
    expect(await findSecrets(integration({ token: PLAIN }))).toEqual([
      {
        path: 'spec.identities[0].token',
        shape: 'a value under the key "token"',
      },
    ]);
  });
});
