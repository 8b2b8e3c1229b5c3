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
import { createTestDatabases } from './__testUtils__/databases';
import { errorOf } from './__testUtils__/http';
import { ENDED, NOW, STAYS, STAYS_API } from './__testUtils__/offboarding';
import {
  ENDED_ITEMS,
  offboardingRouter,
} from './__testUtils__/offboardingRouter';

jest.setTimeout(90_000);

describe('offboarding routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = offboardingRouter(databases, databaseId);
    const { get, post, auditorOutcomes } = fx;

    describe('GET /partners/{ref}/offboarding', () => {
      it('shows the checklist with its items and progress', async () => {
        const response = await get(
          `/partners/${encodeURIComponent(ENDED)}/offboarding`,
        );
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          partnerRef: ENDED,
          checklist: {
            id: 1,
            partnerRef: ENDED,
            status: 'open',
            reasons: ['contract-ended'],
            openedAt: NOW.toISOString(),
            progress: { total: 3, done: 0, pending: 3 },
            items: ENDED_ITEMS,
          },
        });
        // a service may read it too
        expect(
          (
            await get(
              '/partners/ended/offboarding',
              mockCredentials.service.header(),
            )
          ).status,
        ).toBe(200);
        expect(await auditorOutcomes()).toEqual([
          ['offboarding-fetch', 'success'],
          ['offboarding-fetch', 'success'],
        ]);
      });

      it('answers without a checklist for a partner that never had one, 404 for an unknown partner', async () => {
        const response = await get('/partners/stays/offboarding');
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ partnerRef: STAYS });
        expect(
          await errorOf(await get('/partners/nobody/offboarding')),
        ).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No partner partner:default/nobody',
        });
        expect(
          await errorOf(
            await get(
              `/partners/${encodeURIComponent('partner:default/')}/offboarding`,
            ),
          ),
        ).toMatchObject({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/^request\/params\/ref/),
        });
      });
    });

    describe('revoke decisions', () => {
      it('opens revoke items with the decision', async () => {
        const [row] = await fx
          .knex('access_reviews')
          .insert({
            integration_ref: STAYS_API,
            partner_ref: STAYS,
            assignee_ref: 'group:default/team-a',
            status: 'pending',
            pending_key: STAYS_API,
            opened_at: NOW.toISOString(),
            due_at: NOW.toISOString(),
          })
          .returning('id');
        const reviewId = Number(typeof row === 'object' ? row.id : row);
        const response = await post(`/reviews/${reviewId}/decision`, {
          decision: 'revoke',
          identities: ['stays-key'],
        });
        expect(response.status).toBe(200);
        const page = await (await get('/partners/stays/offboarding')).json();
        expect(page).toEqual({
          partnerRef: STAYS,
          checklist: {
            id: 4,
            partnerRef: STAYS,
            status: 'open',
            reasons: ['review-revoke'],
            openedAt: NOW.toISOString(),
            progress: { total: 1, done: 0, pending: 1 },
            items: [
              {
                id: 10,
                checklistId: 4,
                kind: 'revoke',
                integrationRef: STAYS_API,
                identity: 'stays-key',
                description: `Revoke api-key stays-key of ${STAYS_API} (access review ${reviewId})`,
                source: 'review-revoke',
                reviewId,
                status: 'pending',
              },
            ],
          },
        });
        expect(
          (
            await fx
              .knex('audit_events')
              .where('partner_ref', STAYS)
              .orderBy('id')
          ).map(e => e.action),
        ).toEqual(['review.decided', 'offboarding.opened']);
      });
    });
  });
});
