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

import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { createRouter } from '../router';
import { OwnersService } from '../services/OwnersService';
import { createReadModels } from '../services/read';
import type { ReviewsService } from '../services/ReviewsService';
import { createTestDatabaseService } from './databases';
import { serve, type ServedRouter } from './http';
import { CATALOG, NOW, seedOwnersEstate } from './ownersEstate';

/** The owner routes over the owners estate, seeded once. */
export interface OwnersRouter {
  knex: Knex;
  baseUrl: string;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  /** The SQL the database ran since the test (or the test) last reset it. */
  queries: string[];
  /** GET /owners/{ref}/integrations. */
  get(ref: string, query?: string, headers?: HeadersInit): Promise<Response>;
}

/**
 * Seeds a database once for the enclosing describe block, and serves a new
 * router over it before each test.
 */
export function ownersRouter(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): OwnersRouter {
  let served: ServedRouter | undefined;
  const fx: OwnersRouter = {
    knex: undefined as unknown as Knex,
    baseUrl: '',
    auditor: undefined as unknown as OwnersRouter['auditor'],
    queries: [],
    get: (ref, query = '', headers = {}) =>
      fetch(
        `${fx.baseUrl}/owners/${encodeURIComponent(ref)}/integrations${query}`,
        { headers },
      ),
  };

  beforeAll(async () => {
    const created = await createTestDatabaseService(databases, databaseId);
    fx.knex = created.knex;
    // migrates the database
    await DatabaseIdentityIndexStore.create({ database: created.database });
    await seedOwnersEstate(fx.knex);
    fx.knex.on('query', (query: { sql: string }) =>
      fx.queries?.push(query.sql),
    );
  });

  beforeEach(async () => {
    fx.queries = [];
    fx.auditor = mockServices.auditor.mock();
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions.mock(),
      auditor: fx.auditor,
      sync: { run: jest.fn() },
      reads: createReadModels(fx.knex),
      userInfo: mockServices.userInfo(),
      reviews: {} as ReviewsService,
      audit: { list: jest.fn() },
      owners: new OwnersService({
        db: fx.knex,
        catalog: catalogServiceMock({ entities: CATALOG }),
        auth: mockServices.auth(),
        clock: () => NOW,
      }),
      validateResponses: true,
    });
    served = await serve(router);
    fx.baseUrl = served.baseUrl;
  });

  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  return fx;
}
