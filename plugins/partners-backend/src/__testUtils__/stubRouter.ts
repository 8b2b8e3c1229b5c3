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

import { mockServices } from '@backstage/backend-test-utils';
import { createRouter } from '../router';
import type { ReadModels } from '../services/read';
import type { ReviewsService } from '../services/ReviewsService';
import { serve, type ServedRouter } from './http';

type RouterOptions = Parameters<typeof createRouter>[0];

/**
 * The router with the services a test gives and stubs for the rest
 * (responses validated against the spec), served once for the enclosing
 * describe block. `get` sends a GET with an authorization header.
 */
export function stubRouter(
  options: Partial<RouterOptions> & Pick<RouterOptions, 'permissions'>,
) {
  let served: ServedRouter | undefined;
  beforeAll(async () => {
    served = await serve(
      await createRouter({
        httpAuth: mockServices.httpAuth(),
        auditor: mockServices.auditor.mock(),
        sync: { run: jest.fn() },
        reads: {} as ReadModels,
        userInfo: mockServices.userInfo(),
        reviews: {} as ReviewsService,
        audit: { list: jest.fn() },
        validateResponses: true,
        ...options,
      }),
    );
  });
  afterAll(() => served?.close());
  return {
    get: (path: string, authorization: string) =>
      fetch(`${served!.baseUrl}${path}`, { headers: { authorization } }),
  };
}
