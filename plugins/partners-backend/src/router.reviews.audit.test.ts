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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { partnersAuditReadPermission } from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { day, HIGH_API } from './__testUtils__/reviews';
import { ME, NOW, reviewsRouter } from './__testUtils__/reviewsRouter';

jest.setTimeout(90_000);

describe('reviews and audit routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = reviewsRouter(databases, databaseId);
    const { get, decide } = fx;

    describe('GET /audit', () => {
      it('lists events newest first, filtered and paged', async () => {
        await decide(2, { decision: 'attest' });
        let response = await get(
          `/audit?subject=${encodeURIComponent(HIGH_API)}`,
        );
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(body).toEqual({
          items: [
            {
              id: 5,
              at: NOW.toISOString(),
              actor: ME,
              action: 'review.decided',
              subjectType: 'access-review',
              subjectRef: HIGH_API,
              partnerRef: 'partner:default/high',
              before: { reviewId: 2, status: 'pending' },
              after: { reviewId: 2, status: 'attested' },
            },
            {
              id: 2,
              at: day(76).toISOString(),
              actor: 'plugin:partners',
              action: 'review.opened',
              subjectType: 'access-review',
              subjectRef: HIGH_API,
              partnerRef: 'partner:default/high',
              after: {
                reviewId: 2,
                assignee: 'user:default/alice',
                dueAt: day(90).toISOString(),
              },
            },
          ],
        });
        expect(fx.permissions.authorize).toHaveBeenLastCalledWith(
          [{ permission: partnersAuditReadPermission }],
          { credentials: mockCredentials.user() },
        );

        const ids: number[] = [];
        let cursor: string | undefined;
        do {
          response = await get(
            `/audit?action=review.opened&limit=3${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          );
          const page = await response.json();
          ids.push(...page.items.map((e: { id: number }) => e.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(ids).toEqual([4, 3, 2, 1]);

        response = await get(
          `/audit?partner=${encodeURIComponent('Partner:default/High')}`,
        );
        const byPartner = await response.json();
        expect(byPartner.items.map((e: { id: number }) => e.id)).toEqual([
          5, 2,
        ]);
        expect(
          byPartner.items.every(
            (e: { partnerRef: string }) =>
              e.partnerRef === 'partner:default/high',
          ),
        ).toBe(true);
      });

      it('lists no event to a caller without the audit permission who may read no details', async () => {
        fx.permissions.authorize.mockResolvedValue([
          { result: AuthorizeResult.DENY },
        ]);
        fx.permissions.authorizeConditional.mockResolvedValue([
          { result: AuthorizeResult.DENY },
        ]);
        const response = await get('/audit');
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ items: [] });
      });
    });
  });
});
