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

import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { PartnersClient } from './PartnersClient';
import type {
  ListFindingRulesResponse,
  ListAccessPackagesResponse,
  ListIdentitySourcesResponse,
  PartnerRegisterStatus,
  ListPartnerIdentitiesResponse,
  PartnersOverview,
} from './models';

const BASE_URL = 'http://backstage.test/api/partners';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const OVERVIEW: PartnersOverview = {
  total: 3,
  byStage: {
    onboarding: 1,
    enablement: 0,
    measurement: 2,
    offboarding: 0,
    offboarded: 0,
  },
  reviews: { pending: 4, overdue: 1 },
  openFindings: { critical: 1, high: 0, medium: 2, low: 0 },
  contractsEnding: { days: 90, count: 1 },
};

const RULE_COUNTS: ListFindingRulesResponse = {
  items: [
    {
      ruleId: 'identity-dormant',
      severity: 'medium',
      title: 'Identity dormant',
      frameworks: ['NHI1'],
      open: 2,
      accepted: 1,
    },
  ],
};

const IDENTITIES: ListPartnerIdentitiesResponse = {
  items: [
    {
      integrationRef: 'partnerintegration:default/acme-api',
      name: 'acme-api-key',
      type: 'api-key',
      status: 'active',
      scopes: ['orders:read'],
      privileged: false,
      rotationAgeDays: 12,
      openFindings: ['identity-no-expiry'],
      acceptedRisks: [],
    },
  ],
  nextCursor: 'abc',
};

describe('PartnersClient portal', () => {
  const client = new PartnersClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
  });

  function record(body: unknown) {
    const requests: Request[] = [];
    server.use(
      http.get(`${BASE_URL}/*`, ({ request }) => {
        requests.push(request);
        return HttpResponse.json(body as Record<string, unknown>);
      }),
    );
    return requests;
  }

  it('gets the partner index tiles', async () => {
    const requests = record(OVERVIEW);
    await expect(
      client.getPartnersOverview({ token: 'a-token' }),
    ).resolves.toEqual(OVERVIEW);
    expect(requests.map(r => [r.method, r.url])).toEqual([
      ['GET', `${BASE_URL}/partners/summary`],
    ]);
    expect(requests[0].headers.get('authorization')).toBe('Bearer a-token');
  });

  it('sends the new partner filters, leaving out absent ones', async () => {
    const requests = record({ items: [] });
    await client.listPartners({
      hasOverdueReviews: true,
      hasCriticalFindings: true,
      contractEndsWithinDays: 0,
      stage: 'measurement',
    });
    await client.listPartners({ contractEndsWithinDays: 30 });
    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/partners?hasOverdueReviews=true&hasCriticalFindings=true&contractEndsWithinDays=0&stage=measurement`,
      `${BASE_URL}/partners?contractEndsWithinDays=30`,
    ]);
  });

  it('lists finding counts per rule, optionally of a partner', async () => {
    const requests = record(RULE_COUNTS);
    await expect(client.listFindingRules()).resolves.toEqual(RULE_COUNTS);
    await client.listFindingRules({ partner: 'partner:default/acme' });
    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/findings/rules`,
      `${BASE_URL}/findings/rules?partner=partner%3Adefault%2Facme`,
    ]);
  });

  it('lists the access packages of the policy', async () => {
    const packages: ListAccessPackagesResponse = {
      items: [
        {
          name: 'orders-read',
          description: 'Read orders',
          scopes: ['orders:read'],
          environments: ['production'],
          privileged: false,
          supportChannels: [],
        },
      ],
    };
    const requests = record(packages);
    await expect(client.listAccessPackages()).resolves.toEqual(packages);
    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/policy/access-packages`,
    ]);
  });

  it('lists the identity sources', async () => {
    const sources: ListIdentitySourcesResponse = {
      items: [
        {
          id: 'partner-db',
          type: 'postgres',
          lastSuccessAt: '2026-12-01T00:15:00.000Z',
          observed: 12,
          active: 10,
          refused: 1,
        },
      ],
    };
    const requests = record(sources);
    await expect(client.listIdentitySources()).resolves.toEqual(sources);
    expect(requests.map(r => r.url)).toEqual([`${BASE_URL}/identity-sources`]);
  });

  it('gets the partner register and how its reads went', async () => {
    const register: PartnerRegisterStatus = {
      configured: true,
      format: 'csv',
      lastSuccessAt: '2026-12-01T00:05:00.000Z',
      rows: 20,
      rowErrors: 1,
      ungoverned: 2,
    };
    const requests = record(register);
    await expect(client.getPartnerRegister()).resolves.toEqual(register);
    expect(requests.map(r => r.url)).toEqual([`${BASE_URL}/register`]);
  });

  it('lists the identities of a partner by its URL-encoded ref, with paging', async () => {
    const requests = record(IDENTITIES);
    await expect(
      client.listPartnerIdentities('partner:default/acme', {
        integration: 'acme-api',
        limit: 10,
        cursor: 'abc',
      }),
    ).resolves.toEqual(IDENTITIES);
    await client.listPartnerIdentities('acme');
    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/partners/partner%3Adefault%2Facme/identities?integration=acme-api&limit=10&cursor=abc`,
      `${BASE_URL}/partners/acme/identities`,
    ]);
  });

  it('sends the partner and integration filters of reviews', async () => {
    const requests = record({ items: [] });
    await client.listReviews({
      partner: 'acme',
      integration: 'partnerintegration:default/acme-api',
      status: 'pending',
      assignee: 'me',
    });
    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/reviews?partner=acme&integration=partnerintegration%3Adefault%2Facme-api&status=pending&assignee=me`,
    ]);
  });

  it('throws a ResponseError for an unknown partner', async () => {
    server.use(
      http.get(`${BASE_URL}/partners/:ref/identities`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No partner x' },
            request: { method: 'GET', url: '/partners/x/identities' },
            response: { statusCode: 404 },
          },
          { status: 404, statusText: 'Not Found' },
        ),
      ),
    );
    const error = await client.listPartnerIdentities('x').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause).toMatchObject({ name: 'NotFoundError' });
  });
});
