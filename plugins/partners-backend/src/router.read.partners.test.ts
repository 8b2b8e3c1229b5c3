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
import { RULE_IDS } from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { ACME, ACME_API, ACME_SANDBOX } from './__testUtils__/readEstate';
import { readRouter } from './__testUtils__/readRouter';

jest.setTimeout(60_000);

const noFindings = { critical: 0, high: 0, medium: 0, low: 0 };
const noReviews = { pending: 0, overdue: 0 };

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('read API on %s', databaseId => {
  const fx = readRouter(databases, databaseId);
  const { get, walk, inputError } = fx;

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
      expect(fx.auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'partner-fetch',
        severityLevel: 'low',
        request: expect.objectContaining({ method: 'GET' }),
        meta: { queryType: 'list', stage: 'onboarding', limit: 25 },
      });
      const event = await fx.auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({ meta: { count: 1 } });
    });

    it('counts open findings with one query per page', async () => {
      const queries: string[] = [];
      const onQuery = (query: { sql: string }) => queries.push(query.sql);
      fx.knex.on('query', onQuery);
      try {
        await get('/partners');
      } finally {
        fx.knex.removeListener('query', onQuery);
      }
      // the page, open findings, reviews and shadow identities, each
      // grouped for the page
      expect(queries).toHaveLength(4);
      expect(queries[1]).toMatch(/group by/i);
      expect(queries[2]).toMatch(/group by/i);
      expect(queries[3]).toMatch(/group by/i);
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
      expect(body.items.map((p: { entityRef: string }) => p.entityRef)).toEqual(
        refs,
      );
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
      const event = await fx.auditor.createEvent.mock.results[0].value;
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
      findings: [fx.F[fx.ids[1]], fx.F[fx.ids[0]], fx.F[fx.ids[3]]],
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
});
