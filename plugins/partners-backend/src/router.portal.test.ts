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
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEFAULT_PARTNERS_POLICY,
  PARTNER_LIFECYCLE_STAGES,
  RULES,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import express from 'express';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from './__testUtils__/databases';
import {
  CRIT_API,
  day,
  GONE_API,
  GONE_PARTNER_API,
  HIGH_API,
  identity,
  MED_API,
  OFF_API,
  seedReviewEstate,
} from './__testUtils__/reviews';
import { DatabaseReviewsStore } from './database/DatabaseReviewsStore';
import { createRouter } from './router';
import { createReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

jest.setTimeout(90_000);

/** Midday of 2026-12-30 (T0 + 90 days): "today" is 2026-12-30. */
const NOW = new Date(day(90).getTime() + 12 * 60 * 60 * 1000);
const CRIT = 'partner:default/crit';
const CRIT_BATCH = 'partnerintegration:default/crit-batch';
const NOTICE_DAYS = 30;

const review = (
  integrationRef: string,
  partner: string,
  dueAt: Date,
  status = 'pending',
) => ({
  integration_ref: integrationRef,
  partner_ref: `partner:default/${partner}`,
  assignee_ref: 'group:default/team-a',
  status,
  pending_key: status === 'pending' ? integrationRef : null,
  opened_at: day(0).toISOString(),
  due_at: dueAt.toISOString(),
});

const finding = (
  ruleId: string,
  entityRef: string,
  partner: string,
  severity: string,
  extra: Record<string, unknown> = {},
) => ({
  rule_id: ruleId,
  entity_ref: entityRef,
  identity: '',
  partner_ref: `partner:default/${partner}`,
  severity,
  message: `${ruleId} on ${entityRef}`,
  frameworks: '[]',
  first_seen_at: day(0).toISOString(),
  last_seen_at: day(90).toISOString(),
  resolved_at: null,
  ...extra,
});

const exception = (
  ruleId: string,
  entityRef: string,
  identityName: string,
  expiresAt: Date,
) => ({
  rule_id: ruleId,
  entity_ref: entityRef,
  identity: identityName,
  partner_ref: 'partner:default/any',
  justification: 'Known and accepted',
  requested_by: 'user:default/alice',
  requested_at: day(1).toISOString(),
  expires_at: expiresAt.toISOString(),
  status: 'approved',
  open_key: `${ruleId}/${entityRef}/${identityName}`,
  decided_by: 'user:default/bob',
  decided_at: day(2).toISOString(),
});

/**
 * The review estate (partners crit, high, med, low, off (offboarded) and
 * gone) with reviews, contracts, findings and exceptions around NOW.
 */
async function seed(knex: Knex) {
  await seedReviewEstate(knex);
  await knex('integrations').insert({
    entity_ref: CRIT_BATCH,
    partner_ref: CRIT,
    title: null,
    type: 'data-feed',
    owner_ref: 'group:default/team-a',
    environment: 'staging',
    access_package: 'batch-pkg',
    entity: '{}',
    hash: 'h',
    synced_at: day(0).toISOString(),
    gone_at: null,
  });
  await knex('identities').insert(
    identity(CRIT_BATCH, 'batch-key', {
      type: 'service-account',
      custodian_ref: 'group:default/team-a',
      scopes: '["batch:run"]',
      privileged: true,
      environment: 'staging',
      secret_ref: 'vault:secret/crit/batch',
      issued: null,
      expires: '2027-01-01',
      last_used: null,
    }),
  );
  await knex('access_reviews').insert([
    review(CRIT_API, 'crit', day(30)),
    // due exactly now: pending, not overdue
    review(HIGH_API, 'high', NOW),
    review(MED_API, 'med', day(180)),
    review(MED_API, 'med', day(10), 'attested'),
    review(OFF_API, 'off', day(40)),
    // a gone integration, and the integration of a gone partner
    review(GONE_API, 'crit', day(10)),
    review(GONE_PARTNER_API, 'gone', day(10)),
  ]);
  const contracts: Array<[string, string]> = [
    ['crit', '2026-12-30'],
    ['high', '2027-01-29'],
    ['med', '2027-01-30'],
    ['low', '2026-12-29'],
    ['off', '2026-12-31T08:00:00+01:00'],
    ['gone', '2026-12-30'],
  ];
  for (const [name, end] of contracts) {
    await knex('partners')
      .where('entity_ref', `partner:default/${name}`)
      .update({ contract_end: end });
  }
  await knex('findings').insert([
    finding('due-diligence-missing', CRIT, 'crit', 'critical'),
    finding(
      'due-diligence-missing',
      'partner:default/high',
      'high',
      'critical',
    ),
    finding('due-diligence-missing', 'partner:default/med', 'med', 'critical', {
      resolved_at: day(80).toISOString(),
    }),
    finding('stage-owner-missing', 'partner:default/med', 'med', 'low'),
    finding('offboarded-identity-active', OFF_API, 'off', 'critical', {
      identity: 'off-key',
    }),
    finding(
      'due-diligence-missing',
      'partner:default/gone',
      'gone',
      'critical',
    ),
    finding('identity-no-expiry', CRIT_API, 'crit', 'high', {
      identity: 'crit-key',
    }),
    finding('identity-dormant', CRIT_API, 'crit', 'medium', {
      identity: 'crit-old',
    }),
    finding('identity-dormant', CRIT_API, 'crit', 'medium', {
      identity: 'crit-key',
    }),
  ]);
  await knex('exceptions').insert([
    exception('due-diligence-missing', 'partner:default/high', '', day(100)),
    exception('identity-dormant', CRIT_API, 'crit-old', day(100)),
    // lapses exactly now: the finding is open again
    exception('identity-dormant', CRIT_API, 'crit-key', NOW),
  ]);
}

describe('portal routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let baseUrl: string;
    const permissions = mockServices.permissions.mock();
    const auditor = mockServices.auditor.mock();

    beforeAll(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      await DatabaseReviewsStore.create({ database: created.database });
      await seed(knex);
      const router = await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions,
        auditor,
        sync: { run: jest.fn() },
        reads: createReadModels(knex, {
          clock: () => NOW,
          policy: () => ({
            ...DEFAULT_PARTNERS_POLICY,
            contractNoticeDays: NOTICE_DAYS,
          }),
        }),
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

    async function get(path: string) {
      const response = await fetch(`${baseUrl}${path}`);
      return { status: response.status, body: await response.json() };
    }

    /** Follows nextCursor from the first page to the last. */
    async function walk(path: string) {
      const pages: Array<Array<Record<string, any>>> = [];
      let cursor: string | undefined;
      do {
        const separator = path.includes('?') ? '&' : '?';
        const { status, body } = await get(
          cursor ? `${path}${separator}cursor=${cursor}` : path,
        );
        expect([path, status]).toEqual([path, 200]);
        pages.push(body.items);
        cursor = body.nextCursor;
        expect(pages.length).toBeLessThan(20);
      } while (cursor);
      return pages;
    }

    /** The message of the 400 InputError a request gets. */
    async function inputError(path: string): Promise<string> {
      const { status, body } = await get(path);
      expect([path, status, body.error?.name]).toEqual([
        path,
        400,
        'InputError',
      ]);
      return body.error.message;
    }

    async function countQueries(fn: () => Promise<unknown>) {
      const queries: string[] = [];
      const onQuery = (query: { sql: string }) => queries.push(query.sql);
      knex.on('query', onQuery);
      try {
        await fn();
      } finally {
        knex.removeListener('query', onQuery);
      }
      return queries.length;
    }

    const refsOf = async (query: string) => {
      const pages = await walk(`/partners?${query}`);
      return pages.flat().map(p => p.entityRef);
    };

    describe('GET /partners', () => {
      it('shows pending and overdue reviews of live integrations', async () => {
        const { status, body } = await get('/partners');
        expect(status).toBe(200);
        expect(
          body.items.map((p: any) => [p.entityRef, p.reviews, p.openFindings]),
        ).toEqual([
          [
            CRIT,
            { pending: 1, overdue: 1 },
            { critical: 1, high: 1, medium: 1, low: 0 },
          ],
          [
            'partner:default/high',
            { pending: 1, overdue: 0 },
            { critical: 0, high: 0, medium: 0, low: 0 },
          ],
          [
            'partner:default/low',
            { pending: 0, overdue: 0 },
            { critical: 0, high: 0, medium: 0, low: 0 },
          ],
          [
            'partner:default/med',
            { pending: 1, overdue: 0 },
            { critical: 0, high: 0, medium: 0, low: 1 },
          ],
          [
            'partner:default/off',
            { pending: 1, overdue: 1 },
            { critical: 1, high: 0, medium: 0, low: 0 },
          ],
        ]);
      });

      it('shows the review counts on the partner page', async () => {
        const { status, body } = await get('/partners/crit');
        expect(status).toBe(200);
        expect(body.reviews).toEqual({ pending: 1, overdue: 1 });
      });

      it('costs the same queries for one partner as for a page of them', async () => {
        const one = await countQueries(() => get('/partners?limit=1'));
        const all = await countQueries(() => get('/partners?limit=100'));
        expect(one).toBe(3);
        expect(all).toBe(3);
      });

      it.each([
        // a review due exactly now is not overdue (high)
        ['hasOverdueReviews=true', [CRIT, 'partner:default/off']],
        // accepted risk (high), resolved (med) and gone (gone) do not count
        ['hasCriticalFindings=true', [CRIT, 'partner:default/off']],
        // today only; yesterday's (low) and gone partners' are out
        ['contractEndsWithinDays=0', [CRIT]],
        // a timestamp counts as the calendar day written in it
        ['contractEndsWithinDays=1', [CRIT, 'partner:default/off']],
        [
          'contractEndsWithinDays=30',
          [CRIT, 'partner:default/high', 'partner:default/off'],
        ],
        [
          'contractEndsWithinDays=31',
          [
            CRIT,
            'partner:default/high',
            'partner:default/med',
            'partner:default/off',
          ],
        ],
        ['contractEndsWithinDays=3650&tier=medium', ['partner:default/med']],
        [
          'hasOverdueReviews=true&hasCriticalFindings=true&contractEndsWithinDays=0',
          [CRIT],
        ],
        ['hasCriticalFindings=true&stage=offboarded', ['partner:default/off']],
      ])('filters by %s', async (query, expected) => {
        expect(await refsOf(query)).toEqual(expected);
      });

      it('filters nothing on false', async () => {
        const all = await refsOf('');
        expect(all).toHaveLength(5);
        expect(
          await refsOf('hasOverdueReviews=false&hasCriticalFindings=false'),
        ).toEqual(all);
      });

      it('pages a filtered list, each partner once', async () => {
        const pages = await walk(
          '/partners?contractEndsWithinDays=31&hasCriticalFindings=false&limit=1',
        );
        expect(pages.map(p => p.map(i => i.entityRef))).toEqual([
          [CRIT],
          ['partner:default/high'],
          ['partner:default/med'],
          ['partner:default/off'],
        ]);
        const overdue = await walk('/partners?hasOverdueReviews=true&limit=1');
        expect(overdue.map(p => p.map(i => i.entityRef))).toEqual([
          [CRIT],
          ['partner:default/off'],
        ]);
      });

      it.each([
        ['contractEndsWithinDays=-1', 'contractEndsWithinDays'],
        ['contractEndsWithinDays=3651', 'contractEndsWithinDays'],
        ['contractEndsWithinDays=soon', 'contractEndsWithinDays'],
        ['contractEndsWithinDays=1.5', 'contractEndsWithinDays'],
        ['hasOverdueReviews=yes', 'hasOverdueReviews'],
        ['hasCriticalFindings=1', 'hasCriticalFindings'],
      ])('answers 400 on %s', async (query, field) => {
        expect(await inputError(`/partners?${query}`)).toContain(field);
      });
    });

    describe('GET /partners/summary', () => {
      it('counts live partners, reviews, open findings and ending contracts', async () => {
        const { status, body } = await get('/partners/summary');
        expect(status).toBe(200);
        expect(body).toEqual({
          total: 5,
          byStage: {
            ...Object.fromEntries(PARTNER_LIFECYCLE_STAGES.map(s => [s, 0])),
            measurement: 4,
            offboarded: 1,
          },
          reviews: { pending: 4, overdue: 2 },
          openFindings: { critical: 2, high: 1, medium: 1, low: 1 },
          contractsEnding: { days: NOTICE_DAYS, count: 3 },
        });
        expect(Object.keys(body.byStage).sort()).toEqual(
          [...PARTNER_LIFECYCLE_STAGES].sort(),
        );
      });

      it('is not taken for a partner named summary', async () => {
        await knex('partners').insert({
          entity_ref: 'partner:default/summary',
          title: null,
          type: 'integrator',
          stage: 'onboarding',
          tier: 'low',
          owner_ref: 'group:default/x',
          contract_end: null,
          contract_status: null,
          entity: '{}',
          hash: 'h',
          synced_at: NOW.toISOString(),
          gone_at: null,
        });
        try {
          const overview = await get('/partners/summary');
          expect(overview.status).toBe(200);
          expect(overview.body.total).toBe(6);
          const partner = await get(
            `/partners/${encodeURIComponent('partner:default/summary')}`,
          );
          expect(partner.status).toBe(200);
          expect(partner.body.entityRef).toBe('partner:default/summary');
        } finally {
          await knex('partners')
            .where('entity_ref', 'partner:default/summary')
            .delete();
        }
      });

      it('answers 400 on an unknown query parameter', async () => {
        expect(
          await inputError('/partners/summary?stage=onboarding'),
        ).toContain('stage');
      });
    });

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

    describe('GET /partners/{ref}/identities', () => {
      const critKey = {
        integrationRef: CRIT_API,
        name: 'crit-key',
        type: 'api-key',
        status: 'active',
        scopes: ['orders:read', 'orders:write'],
        privileged: false,
        environment: 'production',
        issued: '2026-01-10',
        lastRotated: '2026-09-01',
        rotationAgeDays: 120,
        lastUsed: '2026-10-10',
        // the exception lapsed at now
        openFindings: ['identity-dormant', 'identity-no-expiry'],
        acceptedRisks: [],
      };
      const critOld = {
        integrationRef: CRIT_API,
        name: 'crit-old',
        type: 'api-key',
        status: 'active',
        scopes: ['orders:read'],
        privileged: false,
        environment: 'production',
        issued: '2026-01-10',
        rotationAgeDays: 354,
        lastUsed: '2026-06-01',
        openFindings: [],
        acceptedRisks: ['identity-dormant'],
      };
      const batchKey = {
        integrationRef: CRIT_BATCH,
        name: 'batch-key',
        type: 'service-account',
        status: 'active',
        scopes: ['batch:run'],
        privileged: true,
        environment: 'staging',
        custodian: 'group:default/team-a',
        expires: '2027-01-01',
        accessPackage: 'batch-pkg',
        openFindings: [],
        acceptedRisks: [],
      };

      it('lists live identities of live integrations, by integration then name', async () => {
        const { status, body } = await get('/partners/crit/identities');
        expect(status).toBe(200);
        expect(body).toEqual({ items: [critKey, critOld, batchKey] });
        const [decision] = permissions.authorize.mock.calls[0][0];
        expect(decision.permission.name).toBe('partners.identity.read');
      });

      it('shows secret locations to holders of partners.identity.read', async () => {
        permissions.authorize.mockResolvedValue([
          { result: AuthorizeResult.ALLOW },
        ]);
        const { body } = await get(
          `/partners/${encodeURIComponent(
            CRIT,
          )}/identities?integration=crit-batch`,
        );
        expect(body).toEqual({
          items: [{ ...batchKey, secretRef: 'vault:secret/crit/batch' }],
        });
      });

      it('walks every page, each identity once, with the same queries per page', async () => {
        for (const limit of [1, 2]) {
          const pages = await walk(`/partners/crit/identities?limit=${limit}`);
          expect(pages.flat()).toEqual([critKey, critOld, batchKey]);
          expect(pages).toHaveLength(Math.ceil(3 / limit));
        }
        const one = await countQueries(() =>
          get('/partners/crit/identities?limit=1'),
        );
        const all = await countQueries(() => get('/partners/crit/identities'));
        expect(one).toBe(all);
      });

      it('filters by integration', async () => {
        expect(
          (await get(`/partners/crit/identities?integration=crit-api`)).body,
        ).toEqual({ items: [critKey, critOld] });
        // another partner's integration has none of this partner's identities
        expect(
          (
            await get(
              `/partners/crit/identities?integration=${encodeURIComponent(
                HIGH_API,
              )}`,
            )
          ).body,
        ).toEqual({ items: [] });
      });

      it.each(['nobody', 'gone', encodeURIComponent(CRIT_API)])(
        'answers 404 for %s',
        async ref => {
          const { status, body } = await get(`/partners/${ref}/identities`);
          expect(status).toBe(404);
          expect(body.error.name).toBe('NotFoundError');
        },
      );

      it.each([
        ['integration=%3Ax', 'integration'],
        ['cursor=Zm9v', 'cursor'],
        ['limit=0', 'limit'],
        ['owner=x', 'owner'],
      ])('answers 400 on %s', async (query, field) => {
        expect(
          await inputError(`/partners/crit/identities?${query}`),
        ).toContain(field);
      });
    });
  });
});
