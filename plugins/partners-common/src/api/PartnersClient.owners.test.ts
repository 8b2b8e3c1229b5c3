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
import type { ListOwnerIntegrationsResponse } from './models';

const BASE_URL = 'http://backstage.test/api/partners';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const PAGE: ListOwnerIntegrationsResponse = {
  owners: ['user:default/jane', 'group:default/payments'],
  items: [
    {
      entityRef: 'partnerintegration:default/acme-api',
      type: 'api',
      environment: 'production',
      owner: 'group:default/payments',
      partner: {
        entityRef: 'partner:default/acme',
        title: 'Acme Corp',
        stage: 'measurement',
        tier: 'high',
      },
      identities: { active: 1, total: 2 },
      reviews: { pending: 1, overdue: 1, pendingReviewId: 7 },
      openFindings: { critical: 0, high: 1, medium: 0, low: 0 },
    },
  ],
  nextCursor: 'cGFydG5lcmludGVncmF0aW9uOmRlZmF1bHQvYWNtZS1hcGk',
};

describe('PartnersClient owners', () => {
  const client = new PartnersClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
  });

  it('lists the integrations of an owner by its URL-encoded ref, with paging', async () => {
    const requests: Request[] = [];
    server.use(
      http.get(`${BASE_URL}/owners/:ref/integrations`, ({ request }) => {
        requests.push(request);
        return HttpResponse.json(PAGE);
      }),
    );

    await expect(
      client.listOwnerIntegrations('user:default/jane', {
        limit: 1,
        cursor: 'abc',
      }),
    ).resolves.toEqual(PAGE);
    await client.listOwnerIntegrations(
      'group:default/payments',
      {},
      { token: 'a-token' },
    );

    expect(requests.map(r => [r.method, r.url])).toEqual([
      [
        'GET',
        `${BASE_URL}/owners/user%3Adefault%2Fjane/integrations?limit=1&cursor=abc`,
      ],
      ['GET', `${BASE_URL}/owners/group%3Adefault%2Fpayments/integrations`],
    ]);
    expect(requests[0].headers.get('authorization')).toBeNull();
    expect(requests[1].headers.get('authorization')).toBe('Bearer a-token');
  });

  it('throws a ResponseError for a user the catalog does not hold', async () => {
    server.use(
      http.get(`${BASE_URL}/owners/:ref/integrations`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotFoundError',
              message: 'No user user:default/nobody in the catalog',
            },
            request: { method: 'GET', url: '/owners/x/integrations' },
            response: { statusCode: 404 },
          },
          { status: 404, statusText: 'Not Found' },
        ),
      ),
    );
    const error = await client
      .listOwnerIntegrations('user:default/nobody')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause).toMatchObject({ name: 'NotFoundError' });
  });
});
