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

import { RULES, type RuleId } from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { portalRouter } from './__testUtils__/portalRouter';

jest.setTimeout(90_000);

describe('portal routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = portalRouter(databases, databaseId);
    const { get, inputError } = fx;

    describe('GET /findings/rules', () => {
      const rule = (id: RuleId, open: number, accepted: number) => ({
        ruleId: id,
        severity: RULES[id].severity,
        title: RULES[id].title,
        frameworks: RULES[id].frameworks,
        open,
        accepted,
      });

      it('counts open and accepted-risk findings per rule, by rule id', async () => {
        const { status, body } = await get('/findings/rules');
        expect(status).toBe(200);
        expect(body).toEqual({
          items: [
            rule('due-diligence-missing', 2, 1),
            rule('identity-dormant', 1, 1),
            rule('identity-no-expiry', 1, 0),
            rule('offboarded-identity-active', 1, 0),
            rule('stage-owner-missing', 1, 0),
          ],
        });
      });

      it.each(['crit', 'partner:default/CRIT'])(
        'filters by partner %s',
        async partner => {
          const { status, body } = await get(
            `/findings/rules?partner=${encodeURIComponent(partner)}`,
          );
          expect(status).toBe(200);
          expect(body.items).toEqual([
            rule('due-diligence-missing', 1, 0),
            rule('identity-dormant', 1, 1),
            rule('identity-no-expiry', 1, 0),
          ]);
        },
      );

      it('lists no rule without findings', async () => {
        expect(await get('/findings/rules?partner=low')).toEqual({
          status: 200,
          body: { items: [] },
        });
        expect((await get('/findings/rules?partner=high')).body.items).toEqual([
          rule('due-diligence-missing', 0, 1),
        ]);
      });

      it.each([
        ['partner=%3Ax', 'partner'],
        ['partner=', 'partner'],
        ['limit=2', 'limit'],
      ])('answers 400 on %s', async (query, field) => {
        expect(await inputError(`/findings/rules?${query}`)).toContain(field);
      });
    });
  });
});
