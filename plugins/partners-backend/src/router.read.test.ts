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
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  partnersIdentityReadPermission,
  RULE_IDS,
  type FindingRecord,
} from '@partner-governance/plugin-partners-common';
import express from 'express';
import type { Knex } from 'knex';
import {
  ACME,
  ACME_API,
  ACME_SANDBOX,
  NOW,
  ORDERS,
  ORPHAN_FEED,
  expectedFindings,
  seedReadEstate,
} from './__testUtils__/readEstate';
import { createRouter } from './router';
import { createReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

jest.setTimeout(60_000);

const noFindings = { critical: 0, high: 0, medium: 0, low: 0 };
const noReviews = { pending: 0, overdue: 0 };

const databases = TestDatabases.create({
  ids: process.env.PARTNERS_TEST_SKIP_POSTGRES
    ? ['SQLITE_3']
    : ['SQLITE_3', 'POSTGRES_15'],
});

describe.each(databases.eachSupportedId())(
  'read API on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let server: Server;
    let baseUrl: string;
    let ids: number[];
    let F: Record<number, FindingRecord>;
    const permissions = mockServices.permissions.mock();
    const auditor = mockServices.auditor.mock();

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@partner-governance/plugin-partners-backend',
          'migrations',
        ),
      });
      await seedReadEstate(knex);
      ids = (await knex('findings').select('id').orderBy('id')).map(r =>
        Number(r.id),
      );
      F = expectedFindings(ids);

      const router = await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions,
        auditor,
        sync: { run: jest.fn() },
        reads: createReadModels(knex, { clock: () => new Date(NOW) }),
        userInfo: mockServices.userInfo(),
        reviews: {} as ReviewsService,
        audit: { list: jest.fn() },
        validateResponses: true,
      });
      const app = express().use(router).use(mockErrorHandler());
      server = await new Promise<Server>(resolve => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise(resolve => server?.close(resolve));
    });

    beforeEach(() => {
      jest.clearAllMocks();
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
    });

    async function get(path: string, headers?: Record<string, string>) {
      const response = await fetch(`${baseUrl}${path}`, { headers });
      return { status: response.status, body: await response.json() };
    }

    /** Follows nextCursor from the first page to the last. */
    async function walk(path: string) {
      const pages: Array<{ items: Array<{ entityRef: string; id?: number }> }> =
        [];
      let cursor: string | undefined;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const { status, body } = await get(
          cursor ? `${path}${separator}cursor=${cursor}` : path,
        );
        expect(status).toBe(200);
        pages.push(body);
        cursor = body.nextCursor;
        expect(pages.length).toBeLessThan(20);
      } while (cursor);
      return pages;
    }

    /** The message of the 400 InputError a request gets. */
    async function inputError(path: string): Promise<string> {
      const { status, body } = await get(path);
      expect({
        status,
        name: body.error?.name,
        response: body.response,
      }).toEqual({
        status: 400,
        name: 'InputError',
        response: { statusCode: 400 },
      });
      return body.error.message;
    }

    describe('GET /partners', () => {
      it('lists live partners by ref with their open findings', async () => {
        const { status, body } = await get('/partners');
        expect(status).toBe(200);
        expect(body).toEqual({
          items: [
            {
              entityRef: ACME,
              title: 'Acme Corp',
              type: 'reseller',
              stage: 'measurement',
              tier: 'high',
              owner: 'group:default/partner-ops',
              contractEnd: '2027-01-31',
              contractStatus: 'active',
              openFindings: { critical: 1, high: 1, medium: 1, low: 0 },
              reviews: noReviews,
            },
            {
              entityRef: 'partner:default/bolt',
              type: 'integrator',
              stage: 'onboarding',
              tier: 'low',
              owner: 'group:default/sales',
              openFindings: { ...noFindings, low: 1 },
              reviews: noReviews,
            },
            {
              entityRef: 'partner:default/cobalt',
              title: 'Cobalt Ltd',
              type: 'managed-service',
              stage: 'offboarding',
              tier: 'critical',
              owner: 'user:default/jane',
              contractEnd: '2026-01-01',
              contractStatus: 'terminated',
              openFindings: { ...noFindings, critical: 1 },
              reviews: noReviews,
            },
            {
              entityRef: 'partner:other/delta',
              type: 'referral',
              stage: 'enablement',
              tier: 'medium',
              owner: 'group:default/sales',
              openFindings: noFindings,
              reviews: noReviews,
            },
          ],
        });
      });

      it('audits the read at low severity', async () => {
        await get('/partners?stage=onboarding');
        expect(auditor.createEvent).toHaveBeenCalledWith({
          eventId: 'partner-fetch',
          severityLevel: 'low',
          request: expect.objectContaining({ method: 'GET' }),
          meta: { queryType: 'list', stage: 'onboarding', limit: 25 },
        });
        const event = await auditor.createEvent.mock.results[0].value;
        expect(event.success).toHaveBeenCalledWith({ meta: { count: 1 } });
      });

      it('counts open findings with one query per page', async () => {
        const queries: string[] = [];
        const onQuery = (query: { sql: string }) => queries.push(query.sql);
        knex.on('query', onQuery);
        try {
          await get('/partners');
        } finally {
          knex.removeListener('query', onQuery);
        }
        // the page, open findings and reviews, each grouped for the page
        expect(queries).toHaveLength(3);
        expect(queries[1]).toMatch(/group by/i);
        expect(queries[2]).toMatch(/group by/i);
      });

      it.each([
        ['stage=onboarding', ['partner:default/bolt']],
        ['tier=critical', ['partner:default/cobalt']],
        ['type=reseller', [ACME]],
        ['owner=sales', ['partner:default/bolt', 'partner:other/delta']],
        [
          'owner=Group:default/Sales',
          ['partner:default/bolt', 'partner:other/delta'],
        ],
        ['owner=user:jane', ['partner:default/cobalt']],
        ['owner=user%3Adefault%2Fjane', ['partner:default/cobalt']],
        ['owner=sales&stage=enablement', ['partner:other/delta']],
        ['stage=offboarded', []],
      ])('filters by %s', async (query, refs) => {
        const { status, body } = await get(`/partners?${query}`);
        expect(status).toBe(200);
        expect(
          body.items.map((p: { entityRef: string }) => p.entityRef),
        ).toEqual(refs);
        expect(body.nextCursor).toBeUndefined();
      });

      it('walks every page with limit=2, each partner once and in order', async () => {
        const pages = await walk('/partners?limit=2');
        expect(pages.map(p => p.items.length)).toEqual([2, 2]);
        expect(pages.flatMap(p => p.items.map(i => i.entityRef))).toEqual([
          ACME,
          'partner:default/bolt',
          'partner:default/cobalt',
          'partner:other/delta',
        ]);
      });

      it('pages a filtered list', async () => {
        const pages = await walk('/partners?owner=sales&limit=1');
        expect(pages.flatMap(p => p.items.map(i => i.entityRef))).toEqual([
          'partner:default/bolt',
          'partner:other/delta',
        ]);
      });

      it.each([
        ['limit=101', 'limit'],
        ['limit=0', 'limit'],
        ['limit=two', 'limit'],
        ['cursor=not%20a%20cursor', 'cursor'],
        // base64url of "foo": well-formed, but no key this endpoint returns
        ['cursor=Zm9v', 'cursor'],
        // a findings cursor is no partners cursor
        ['cursor=MQ', 'cursor'],
        ['stage=retired', 'stage'],
        ['tier=extreme', 'tier'],
        ['owner=%3Ax', 'owner'],
        ['owner=x:', 'owner'],
        ['colour=blue', 'colour'],
      ])('answers 400 on %s', async (query, field) => {
        expect(await inputError(`/partners?${query}`)).toContain(field);
      });

      it('answers 401 without credentials', async () => {
        const { status, body } = await get('/partners', {
          Authorization: mockCredentials.none.header(),
        });
        expect(status).toBe(401);
        expect(body.error.name).toBe('AuthenticationError');
        const event = await auditor.createEvent.mock.results[0].value;
        expect(event.fail).toHaveBeenCalled();
      });

      it('accepts service callers', async () => {
        const { status } = await get('/partners', {
          Authorization: mockCredentials.service.header(),
        });
        expect(status).toBe(200);
      });
    });

    describe('GET /partners/{ref}', () => {
      const acme = () => ({
        entityRef: ACME,
        title: 'Acme Corp',
        type: 'reseller',
        stage: 'measurement',
        tier: 'high',
        owner: 'group:default/partner-ops',
        contractEnd: '2027-01-31',
        contractStatus: 'active',
        openFindings: { critical: 1, high: 1, medium: 1, low: 0 },
        reviews: noReviews,
        integrations: [
          {
            entityRef: ACME_API,
            title: 'Acme API',
            type: 'api',
            owner: 'group:default/payments',
            environment: 'production',
            accessPackage: 'payments-read',
            identityCount: 2,
          },
          {
            entityRef: ACME_SANDBOX,
            type: 'sandbox',
            owner: 'group:default/payments',
            environment: 'sandbox',
            identityCount: 1,
          },
        ],
        findings: [F[ids[1]], F[ids[0]], F[ids[3]]],
        // three rules fire; two of the three identities are active, one of
        // them used within 30 days
        scorecard: {
          controlAdherence: {
            passing: RULE_IDS.length - 3,
            total: RULE_IDS.length,
          },
          usage: { used: 1, granted: 2 },
          openExceptions: 0,
          incidentsLastYear: 0,
        },
      });

      it.each([
        encodeURIComponent(ACME),
        'acme',
        encodeURIComponent('Partner:default/ACME'),
        encodeURIComponent('default/acme'),
      ])(
        'returns the partner, its integrations and open findings for %s',
        async ref => {
          const { status, body } = await get(`/partners/${ref}`);
          expect(status).toBe(200);
          expect(body).toEqual(acme());
        },
      );

      it('returns a partner without integrations or findings', async () => {
        const { status, body } = await get(
          `/partners/${encodeURIComponent('partner:other/delta')}`,
        );
        expect(status).toBe(200);
        expect(body).toEqual({
          entityRef: 'partner:other/delta',
          type: 'referral',
          stage: 'enablement',
          tier: 'medium',
          owner: 'group:default/sales',
          openFindings: noFindings,
          reviews: noReviews,
          integrations: [],
          findings: [],
          scorecard: {
            controlAdherence: {
              passing: RULE_IDS.length,
              total: RULE_IDS.length,
            },
            usage: { used: 0, granted: 0 },
            openExceptions: 0,
            incidentsLastYear: 0,
          },
        });
      });

      it.each(['nobody', 'gone-partner', encodeURIComponent(ACME_API)])(
        'answers 404 for %s',
        async ref => {
          const { status, body } = await get(`/partners/${ref}`);
          expect(status).toBe(404);
          expect(body.error.name).toBe('NotFoundError');
          expect(body.response).toEqual({ statusCode: 404 });
        },
      );

      it('answers 400 naming ref for a malformed ref', async () => {
        expect(
          await inputError(`/partners/${encodeURIComponent('partner:')}`),
        ).toContain('ref');
      });
    });

    describe('GET /entities/{ref}/access', () => {
      const items = (secretRefs: boolean) => [
        {
          entityRef: ACME_API,
          title: 'Acme API',
          type: 'api',
          owner: 'group:default/payments',
          environment: 'production',
          accessPackage: 'payments-read',
          partner: {
            entityRef: ACME,
            title: 'Acme Corp',
            stage: 'measurement',
            tier: 'high',
          },
          identities: [
            {
              name: 'acme-admin',
              type: 'service-account',
              scopes: ['admin'],
              privileged: true,
              environment: 'production',
              status: 'suspended',
              custodian: 'group:default/platform',
              ...(secretRefs && {
                secretRef:
                  'arn:aws:secretsmanager:eu-west-1:123:secret:acme-admin',
              }),
            },
            {
              name: 'acme-api-key',
              type: 'api-key',
              scopes: ['orders:read', 'orders:write'],
              privileged: false,
              environment: 'production',
              status: 'active',
              lastUsed: '2026-11-20',
              expires: '2026-12-31',
              lastRotated: '2026-01-10',
              custodian: 'group:default/payments',
              ...(secretRefs && {
                secretRef: 'vault:secret/partners/acme/api-key',
              }),
            },
          ],
          findings: [F[ids[0]]],
        },
        {
          entityRef: ACME_SANDBOX,
          type: 'sandbox',
          owner: 'group:default/payments',
          environment: 'sandbox',
          partner: {
            entityRef: ACME,
            title: 'Acme Corp',
            stage: 'measurement',
            tier: 'high',
          },
          identities: [
            {
              name: 'sandbox-token',
              type: 'token',
              scopes: [],
              privileged: false,
              environment: 'sandbox',
              status: 'active',
              custodian: 'group:default/payments',
            },
          ],
          findings: [F[ids[3]]],
        },
        {
          entityRef: ORPHAN_FEED,
          type: 'data-feed',
          owner: 'group:default/data',
          partner: { entityRef: 'partner:default/unknown' },
          identities: [
            {
              name: 'feed-cert',
              type: 'certificate',
              scopes: [],
              privileged: false,
              status: 'active',
              custodian: 'group:default/data',
            },
          ],
          findings: [F[ids[5]]],
        },
      ];

      it('lists the live integrations that access an entity, without secret locations', async () => {
        const { status, body } = await get(
          `/entities/${encodeURIComponent(ORDERS)}/access`,
        );
        expect(status).toBe(200);
        expect(body).toEqual({
          entityRef: ORDERS,
          items: items(false),
          totals: { integrations: 3, partners: 2 },
        });
        expect(permissions.authorize).toHaveBeenCalledWith(
          [{ permission: partnersIdentityReadPermission }],
          { credentials: mockCredentials.user() },
        );
        expect(JSON.stringify(body)).not.toContain('vault:');
        expect(JSON.stringify(body)).not.toContain('arn:');
      });

      it('shows secret locations to holders of partners.identity.read', async () => {
        permissions.authorize.mockResolvedValue([
          { result: AuthorizeResult.ALLOW },
        ]);
        const { status, body } = await get(
          `/entities/${encodeURIComponent(ORDERS)}/access`,
        );
        expect(status).toBe(200);
        expect(body).toEqual({
          entityRef: ORDERS,
          items: items(true),
          totals: { integrations: 3, partners: 2 },
        });
        const event = await auditor.createEvent.mock.results[0].value;
        expect(event.success).toHaveBeenCalledWith({
          meta: { entityRef: ORDERS, integrations: 3, secretRefsShown: true },
        });
      });

      it('shows the pending review of each integration, not decided ones', async () => {
        const review = {
          integration_ref: ACME_API,
          partner_ref: ACME,
          assignee_ref: 'group:default/payments',
          opened_at: '2026-11-01T00:00:00.000Z',
        };
        const [decided, overdue, upcoming] = await knex('access_reviews')
          .insert([
            {
              ...review,
              status: 'attested',
              pending_key: null,
              due_at: '2020-06-01T00:00:00.000Z',
              decided_at: '2020-05-30T00:00:00.000Z',
              decided_by: 'user:default/alice',
            },
            {
              ...review,
              status: 'pending',
              pending_key: ACME_API,
              due_at: '2020-11-29T00:00:00.000Z',
            },
            {
              ...review,
              integration_ref: ACME_SANDBOX,
              status: 'pending',
              pending_key: ACME_SANDBOX,
              due_at: '2999-12-14T00:00:00.000Z',
            },
          ])
          .returning('id')
          .then(rows => rows.map(row => Number(row.id)));
        expect(decided).toBeLessThan(overdue);
        try {
          const { body } = await get(
            `/entities/${encodeURIComponent(ORDERS)}/access`,
          );
          const reviews = Object.fromEntries(
            body.items.map(
              (item: { entityRef: string; pendingReview?: unknown }) => [
                item.entityRef,
                item.pendingReview,
              ],
            ),
          );
          expect(reviews).toEqual({
            [ACME_API]: {
              id: overdue,
              assignee: 'group:default/payments',
              dueAt: '2020-11-29T00:00:00.000Z',
              overdue: true,
            },
            [ACME_SANDBOX]: {
              id: upcoming,
              assignee: 'group:default/payments',
              dueAt: '2999-12-14T00:00:00.000Z',
              overdue: false,
            },
            [ORPHAN_FEED]: undefined,
          });
        } finally {
          await knex('access_reviews').delete();
        }
      });

      it.each([
        'orders-service',
        encodeURIComponent('Component:Default/Orders-Service'),
      ])('defaults and lower-cases the ref %s', async ref => {
        const { status, body } = await get(`/entities/${ref}/access`);
        expect(status).toBe(200);
        expect(body.entityRef).toBe(ORDERS);
        expect(body.items).toHaveLength(3);
      });

      it('lists an integration with a revoked identity and its partner', async () => {
        const { body } = await get(
          `/entities/${encodeURIComponent(
            'resource:default/support-desk',
          )}/access`,
        );
        expect(body).toEqual({
          entityRef: 'resource:default/support-desk',
          items: [
            {
              entityRef: 'partnerintegration:default/cobalt-support',
              type: 'support-tooling',
              owner: 'group:default/support',
              partner: {
                entityRef: 'partner:default/cobalt',
                title: 'Cobalt Ltd',
                stage: 'offboarding',
                tier: 'critical',
              },
              identities: [
                {
                  name: 'cobalt-sso',
                  type: 'oauth-client',
                  scopes: [],
                  privileged: false,
                  status: 'revoked',
                },
              ],
              findings: [F[ids[4]]],
            },
          ],
          totals: { integrations: 1, partners: 1 },
        });
      });

      it('pages the integrations by entity ref, with the same totals on every page', async () => {
        const url = (cursor?: string) =>
          `/entities/${encodeURIComponent(ORDERS)}/access?limit=2${
            cursor ? `&cursor=${cursor}` : ''
          }`;
        const first = await get(url());
        expect(first.status).toBe(200);
        expect(
          first.body.items.map((i: { entityRef: string }) => i.entityRef),
        ).toEqual([ACME_API, ACME_SANDBOX]);
        expect(first.body.totals).toEqual({ integrations: 3, partners: 2 });
        expect(first.body.nextCursor).toEqual(expect.any(String));

        const second = await get(url(first.body.nextCursor));
        expect(
          second.body.items.map((i: { entityRef: string }) => i.entityRef),
        ).toEqual([ORPHAN_FEED]);
        expect(second.body.totals).toEqual({ integrations: 3, partners: 2 });
        expect(second.body.nextCursor).toBeUndefined();

        // past the last page: no items, the same totals
        const past = await get(
          url(Buffer.from(`${ORPHAN_FEED}~`).toString('base64url')),
        );
        expect(past.status).toBe(200);
        expect(past.body).toEqual({
          entityRef: ORDERS,
          items: [],
          totals: { integrations: 3, partners: 2 },
        });

        // a full last page has no next cursor either
        const exact = await get(
          `/entities/${encodeURIComponent(ORDERS)}/access?limit=3`,
        );
        expect(exact.body.items).toHaveLength(3);
        expect(exact.body.nextCursor).toBeUndefined();
      });

      it.each([
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['cursor=not%20a%20cursor', 'cursor'],
        [
          `cursor=${Buffer.from('partner:default/acme').toString('base64url')}`,
          'cursor',
        ],
      ])('answers 400 for %s', async (query, field) => {
        expect(
          await inputError(
            `/entities/${encodeURIComponent(ORDERS)}/access?${query}`,
          ),
        ).toContain(field);
      });

      it('answers 200 with no items for an entity nobody accesses', async () => {
        const { status, body } = await get(
          `/entities/${encodeURIComponent(
            'component:default/quiet-service',
          )}/access`,
        );
        expect(status).toBe(200);
        expect(body).toEqual({
          entityRef: 'component:default/quiet-service',
          items: [],
          totals: { integrations: 0, partners: 0 },
        });
      });

      it('answers 400 naming ref for a malformed ref', async () => {
        expect(
          await inputError(`/entities/${encodeURIComponent(':orders')}/access`),
        ).toContain('ref');
      });
    });

    describe('GET /findings', () => {
      it('lists every finding by id', async () => {
        const { status, body } = await get('/findings');
        expect(status).toBe(200);
        expect(body).toEqual({ items: ids.map(id => F[id]) });
      });

      it.each([
        ['status=open', [0, 1, 3, 4, 5, 6]],
        ['status=resolved', [2]],
        ['severity=critical', [1, 4]],
        ['ruleId=owner-missing', [5]],
        ['partner=acme', [0, 1, 2, 3]],
        [
          `partner=${encodeURIComponent(ACME)}&status=open&severity=medium`,
          [3],
        ],
        [`entity=${encodeURIComponent(ACME_API)}`, [0, 2]],
        [`entity=${encodeURIComponent('PartnerIntegration:acme-api')}`, [0, 2]],
        [`entity=${ACME_API}`, [0, 2]],
        ['ruleId=exception-expired', []],
      ])('filters by %s', async (query, indexes) => {
        const { status, body } = await get(`/findings?${query}`);
        expect(status).toBe(200);
        expect(body).toEqual({ items: indexes.map(i => F[ids[i]]) });
      });

      it('walks every page with limit=2, each finding once and in order', async () => {
        const pages = await walk('/findings?limit=2');
        expect(pages.map(p => p.items.length)).toEqual([2, 2, 2, 1]);
        expect(pages.flatMap(p => p.items.map(i => i.id))).toEqual(ids);
      });

      it('pages a filtered list', async () => {
        const pages = await walk('/findings?status=open&limit=4');
        expect(pages.flatMap(p => p.items.map(i => i.id))).toEqual(
          [0, 1, 3, 4, 5, 6].map(i => ids[i]),
        );
      });

      it.each([
        ['limit=101', 'limit'],
        ['limit=0', 'limit'],
        ['cursor=%2B%2B', 'cursor'],
        ['cursor=Zm9v', 'cursor'],
        // a partners cursor is no findings cursor
        [`cursor=${Buffer.from(ACME).toString('base64url')}`, 'cursor'],
        ['status=closed', 'status'],
        ['severity=urgent', 'severity'],
        ['ruleId=Not%20A%20Rule', 'ruleId'],
        ['entity=acme-api', 'entity'],
        ['partner=acme/', 'partner'],
      ])('answers 400 on %s', async (query, field) => {
        expect(await inputError(`/findings?${query}`)).toContain(field);
      });
    });
  },
);
