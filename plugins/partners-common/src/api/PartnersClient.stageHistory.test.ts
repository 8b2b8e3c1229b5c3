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
import type { StageHistory } from './models';

const BASE_URL = 'http://backstage.test/api/partners';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** Answers every request with `body`, recording the URL and token asked. */
function record(body: unknown, status = 200) {
  const requests: Array<{ url: string; authorization: string | null }> = [];
  server.use(
    http.get(`${BASE_URL}/*`, ({ request }) => {
      requests.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
      });
      return HttpResponse.json(body as Record<string, unknown>, { status });
    }),
  );
  return requests;
}

const HISTORY: StageHistory = {
  partnerRef: 'partner:default/acme',
  items: [
    {
      id: 2,
      stage: 'measurement',
      previousStage: 'onboarding',
      seenAt: '2026-12-01T08:00:00.000Z',
      allowed: false,
      problem: 'skips enablement',
      changedBy: 'user:default/jane',
      sourceLocation: 'url:https://git.example/partners/acme.yaml',
    },
    {
      id: 1,
      stage: 'onboarding',
      seenAt: '2026-11-29T08:00:00.000Z',
      allowed: true,
    },
  ],
  historyStartsAt: '2026-11-29T08:00:00.000Z',
};

describe('PartnersClient stage history', () => {
  const client = new PartnersClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
  });

  it("gets a partner's stage history by its URL-encoded ref, with paging and a token", async () => {
    const requests = record(HISTORY);
    await expect(
      client.getStageHistory('partner:default/acme'),
    ).resolves.toEqual(HISTORY);
    await client.getStageHistory(
      'acme',
      { limit: 100, cursor: 'Mg' },
      { token: 'abc' },
    );
    expect(requests).toEqual([
      {
        url: `${BASE_URL}/partners/partner%3Adefault%2Facme/stage-history`,
        authorization: null,
      },
      {
        url: `${BASE_URL}/partners/acme/stage-history?limit=100&cursor=Mg`,
        authorization: 'Bearer abc',
      },
    ]);
  });

  it('throws the backend error as a ResponseError', async () => {
    record(
      {
        error: {
          name: 'NotFoundError',
          message: 'No partner partner:default/ghost',
        },
        request: { method: 'GET', url: '/partners/ghost/stage-history' },
        response: { statusCode: 404 },
      },
      404,
    );
    const error = await client.getStageHistory('ghost').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(404);
    expect(error.body.error).toEqual({
      name: 'NotFoundError',
      message: 'No partner partner:default/ghost',
    });
  });
});
