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
import type { ExceptionRecord } from './models';

const BASE_URL = 'http://backstage.test/api/partners';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const EXCEPTION: ExceptionRecord = {
  id: 7,
  ruleId: 'identity-dormant',
  entityRef: 'partnerintegration:default/acme-api',
  identity: 'acme-key',
  partnerRef: 'partner:default/acme',
  justification: 'Yearly export job',
  requestedBy: 'user:default/alice',
  requestedAt: '2026-11-01T00:00:00.000Z',
  expiresAt: '2027-01-31T00:00:00.000Z',
  status: 'requested',
};

/** Answers every request with `body`, recording what was asked. */
function record(body: unknown, status = 200) {
  const requests: Request[] = [];
  server.use(
    http.all(`${BASE_URL}/*`, ({ request }) => {
      requests.push(request);
      return HttpResponse.json(body as Record<string, unknown>, { status });
    }),
  );
  return requests;
}

describe('PartnersClient exceptions', () => {
  const discoveryApi = { getBaseUrl: async () => BASE_URL };
  const client = new PartnersClient({ discoveryApi });

  it('lists exceptions with the given filters, leaving out empty ones', async () => {
    const requests = record({ items: [EXCEPTION], nextCursor: 'Nw' });
    await expect(
      client.listExceptions({
        status: 'requested',
        partner: 'partner:default/acme',
        entity: 'partnerintegration:default/acme-api',
        ruleId: 'identity-dormant',
        limit: 10,
        cursor: 'Nw',
      }),
    ).resolves.toEqual({ items: [EXCEPTION], nextCursor: 'Nw' });
    await client.listExceptions({ status: undefined, partner: '' });
    const url = new URL(requests[0].url);
    expect(url.pathname).toBe('/api/partners/exceptions');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      status: 'requested',
      partner: 'partner:default/acme',
      entity: 'partnerintegration:default/acme-api',
      ruleId: 'identity-dormant',
      limit: '10',
      cursor: 'Nw',
    });
    expect(requests[1].url).toBe(`${BASE_URL}/exceptions`);
  });

  it('gets, requests, approves and denies exceptions', async () => {
    const requests = record(EXCEPTION);
    await expect(client.getException(7)).resolves.toEqual(EXCEPTION);
    await client.requestException(
      {
        ruleId: 'identity-dormant',
        entityRef: 'partnerintegration:default/acme-api',
        identity: 'acme-key',
        justification: 'Yearly export job',
        expiresAt: '2027-01-31',
      },
      { token: 'a-token' },
    );
    await client.approveException(7, { comment: 'until the rotation' });
    await client.denyException(7);
    expect(requests.map(r => [r.method, r.url])).toEqual([
      ['GET', `${BASE_URL}/exceptions/7`],
      ['POST', `${BASE_URL}/exceptions`],
      ['POST', `${BASE_URL}/exceptions/7/approve`],
      ['POST', `${BASE_URL}/exceptions/7/deny`],
    ]);
    expect(requests[1].headers.get('authorization')).toBe('Bearer a-token');
    expect(requests[1].headers.get('content-type')).toBe('application/json');
    await expect(requests[1].json()).resolves.toEqual({
      ruleId: 'identity-dormant',
      entityRef: 'partnerintegration:default/acme-api',
      identity: 'acme-key',
      justification: 'Yearly export job',
      expiresAt: '2027-01-31',
    });
    await expect(requests[2].json()).resolves.toEqual({
      comment: 'until the rotation',
    });
    await expect(requests[3].json()).resolves.toEqual({});
  });

  it('throws a ResponseError carrying a 403 or 409', async () => {
    record(
      {
        error: {
          name: 'NotAllowedError',
          message: 'You may not decide exception 7: you requested it',
        },
        request: { method: 'POST', url: '/exceptions/7/approve' },
        response: { statusCode: 403 },
      },
      403,
    );
    const denied = await client.approveException(7).catch(e => e);
    expect(denied).toBeInstanceOf(ResponseError);
    expect(denied.statusCode).toBe(403);
    expect(denied.body.error).toEqual({
      name: 'NotAllowedError',
      message: 'You may not decide exception 7: you requested it',
    });

    server.resetHandlers();
    record(
      {
        error: {
          name: 'ConflictError',
          message: 'Exception 7 is already denied',
        },
        request: { method: 'POST', url: '/exceptions/7/deny' },
        response: { statusCode: 409 },
      },
      409,
    );
    const conflict = await client.denyException(7).catch(e => e);
    expect(conflict).toBeInstanceOf(ResponseError);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.cause).toMatchObject({ name: 'ConflictError' });
  });
});
