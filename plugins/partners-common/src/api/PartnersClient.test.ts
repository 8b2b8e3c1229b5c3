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
import type { ListPartnersResponse } from './models';

const BASE_URL = 'http://backstage.test/api/partners';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Answers every request with `body`, recording what was asked. */
function record(body: unknown = {}) {
  const requests: Request[] = [];
  server.use(
    http.all(`${BASE_URL}/*`, ({ request }) => {
      requests.push(request);
      return HttpResponse.json(body as Record<string, unknown>);
    }),
  );
  return requests;
}

describe('PartnersClient', () => {
  const discoveryApi = {
    getBaseUrl: jest.fn(async (_pluginId: string) => BASE_URL),
  };
  const client = new PartnersClient({ discoveryApi });

  beforeEach(() => discoveryApi.getBaseUrl.mockClear());

  it('lists partners with the given filters, leaving out empty ones', async () => {
    const page: ListPartnersResponse = {
      items: [
        {
          entityRef: 'partner:default/acme',
          type: 'reseller',
          stage: 'measurement',
          tier: 'high',
          owner: 'group:default/partner-ops',
          openFindings: { critical: 1, high: 0, medium: 0, low: 0 },
          reviews: { pending: 0, overdue: 0 },
        },
      ],
      nextCursor: 'cGFydG5lcjpkZWZhdWx0L2FjbWU',
    };
    const requests = record(page);
    await expect(
      client.listPartners({
        stage: 'measurement',
        tier: 'high',
        type: 'reseller',
        owner: 'group:default/partner-ops',
        limit: 10,
        cursor: 'cGFydG5lcjpkZWZhdWx0L2FjbWU',
      }),
    ).resolves.toEqual(page);
    await client.listPartners();
    await client.listPartners({ stage: undefined, owner: '' });

    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('partners');
    expect(requests.map(r => [r.method, r.url])).toEqual([
      [
        'GET',
        `${BASE_URL}/partners?stage=measurement&tier=high&type=reseller&owner=group%3Adefault%2Fpartner-ops&limit=10&cursor=cGFydG5lcjpkZWZhdWx0L2FjbWU`,
      ],
      ['GET', `${BASE_URL}/partners`],
      ['GET', `${BASE_URL}/partners`],
    ]);
  });

  it('gets a partner by its URL-encoded ref', async () => {
    const requests = record({ entityRef: 'partner:default/acme' });
    await expect(client.getPartner('partner:default/acme')).resolves.toEqual({
      entityRef: 'partner:default/acme',
    });
    await client.getPartner('acme');
    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/partners/partner%3Adefault%2Facme`,
      `${BASE_URL}/partners/acme`,
    ]);
  });

  it('gets the access to an entity', async () => {
    const requests = record({
      entityRef: 'component:default/orders-service',
      items: [],
    });
    await expect(
      client.getEntityAccess('component:default/orders-service'),
    ).resolves.toEqual({
      entityRef: 'component:default/orders-service',
      items: [],
    });
    expect(requests.map(r => [r.method, r.url])).toEqual([
      [
        'GET',
        `${BASE_URL}/entities/component%3Adefault%2Forders-service/access`,
      ],
    ]);
  });

  it('lists findings with the given filters', async () => {
    const requests = record({ items: [] });
    await expect(
      client.listFindings({
        severity: 'critical',
        ruleId: 'identity-dormant',
        partner: 'partner:default/acme',
        entity: 'partnerintegration:default/acme-api',
        status: 'open',
        limit: 100,
        cursor: 'NDI',
      }),
    ).resolves.toEqual({ items: [] });
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/api/partners/findings');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      severity: 'critical',
      ruleId: 'identity-dormant',
      partner: 'partner:default/acme',
      entity: 'partnerintegration:default/acme-api',
      status: 'open',
      limit: '100',
      cursor: 'NDI',
    });
  });

  it('triggers a sync with POST', async () => {
    const summary = {
      partners: 2,
      integrations: 3,
      changed: 1,
      gone: 0,
      rowsWritten: 4,
    };
    const requests = record(summary);
    await expect(client.sync()).resolves.toEqual(summary);
    expect(requests.map(r => [r.method, r.url])).toEqual([
      ['POST', `${BASE_URL}/sync`],
    ]);
  });

  it('lists, gets and decides access reviews', async () => {
    const requests = record({ items: [] });
    await client.listReviews({ status: 'pending', assignee: 'me', limit: 5 });
    await client.getReview(7);
    await client.decideReview(
      7,
      { decision: 'revoke', identities: ['acme-key'] },
      { token: 'a-token' },
    );
    expect(requests.map(r => [r.method, r.url])).toEqual([
      ['GET', `${BASE_URL}/reviews?status=pending&assignee=me&limit=5`],
      ['GET', `${BASE_URL}/reviews/7`],
      ['POST', `${BASE_URL}/reviews/7/decision`],
    ]);
    expect(requests[0].headers.get('content-type')).toBeNull();
    expect(requests[2].headers.get('content-type')).toBe('application/json');
    expect(requests[2].headers.get('authorization')).toBe('Bearer a-token');
    await expect(requests[2].json()).resolves.toEqual({
      decision: 'revoke',
      identities: ['acme-key'],
    });
  });

  it('lists audit events with the given filters', async () => {
    const page = {
      items: [
        {
          id: 3,
          at: '2026-11-28T12:00:00.000Z',
          actor: 'user:default/alice',
          action: 'review.decided',
          subjectType: 'access-review',
          subjectRef: 'partnerintegration:default/acme-api',
          after: { status: 'attested' },
        },
      ],
    };
    const requests = record(page);
    await expect(
      client.listAuditEvents({
        subject: 'partnerintegration:default/acme-api',
        action: 'review.decided',
      }),
    ).resolves.toEqual(page);
    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/audit?subject=partnerintegration%3Adefault%2Facme-api&action=review.decided`,
    ]);
  });

  it('fetches through the given fetchApi, and sends a token when given one', async () => {
    const requests = record({ items: [] });
    const fetchApi = { fetch: jest.fn((input, init) => fetch(input, init)) };
    const withFetchApi = new PartnersClient({ discoveryApi, fetchApi });
    await withFetchApi.listFindings({ status: 'resolved' });
    expect(fetchApi.fetch).toHaveBeenCalledTimes(1);
    expect(requests[0].headers.get('authorization')).toBeNull();

    await withFetchApi.listFindings({}, { token: 'a-token' });
    expect(requests[1].headers.get('authorization')).toBe('Bearer a-token');
  });

  it("sends bodies through a fetchApi that builds its own Request, as Backstage's does", async () => {
    const requests = record({ id: 7 });
    const fetchApi = {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        return fetch(new Request(input, init), { signal: request.signal });
      },
    };
    const withFetchApi = new PartnersClient({ discoveryApi, fetchApi });
    await withFetchApi.decideReview(7, { decision: 'attest', comment: 'ok' });
    await expect(requests[0].json()).resolves.toEqual({
      decision: 'attest',
      comment: 'ok',
    });
  });

  it('throws a ResponseError carrying the backend error', async () => {
    server.use(
      http.get(`${BASE_URL}/partners/nobody`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No partner nobody' },
            request: { method: 'GET', url: '/partners/nobody' },
            response: { statusCode: 404 },
          },
          { status: 404, statusText: 'Not Found' },
        ),
      ),
      http.get(`${BASE_URL}/findings`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'request/query/limit must be <= 100',
            },
            request: { method: 'GET', url: '/findings?limit=101' },
            response: { statusCode: 400 },
          },
          { status: 400, statusText: 'Bad Request' },
        ),
      ),
      http.post(
        `${BASE_URL}/sync`,
        () =>
          new HttpResponse('upstream unavailable', {
            status: 503,
            statusText: 'Service Unavailable',
          }),
      ),
    );

    const notFound = await client.getPartner('nobody').catch(e => e);
    expect(notFound).toBeInstanceOf(ResponseError);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.message).toBe('Request failed with 404 Not Found');
    expect(notFound.cause).toMatchObject({
      name: 'NotFoundError',
      message: 'No partner nobody',
    });

    const badInput = await client.listFindings({ limit: 101 }).catch(e => e);
    expect(badInput).toBeInstanceOf(ResponseError);
    expect(badInput.statusCode).toBe(400);
    expect(badInput.body.error).toEqual({
      name: 'InputError',
      message: 'request/query/limit must be <= 100',
    });

    const unavailable = await client.sync().catch(e => e);
    expect(unavailable).toBeInstanceOf(ResponseError);
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.cause.message).toContain('upstream unavailable');
  });
});
