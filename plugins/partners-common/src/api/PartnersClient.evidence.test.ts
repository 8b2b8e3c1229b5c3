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

const BASE_URL = 'http://backstage.test/api/partners';

const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe('PartnersClient evidence', () => {
  const client = new PartnersClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
  });

  it('gets the JSON pack and the CSV text of a partner by its URL-encoded ref', async () => {
    const requests: Request[] = [];
    server.use(
      http.get(`${BASE_URL}/partners/:ref/evidence`, ({ request }) => {
        requests.push(request);
        return new URL(request.url).searchParams.get('format') === 'csv'
          ? new HttpResponse('section,id\npartner,\n', {
              headers: { 'Content-Type': 'text/csv; charset=utf-8' },
            })
          : HttpResponse.json({ generatedAt: '2026-11-30T08:00:00.000Z' });
      }),
    );

    await expect(
      client.getEvidencePack('partner:default/acme'),
    ).resolves.toEqual({ generatedAt: '2026-11-30T08:00:00.000Z' });
    await expect(
      client.getEvidencePackCsv('acme', { token: 'a-token' }),
    ).resolves.toBe('section,id\npartner,\n');

    expect(requests.map(r => r.url)).toEqual([
      `${BASE_URL}/partners/partner%3Adefault%2Facme/evidence?format=json`,
      `${BASE_URL}/partners/acme/evidence?format=csv`,
    ]);
    expect(requests[0].headers.get('authorization')).toBeNull();
    expect(requests[1].headers.get('authorization')).toBe('Bearer a-token');
  });

  it('throws a ResponseError for a caller without partners.audit.read', async () => {
    const denied = {
      error: {
        name: 'NotAllowedError',
        message: 'You may not export partner evidence',
      },
      request: { method: 'GET', url: '/partners/acme/evidence' },
      response: { statusCode: 403 },
    };
    server.use(
      http.get(`${BASE_URL}/partners/:ref/evidence`, () =>
        HttpResponse.json(denied, { status: 403, statusText: 'Forbidden' }),
      ),
    );
    for (const call of [
      () => client.getEvidencePack('acme'),
      () => client.getEvidencePackCsv('acme'),
    ]) {
      const error = await call().catch(e => e);
      expect(error).toBeInstanceOf(ResponseError);
      expect(error.statusCode).toBe(403);
      expect(error.cause).toMatchObject({ name: 'NotAllowedError' });
    }
  });
});
