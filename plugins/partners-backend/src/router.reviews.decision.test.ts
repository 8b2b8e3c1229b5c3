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
import { partnersReviewDecidePermission } from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { errorOf } from './__testUtils__/http';
import { CRIT_API, HIGH_API } from './__testUtils__/reviews';
import {
  CRIT_IDENTITIES,
  CRIT_REVIEW,
  ME,
  NOW,
  reviewsRouter,
} from './__testUtils__/reviewsRouter';

jest.setTimeout(90_000);

describe('reviews and audit routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = reviewsRouter(databases, databaseId);
    const { decide, dump } = fx;

    describe('POST /reviews/{id}/decision', () => {
      it('attests with a comment, writes the audit row in the same change, and audits the event', async () => {
        const response = await decide(1, {
          decision: 'attest',
          comment: 'crit-old runs a yearly export',
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          ...CRIT_REVIEW,
          status: 'attested',
          decidedAt: NOW.toISOString(),
          decidedBy: ME,
          comment: 'crit-old runs a yearly export',
          identities: CRIT_IDENTITIES,
          findings: [],
        });
        expect(fx.permissions.authorize).toHaveBeenCalledWith(
          [
            {
              permission: partnersReviewDecidePermission,
              resourceRef: CRIT_API,
            },
          ],
          { credentials: mockCredentials.user() },
        );
        const rows = await fx
          .knex('audit_events')
          .where('action', 'review.decided')
          .select();
        expect(rows).toHaveLength(1);
        expect({
          ...rows[0],
          id: undefined,
          before: JSON.parse(rows[0].before),
          after: JSON.parse(rows[0].after),
        }).toEqual({
          id: undefined,
          at: NOW.toISOString(),
          actor: ME,
          action: 'review.decided',
          subject_type: 'access-review',
          subject_ref: CRIT_API,
          partner_ref: 'partner:default/crit',
          before: { reviewId: 1, status: 'pending' },
          after: {
            reviewId: 1,
            status: 'attested',
            comment: 'crit-old runs a yearly export',
          },
        });
        expect(fx.auditor.createEvent).toHaveBeenCalledWith(
          expect.objectContaining({
            eventId: 'review-decide',
            severityLevel: 'medium',
          }),
        );
        const event = await fx.auditor.createEvent.mock.results[0].value;
        expect(event.success).toHaveBeenCalledWith({
          meta: {
            integrationRef: CRIT_API,
            status: 'attested',
            revokedIdentities: undefined,
          },
        });
      });

      it('attests without a comment when no identity is dormant', async () => {
        const response = await decide(2, { decision: 'attest' });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          id: 2,
          integrationRef: HIGH_API,
          status: 'attested',
        });
      });

      it('takes the decided review off a cached access page', async () => {
        const orders = 'component:default/orders-service';
        await fx.knex('integration_accesses').insert({
          integration_ref: HIGH_API,
          target_ref: orders,
        });
        const pendingOnCard = async () => {
          const response = await fetch(
            `${fx.baseUrl}/entities/${encodeURIComponent(orders)}/access`,
          );
          return (await response.json()).items[0].pendingReview?.id;
        };
        // read once before: the page is now cached
        expect(await pendingOnCard()).toBe(2);
        expect((await decide(2, { decision: 'attest' })).status).toBe(200);
        expect(await pendingOnCard()).toBeUndefined();
      });

      it('revokes named identities and records them', async () => {
        const response = await decide(1, {
          decision: 'revoke',
          identities: ['crit-old', 'crit-old'],
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          ...CRIT_REVIEW,
          status: 'revoked',
          decidedAt: NOW.toISOString(),
          decidedBy: ME,
          revokedIdentities: ['crit-old'],
          identities: CRIT_IDENTITIES,
          findings: [],
        });
        const row = await fx
          .knex('audit_events')
          .where('action', 'review.decided')
          .first();
        expect(JSON.parse(row.after)).toEqual({
          reviewId: 1,
          status: 'revoked',
          revokedIdentities: ['crit-old'],
        });
      });

      it('answers 400 and changes nothing for a bad decision', async () => {
        const before = await dump();
        expect(await errorOf(await decide(1, { decision: 'attest' }))).toEqual({
          status: 400,
          name: 'InputError',
          message:
            'request/body/comment is required to attest while an identity is dormant: crit-old',
        });
        expect(
          await errorOf(
            await decide(1, { decision: 'attest', comment: '   ' }),
          ),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/request\/body\/comment/),
        });
        const token = ['gh', 'p_', 'C'.repeat(36)].join('');
        const secretError = await errorOf(
          await decide(1, {
            decision: 'attest',
            comment: `rotated, new one is ${token}`,
          }),
        );
        expect(secretError).toEqual({
          status: 400,
          name: 'InputError',
          message:
            'request/body/comment holds a secret value (a GitHub token); describe the decision, never paste a secret',
        });
        expect(JSON.stringify(secretError)).not.toContain(token);
        expect(
          await errorOf(
            await decide(1, { decision: 'attest', comment: 'x'.repeat(4001) }),
          ),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message:
            'request/body/comment must NOT have more than 4000 characters',
        });
        expect(
          await errorOf(
            await decide(1, {
              decision: 'revoke',
              identities: ['crit-gone', 'x'],
            }),
          ),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message: `request/body/identities names identities ${CRIT_API} does not have: crit-gone, x`,
        });
        expect(await errorOf(await decide(1, { decision: 'revoke' }))).toEqual({
          status: 400,
          name: 'InputError',
          message: 'request/body/identities must name the identities to revoke',
        });
        expect(
          await errorOf(
            await decide(1, {
              decision: 'attest',
              comment: 'ok',
              identities: ['crit-old'],
            }),
          ),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message:
            'request/body/identities names identities to revoke; an attest decision takes none',
        });
        expect(await errorOf(await decide(1, { decision: 'maybe' }))).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/decision/),
        });
        expect(
          await errorOf(
            await decide(1, { decision: 'attest', comment: 'x', extra: 1 }),
          ),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/extra|additional/),
        });
        expect(await dump()).toEqual(before);
      });

      it('answers 403 and changes nothing without the permission', async () => {
        fx.permissions.authorize.mockResolvedValue([
          { result: AuthorizeResult.DENY },
        ]);
        const before = await dump();
        expect(
          await errorOf(await decide(1, { decision: 'attest', comment: 'ok' })),
        ).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: `You may not decide the access review of ${CRIT_API}`,
        });
        expect(await dump()).toEqual(before);
        const event = await fx.auditor.createEvent.mock.results[0].value;
        expect(event.fail).toHaveBeenCalled();
      });

      it('answers 404 for an unknown review', async () => {
        expect(
          await errorOf(await decide(999, { decision: 'attest' })),
        ).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No access review 999',
        });
      });

      it('answers 409 to a second decision', async () => {
        expect((await decide(2, { decision: 'attest' })).status).toBe(200);
        const before = await dump();
        expect(
          await errorOf(
            await decide(2, { decision: 'revoke', identities: ['high-key'] }),
          ),
        ).toEqual({
          status: 409,
          name: 'ConflictError',
          message: 'Access review 2 was already decided',
        });
        expect(await dump()).toEqual(before);
      });

      it('stores exactly one of two concurrent decisions', async () => {
        const responses = await Promise.all([
          decide(2, { decision: 'attest' }),
          decide(2, { decision: 'revoke', identities: ['high-key'] }),
        ]);
        expect(responses.map(r => r.status).sort()).toEqual([200, 409]);
        const winner = await responses.find(r => r.status === 200)!.json();
        const row = await fx.knex('access_reviews').where('id', 2).first();
        expect(row.status).toBe(winner.status);
        expect(row.pending_key).toBeNull();
        expect(
          await fx.knex('audit_events').where('action', 'review.decided'),
        ).toHaveLength(1);
      });
    });
  });
});
