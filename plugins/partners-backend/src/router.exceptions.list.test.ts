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

import { mockCredentials } from '@backstage/backend-test-utils';
import { ALICE, BOB } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import { exceptionsRouter } from './__testUtils__/exceptionsRouter';
import { CAROL } from './__testUtils__/actors';
import { CRIT } from './__testUtils__/reviews';
import { errorOf, must } from './__testUtils__/http';
import { CRIT_API, day, HIGH_API } from './__testUtils__/reviews';

jest.setTimeout(90_000);

const ORDERS = 'component:default/orders-service';
const ORDERS_ACCESS = `/entities/${encodeURIComponent(ORDERS)}/access`;

describe('exceptions routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = exceptionsRouter(databases, databaseId);
    const { get, post, request } = fx;

    describe('GET /exceptions', () => {
      beforeEach(async () => {
        // #1 crit-old, #2 crit-key (approved), #3 high-key (denied), #4 crit partner
        await must(request(), 201);
        await must(request({ identity: 'crit-key' }, BOB), 201);
        await must(request({ entityRef: HIGH_API, identity: 'high-key' }), 201);
        await must(
          request({
            ruleId: 'due-diligence-missing',
            entityRef: CRIT,
            identity: undefined,
          }),
          201,
        );
        await must(post('/exceptions/2/approve', {}, ALICE), 200);
        await must(post('/exceptions/3/deny', {}, BOB), 200);
      });

      const ids = async (path: string) => {
        const response = await get(path);
        expect(response.status).toBe(200);
        return (await response.json()).items.map((e: { id: number }) => e.id);
      };

      it('lists newest first, for any authenticated caller', async () => {
        expect(await ids('/exceptions')).toEqual([4, 3, 2, 1]);
        expect(await ids('/exceptions?status=approved')).toEqual([2]);
        expect(await ids('/exceptions?partner=crit')).toEqual([4, 2, 1]);
        expect(
          await ids(`/exceptions?entity=${encodeURIComponent(HIGH_API)}`),
        ).toEqual([3]);
        expect(await ids('/exceptions?ruleId=due-diligence-missing')).toEqual([
          4,
        ]);
        const byService = await fetch(`${fx.baseUrl}/exceptions`, {
          headers: { Authorization: mockCredentials.service.header() },
        });
        expect(byService.status).toBe(200);
      });

      it('walks every page with limit=3', async () => {
        const seen: number[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const response = await get(
            `/exceptions?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          );
          const page = await response.json();
          seen.push(...page.items.map((e: { id: number }) => e.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        expect(seen).toEqual([4, 3, 2, 1]);
        expect(pages).toBe(2);
      });

      it.each([
        ['status=open', 'status'],
        ['limit=0', 'limit'],
        ['cursor=Zm9v', 'cursor'],
        ['entity=crit-api', 'entity'],
        ['ruleId=Bad%20Rule', 'ruleId'],
      ])('answers 400 on %s', async (query, field) => {
        const error = await errorOf(await get(`/exceptions?${query}`));
        expect(error.status).toBe(400);
        expect(error.message).toContain(field);
      });

      it('gets one by id to a caller who may read its details, 403 to others, 404 when unknown', async () => {
        expect(await errorOf(await get('/exceptions/2', CAROL))).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: `You may not read the exceptions of ${CRIT_API}`,
        });
        const response = await get('/exceptions/2', BOB);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          id: 2,
          status: 'approved',
          decidedBy: ALICE,
        });
        expect(await errorOf(await get('/exceptions/42'))).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No exception 42',
        });
      });
    });

    describe('accepted risk', () => {
      it('shows a covered finding as accepted in /findings and leaves it out of partner counts', async () => {
        const finding = {
          rule_id: 'identity-dormant',
          entity_ref: CRIT_API,
          partner_ref: CRIT,
          severity: 'medium',
          message: 'dormant',
          frameworks: '["NHI1"]',
          first_seen_at: day(0).toISOString(),
          last_seen_at: day(20).toISOString(),
          resolved_at: null,
        };
        await fx.knex('findings').insert([
          { ...finding, identity: 'crit-old' },
          { ...finding, identity: 'crit-key' },
        ]);
        await fx.knex('integration_accesses').insert({
          integration_ref: CRIT_API,
          target_ref: ORDERS,
        });
        const acceptedOnCard = async () => {
          const page = await (await get(ORDERS_ACCESS)).json();
          return page.items[0].findings
            .filter((f: { acceptedRisk?: unknown }) => f.acceptedRisk)
            .map((f: { identity: string }) => f.identity);
        };
        // read once before: the page is now cached
        expect(await acceptedOnCard()).toEqual([]);

        // /findings reads the real clock: an expiry far ahead
        fx.policy = { ...fx.policy, exceptionMaxDays: 100000 };
        expect((await request({ expiresAt: '2099-01-01' })).status).toBe(201);
        expect(await acceptedOnCard()).toEqual([]);
        expect((await post('/exceptions/1/approve', {}, BOB)).status).toBe(200);
        // the approval drops the cached page
        expect(await acceptedOnCard()).toEqual(['crit-old']);

        const accepted = await get('/findings?status=accepted');
        expect(accepted.status).toBe(200);
        expect((await accepted.json()).items).toEqual([
          expect.objectContaining({
            identity: 'crit-old',
            acceptedRisk: {
              exceptionId: 1,
              expiresAt: '2099-01-01T00:00:00.000Z',
              approvedBy: BOB,
            },
          }),
        ]);
        const open = await (await get('/findings?status=open')).json();
        expect(open.items.map((f: { identity: string }) => f.identity)).toEqual(
          ['crit-key'],
        );
        expect(open.items[0].acceptedRisk).toBeUndefined();

        const partner = await (await get('/partners/crit')).json();
        expect(partner.openFindings).toEqual({
          critical: 0,
          high: 0,
          medium: 1,
          low: 0,
        });
        const partners = await (await get('/partners?tier=critical')).json();
        expect(
          partners.items.find(
            (p: { entityRef: string }) => p.entityRef === CRIT,
          ).openFindings.medium,
        ).toBe(1);
      });
    });
  });
});
