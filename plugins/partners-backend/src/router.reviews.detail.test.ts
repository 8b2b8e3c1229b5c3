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

import { createTestDatabases } from './__testUtils__/databases';
import { errorOf } from './__testUtils__/http';
import { CRIT_API, day } from './__testUtils__/reviews';
import {
  CRIT_IDENTITIES,
  CRIT_REVIEW,
  NOW,
  reviewsRouter,
} from './__testUtils__/reviewsRouter';

jest.setTimeout(90_000);

describe('reviews and audit routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = reviewsRouter(databases, databaseId);
    const { get } = fx;

    describe('GET /reviews/{id}', () => {
      it('shows identities, rotation age, dormancy and open findings', async () => {
        await fx.knex('findings').insert({
          rule_id: 'identity-dormant',
          entity_ref: CRIT_API,
          identity: 'crit-old',
          partner_ref: 'partner:default/crit',
          severity: 'medium',
          message: 'crit-old is dormant',
          frameworks: '["NHI1"]',
          first_seen_at: day(0).toISOString(),
          last_seen_at: day(20).toISOString(),
          resolved_at: null,
        });
        const response = await get('/reviews/1');
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          ...CRIT_REVIEW,
          identities: CRIT_IDENTITIES,
          findings: [
            {
              id: 1,
              ruleId: 'identity-dormant',
              severity: 'medium',
              entityRef: CRIT_API,
              identity: 'crit-old',
              partnerRef: 'partner:default/crit',
              message: 'crit-old is dormant',
              frameworks: ['NHI1'],
              firstSeen: day(0).toISOString(),
              lastSeen: day(20).toISOString(),
            },
          ],
        });
      });

      it('marks findings an approved, unexpired exception covers as accepted risk', async () => {
        const finding = (ruleId: string, identity: string) => ({
          rule_id: ruleId,
          entity_ref: CRIT_API,
          identity,
          partner_ref: 'partner:default/crit',
          severity: 'medium',
          message: `${ruleId} ${identity}`,
          frameworks: '[]',
          first_seen_at: day(0).toISOString(),
          last_seen_at: day(20).toISOString(),
          resolved_at: null,
        });
        await fx
          .knex('findings')
          .insert(finding('identity-dormant', 'crit-old'));
        await fx
          .knex('findings')
          .insert(finding('identity-no-expiry', 'crit-key'));
        await fx
          .knex('findings')
          .insert(finding('identity-no-expiry', 'crit-old'));
        const exception = (identity: string, expiresAt: Date, key: string) => ({
          rule_id:
            identity === 'crit-old' ? 'identity-dormant' : 'identity-no-expiry',
          entity_ref: CRIT_API,
          identity,
          partner_ref: 'partner:default/crit',
          justification: 'Known',
          requested_by: 'user:default/alice',
          requested_at: day(1).toISOString(),
          expires_at: expiresAt.toISOString(),
          status: 'approved',
          open_key: key,
          decided_by: 'user:default/bob',
          decided_at: day(2).toISOString(),
        });
        // covers crit-old's dormancy until just after now (day 20)
        const [{ id }] = await fx
          .knex('exceptions')
          .insert(exception('crit-old', new Date(NOW.getTime() + 1), 'k1'))
          .returning('id');
        // lapsed at now: crit-key's finding is open again
        await fx.knex('exceptions').insert(exception('crit-key', NOW, 'k2'));

        const response = await get('/reviews/1');
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(
          body.findings.map((f: any) => [f.ruleId, f.identity, f.acceptedRisk]),
        ).toEqual([
          [
            'identity-dormant',
            'crit-old',
            {
              exceptionId: Number(id),
              expiresAt: new Date(NOW.getTime() + 1).toISOString(),
              approvedBy: 'user:default/bob',
            },
          ],
          ['identity-no-expiry', 'crit-key', undefined],
          ['identity-no-expiry', 'crit-old', undefined],
        ]);
      });

      it('answers 404 for an unknown review and 400 for a bad id', async () => {
        expect(await errorOf(await get('/reviews/999'))).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No access review 999',
        });
        expect(await errorOf(await get('/reviews/abc'))).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/id/),
        });
      });
    });
  });
});
