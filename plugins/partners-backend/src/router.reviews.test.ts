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

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_PARTNERS_POLICY,
  partnersAuditReadPermission,
  partnersReviewDecidePermission,
} from '@partner-governance/plugin-partners-common';
import { CacheManager } from '@backstage/backend-defaults/cache';
import express from 'express';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from './__testUtils__/databases';
import {
  CRIT_API,
  day,
  HIGH_API,
  LOW_API,
  MED_API,
  seedReviewEstate,
  T0,
} from './__testUtils__/reviews';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseReviewsStore } from './database/DatabaseReviewsStore';
import { createRouter } from './router';
import { createReadModels } from './services/read';
import { ReviewsService } from './services/ReviewsService';
import { EntityAccessCache } from './services/EntityAccessCache';

jest.setTimeout(90_000);

const NOW = day(20);
const ME = 'user:default/mock';

/** Review #1 (crit-api) as GET /reviews/1 shows it on day 20. */
const CRIT_REVIEW = {
  id: 1,
  integrationRef: CRIT_API,
  partnerRef: 'partner:default/crit',
  assignee: 'group:default/team-a',
  status: 'pending',
  openedAt: day(16).toISOString(),
  dueAt: day(30).toISOString(),
  overdue: false,
};
const CRIT_IDENTITIES = [
  {
    name: 'crit-key',
    type: 'api-key',
    status: 'active',
    scopes: ['orders:read', 'orders:write'],
    privileged: false,
    lastUsed: '2026-10-10',
    rotationAgeDays: 50,
    dormant: false,
  },
  {
    name: 'crit-old',
    type: 'api-key',
    status: 'active',
    scopes: ['orders:read'],
    privileged: false,
    lastUsed: '2026-06-01',
    // issued on T0 (see beforeEach), never rotated
    rotationAgeDays: 20,
    dormant: true,
  },
];

describe('reviews and audit routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let baseUrl: string;
    let permissions: ReturnType<typeof mockServices.permissions.mock>;
    let auditor: ReturnType<typeof mockServices.auditor.mock>;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      const store = await DatabaseReviewsStore.create({
        database: created.database,
      });
      await seedReviewEstate(knex);
      // every identity issued the day the job first sees the estate: each
      // first review falls due one cadence of the tier later
      await knex('identities').update({ issued: T0.slice(0, 10) });
      // the real in-memory cache service, entries kept for a minute
      const accessPages = new EntityAccessCache({
        cache: CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
          'partners',
        ),
        ttlMs: 60_000,
      });
      const reviews = new ReviewsService({
        store,
        policy: () => DEFAULT_PARTNERS_POLICY,
        logger: mockServices.logger.mock(),
        clock: () => NOW,
        accessPages,
      });
      // #1 crit-api (due day 30), #2 high-api (90), #3 med-api (180), #4 low-api (365)
      for (const d of [0, 16, 76, 166, 351]) {
        await reviews.openDueReviews(day(d));
      }
      // #5..#7: decided reviews of med-api, #5 and #6 due with #1
      const decided: Array<[Date, string]> = [
        [day(30), 'group:default/team-b'],
        [day(30), 'group:default/team-a'],
        [day(10), 'group:default/team-b'],
      ];
      for (const [dueAt, assignee] of decided) {
        await knex('access_reviews').insert({
          integration_ref: MED_API,
          partner_ref: 'partner:default/med',
          assignee_ref: assignee,
          status: 'attested',
          pending_key: null,
          opened_at: day(0).toISOString(),
          due_at: dueAt.toISOString(),
          decided_at: day(1).toISOString(),
          decided_by: 'user:default/bob',
          comment: 'fine',
          snapshot: '[]',
        });
      }

      permissions = mockServices.permissions.mock();
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.ALLOW },
      ]);
      auditor = mockServices.auditor.mock();
      const router = await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions,
        auditor,
        sync: { run: jest.fn() },
        reads: createReadModels(knex),
        userInfo: mockServices.userInfo({
          userEntityRef: ME,
          ownershipEntityRefs: [ME, 'group:default/Team-A'],
        }),
        reviews,
        audit: new DatabaseAuditStore(knex),
        accessPages,
        validateResponses: true,
      });
      const app = express().use(router);
      app.use(mockErrorHandler());
      server = await new Promise<Server>(resolve => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise(resolve => server?.close(resolve));
    });

    const get = (path: string) => fetch(`${baseUrl}${path}`);
    const decide = (id: number | string, body: unknown) =>
      fetch(`${baseUrl}/reviews/${id}/decision`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const dump = async () => ({
      reviews: await knex('access_reviews').orderBy('id'),
      audit: await knex('audit_events').orderBy('id'),
    });
    /** Status, error name and message of an error response. */
    async function errorOf(response: Response) {
      const body = await response.json();
      return {
        status: response.status,
        name: body.error.name,
        message: body.error.message,
      };
    }

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

    describe('GET /reviews/{id}', () => {
      it('shows identities, rotation age, dormancy and open findings', async () => {
        await knex('findings').insert({
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
        await knex('findings').insert(finding('identity-dormant', 'crit-old'));
        await knex('findings').insert(
          finding('identity-no-expiry', 'crit-key'),
        );
        await knex('findings').insert(
          finding('identity-no-expiry', 'crit-old'),
        );
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
        const [{ id }] = await knex('exceptions')
          .insert(exception('crit-old', new Date(NOW.getTime() + 1), 'k1'))
          .returning('id');
        // lapsed at now: crit-key's finding is open again
        await knex('exceptions').insert(exception('crit-key', NOW, 'k2'));

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
        expect(permissions.authorize).toHaveBeenCalledWith(
          [
            {
              permission: partnersReviewDecidePermission,
              resourceRef: CRIT_API,
            },
          ],
          { credentials: mockCredentials.user() },
        );
        const rows = await knex('audit_events')
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
        expect(auditor.createEvent).toHaveBeenCalledWith(
          expect.objectContaining({
            eventId: 'review-decide',
            severityLevel: 'medium',
          }),
        );
        const event = await auditor.createEvent.mock.results[0].value;
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
        await knex('integration_accesses').insert({
          integration_ref: HIGH_API,
          target_ref: orders,
        });
        const pendingOnCard = async () => {
          const response = await fetch(
            `${baseUrl}/entities/${encodeURIComponent(orders)}/access`,
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
        const row = await knex('audit_events')
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
        permissions.authorize.mockResolvedValue([
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
        const event = await auditor.createEvent.mock.results[0].value;
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
        const row = await knex('access_reviews').where('id', 2).first();
        expect(row.status).toBe(winner.status);
        expect(row.pending_key).toBeNull();
        expect(
          await knex('audit_events').where('action', 'review.decided'),
        ).toHaveLength(1);
      });
    });

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
        expect(permissions.authorize).toHaveBeenLastCalledWith(
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

      it('answers 403 without the audit permission', async () => {
        permissions.authorize.mockResolvedValue([
          { result: AuthorizeResult.DENY },
        ]);
        expect(await errorOf(await get('/audit'))).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: 'You may not read the partners audit trail',
        });
      });
    });
  });
});
