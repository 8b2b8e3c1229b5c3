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
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../schema/openapi';

/** Query parameters without a value (undefined or empty) are left out. */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  return params.toString();
}

/** The body of a successful response; a failed one has thrown already. */
export function bodyOf<T>(result: { data?: T }): T {
  return result.data as T;
}

/**
 * A fetch client typed by the partners API's OpenAPI document (paths,
 * parameters, bodies and responses), fetching through `fetchApi`. A failed
 * response throws a `ResponseError` with the backend's error body.
 */
export function createTypedClient(fetchApi: {
  fetch: typeof fetch;
}): Client<paths> {
  return createClient<paths>({
    querySerializer: serializeQuery,
    // The fetchApi gets a URL and init, not the Request: Backstage's
    // fetch middleware builds its own Request from what it is given, which
    // a Request with a body allows only once.
    fetch: async request => {
      const response = await fetchApi.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ? await request.text() : undefined,
      });
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      return response;
    },
  });
}
