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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_PARTNERS_POLICY } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import { createRouter } from '../router';
import { createReadModels } from '../services/read';
import type { ReviewsService } from '../services/ReviewsService';
import { createTestDatabaseService } from './databases';
import {
  countQueries,
  getJson,
  inputError,
  serve,
  walkPages,
  type ServedRouter,
} from './http';
import { NOTICE_DAYS, NOW, seedPortalEstate } from './portalEstate';

/** The portal's read routes over the portal estate, seeded once. */
export interface PortalRouter {
  knex: Knex;
  baseUrl: string;
  /** Denies by default before each test. */
  permissions: ReturnType<typeof mockServices.permissions.mock>;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  get(path: string): Promise<{ status: number; body: any }>;
  /** The items of each page, following nextCursor to the last. */
  walk(path: string): Promise<Array<Array<Record<string, any>>>>;
  /** The message of the 400 InputError a request gets. */
  inputError(path: string): Promise<string>;
  /** How many queries the database gets while `fn` runs. */
  countQueries(fn: () => Promise<unknown>): Promise<number>;
}

/**
 * Seeds a database and serves the router once for the enclosing describe
 * block, with the clock at NOW and a contract notice of NOTICE_DAYS.
 */
export function portalRouter(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): PortalRouter {
  let served: ServedRouter | undefined;
  const fx: PortalRouter = {
    knex: undefined as unknown as Knex,
    baseUrl: '',
    permissions: mockServices.permissions.mock(),
    auditor: mockServices.auditor.mock(),
    get: path => getJson(`${fx.baseUrl}${path}`),
    walk: async path =>
      (await walkPages(fx.baseUrl, path)).map(page => page.items),
    inputError: path => inputError(fx.baseUrl, path),
    countQueries: fn => countQueries(fx.knex, fn),
  };

  beforeAll(async () => {
    const created = await createTestDatabaseService(databases, databaseId);
    fx.knex = created.knex;
    await DatabaseReviewsStore.create({ database: created.database });
    await seedPortalEstate(fx.knex);
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: fx.permissions,
      auditor: fx.auditor,
      sync: { run: jest.fn() },
      reads: createReadModels(fx.knex, {
        clock: () => NOW,
        policy: () => ({
          ...DEFAULT_PARTNERS_POLICY,
          contractNoticeDays: NOTICE_DAYS,
        }),
      }),
      userInfo: mockServices.userInfo(),
      reviews: {} as ReviewsService,
      audit: { list: jest.fn() },
      validateResponses: true,
    });
    served = await serve(router);
    fx.baseUrl = served.baseUrl;
  });

  afterAll(async () => {
    await served?.close();
    served = undefined;
  });

  beforeEach(() => {
    jest.clearAllMocks();
    fx.permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.DENY },
    ]);
    // every detail unless a test narrows it
    fx.permissions.authorizeConditional.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
  });

  return fx;
}
