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
import { CRIT_API, day, LOW_API, MED_API } from './__testUtils__/reviews';
import { CRIT_REVIEW, reviewsRouter } from './__testUtils__/reviewsRouter';

jest.setTimeout(90_000);

describe('reviews and audit routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = reviewsRouter(databases, databaseId);
    const { get } = fx;

    describe('GET /reviews', () => {
      it('lists every review once, by due date then id, across pages', async () => {
        const ids: number[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const response = await get(
            `/reviews?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(response.status).toBe(200);
          const page = await response.json();
          expect(page.items.length).toBeLessThanOrEqual(2);
          ids.push(...page.items.map((r: { id: number }) => r.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        expect(ids).toEqual([7, 1, 5, 6, 2, 3, 4]);
        expect(pages).toBe(4);
      });

      it('filters by status and by the caller and their groups', async () => {
        let response = await get('/reviews?status=pending');
        expect((await response.json()).items.map((r: any) => r.id)).toEqual([
          1, 2, 3, 4,
        ]);

        response = await get('/reviews?assignee=me&status=pending');
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          items: [
            CRIT_REVIEW,
            {
              id: 4,
              integrationRef: LOW_API,
              partnerRef: 'partner:default/low',
              assignee: 'group:default/team-a',
              status: 'pending',
              openedAt: day(351).toISOString(),
              dueAt: day(365).toISOString(),
              overdue: false,
              dueReason: 'Due by cadence.',
              triggers: [],
            },
          ],
        });

        response = await get('/reviews?assignee=me&status=attested');
        expect(await response.json()).toEqual({
          items: [
            {
              id: 6,
              integrationRef: MED_API,
              partnerRef: 'partner:default/med',
              assignee: 'group:default/team-a',
              status: 'attested',
              openedAt: day(0).toISOString(),
              dueAt: day(30).toISOString(),
              overdue: false,
              decidedAt: day(1).toISOString(),
              decidedBy: 'user:default/bob',
              comment: 'fine',
              dueReason: 'Due by cadence.',
              triggers: [],
            },
          ],
        });
      });

      it('filters by partner and integration, with status and assignee=me', async () => {
        const idsOf = async (query: string) => {
          const response = await get(`/reviews?${query}`);
          expect([query, response.status]).toEqual([query, 200]);
          return (await response.json()).items.map((r: { id: number }) => r.id);
        };
        expect(await idsOf('partner=med')).toEqual([7, 5, 6, 3]);
        expect(
          await idsOf('partner=partner:default/MED&status=attested'),
        ).toEqual([7, 5, 6]);
        expect(await idsOf('partner=med&status=pending')).toEqual([3]);
        expect(await idsOf('integration=med-api&assignee=me')).toEqual([6]);
        expect(
          await idsOf(`integration=${encodeURIComponent(CRIT_API)}`),
        ).toEqual([1]);
        expect(
          await idsOf('integration=crit-api&partner=partner:default/med'),
        ).toEqual([]);
        expect(await idsOf('partner=nobody')).toEqual([]);
      });

      it('pages a partner-filtered list in due-date order', async () => {
        const ids: number[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const response = await get(
            `/reviews?partner=med&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          );
          expect(response.status).toBe(200);
          const page = await response.json();
          ids.push(...page.items.map((r: { id: number }) => r.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        expect(ids).toEqual([7, 5, 6, 3]);
        expect(pages).toBe(2);
      });

      it.each([
        ['partner=%3Ax', 'request/query/partner'],
        ['partner=x:', 'request/query/partner'],
        ['integration=%3Ax', 'request/query/integration'],
        [`integration=${'x'.repeat(256)}`, 'integration'],
      ])('answers 400 naming the field for %s', async (query, field) => {
        expect(await errorOf(await get(`/reviews?${query}`))).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringContaining(field),
        });
      });

      it('rejects a bad filter, limit or cursor', async () => {
        expect(await errorOf(await get('/reviews?status=open'))).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/status/),
        });
        expect(await errorOf(await get('/reviews?limit=101'))).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/limit/),
        });
        expect(
          await errorOf(
            await get(
              `/reviews?cursor=${Buffer.from('x').toString('base64url')}`,
            ),
          ),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message:
            'request/query/cursor must be a nextCursor returned by this endpoint',
        });
      });
    });
  });
});
