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
import type { OffboardingItem, OffboardingResponse } from './models';

const BASE_URL = 'http://backstage.test/api/partners';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Answers every request with `body`, recording what was asked. */
function record(body: unknown = {}, status = 200) {
  const requests: Array<{ method: string; url: string; body?: unknown }> = [];
  server.use(
    http.all(`${BASE_URL}/*`, async ({ request }) => {
      const text = await request.text();
      requests.push({
        method: request.method,
        url: request.url,
        ...(text && { body: JSON.parse(text) }),
      });
      return HttpResponse.json(body as Record<string, unknown>, { status });
    }),
  );
  return requests;
}

const ITEM: OffboardingItem = {
  id: 7,
  checklistId: 2,
  kind: 'revoke',
  integrationRef: 'partnerintegration:default/acme-api',
  identity: 'orders-key',
  description:
    'Revoke api-key orders-key of partnerintegration:default/acme-api',
  source: 'offboarding',
  status: 'done',
  completedBy: 'user:default/alice',
  completedAt: '2026-11-01T12:00:00.000Z',
  evidence: 'CHG-1',
};

const RESPONSE: OffboardingResponse = {
  partnerRef: 'partner:default/acme',
  checklist: {
    id: 2,
    partnerRef: 'partner:default/acme',
    status: 'open',
    reasons: ['stage-offboarding'],
    openedAt: '2026-11-01T12:00:00.000Z',
    progress: { total: 1, done: 1, pending: 0 },
    items: [ITEM],
  },
};

describe('PartnersClient offboarding', () => {
  const discoveryApi = {
    getBaseUrl: jest.fn(async (_pluginId: string) => BASE_URL),
  };
  const client = new PartnersClient({ discoveryApi });

  it("gets a partner's checklist by its URL-encoded ref", async () => {
    const requests = record(RESPONSE);
    await expect(
      client.getOffboarding('partner:default/acme'),
    ).resolves.toEqual(RESPONSE);
    await client.getOffboarding('acme', { token: 'abc' });
    expect(requests).toEqual([
      {
        method: 'GET',
        url: `${BASE_URL}/partners/partner%3Adefault%2Facme/offboarding`,
      },
      { method: 'GET', url: `${BASE_URL}/partners/acme/offboarding` },
    ]);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('partners');
  });

  it('completes an item with its evidence', async () => {
    const requests = record(ITEM);
    await expect(
      client.completeOffboardingItem(7, { evidence: 'CHG-1' }),
    ).resolves.toEqual(ITEM);
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${BASE_URL}/offboarding/items/7/complete`,
        body: { evidence: 'CHG-1' },
      },
    ]);
  });

  it('verifies a checklist, with or without a comment', async () => {
    const requests = record(RESPONSE);
    await expect(
      client.verifyOffboarding('partner:default/acme', { comment: 'checked' }),
    ).resolves.toEqual(RESPONSE);
    await client.verifyOffboarding('acme');
    expect(requests).toEqual([
      {
        method: 'POST',
        url: `${BASE_URL}/partners/partner%3Adefault%2Facme/offboarding/verify`,
        body: { comment: 'checked' },
      },
      {
        method: 'POST',
        url: `${BASE_URL}/partners/acme/offboarding/verify`,
        body: {},
      },
    ]);
  });

  it('throws the backend error as a ResponseError', async () => {
    record(
      {
        error: {
          name: 'NotAllowedError',
          message:
            'Offboarding checklist 2 must be verified by a second person: you completed items of it',
        },
        request: { method: 'POST', url: '/partners/acme/offboarding/verify' },
        response: { statusCode: 403 },
      },
      403,
    );
    const error = await client.verifyOffboarding('acme').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(403);
    expect(error.body.error).toEqual({
      name: 'NotAllowedError',
      message:
        'Offboarding checklist 2 must be verified by a second person: you completed items of it',
    });
  });

  it('sends the token it is given', async () => {
    const seen: Array<string | null> = [];
    server.use(
      http.all(`${BASE_URL}/*`, ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json(ITEM);
      }),
    );
    await client.completeOffboardingItem(
      7,
      { evidence: 'CHG-1' },
      { token: 'abc' },
    );
    expect(seen).toEqual(['Bearer abc']);
  });
});
