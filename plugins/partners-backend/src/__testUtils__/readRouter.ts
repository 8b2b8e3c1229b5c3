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
import type { FindingRecord } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { createRouter } from '../router';
import { createReadModels } from '../services/read';
import type { ReviewsService } from '../services/ReviewsService';
import { indexStakeholders, MIGRATIONS_DIR } from './databases';
import {
  getJson,
  inputError,
  serve,
  walkPages,
  type Page,
  type ServedRouter,
} from './http';
import { expectedFindings, NOW, seedReadEstate } from './readEstate';

/** The read API over the read estate, seeded once. */
export interface ReadRouter {
  knex: Knex;
  /** The ids of the seeded findings, in order. */
  ids: number[];
  /** The seeded findings as the API returns them, by id. */
  F: Record<number, FindingRecord>;
  /** Denies by default before each test. */
  permissions: ReturnType<typeof mockServices.permissions.mock>;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  get(
    path: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any }>;
  /** Every page, following nextCursor to the last. */
  walk(path: string): Promise<Page[]>;
  /** The message of the 400 InputError a request gets. */
  inputError(path: string): Promise<string>;
}

/**
 * Migrates and seeds a database and serves the router once for the
 * enclosing describe block, with the clock at NOW.
 */
export function readRouter(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): ReadRouter {
  let served: ServedRouter | undefined;
  let baseUrl = '';
  const fx: ReadRouter = {
    knex: undefined as unknown as Knex,
    ids: [],
    F: {},
    permissions: mockServices.permissions.mock(),
    auditor: mockServices.auditor.mock(),
    get: (path, headers) => getJson(`${baseUrl}${path}`, headers),
    walk: path => walkPages(baseUrl, path),
    inputError: path => inputError(baseUrl, path),
  };

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
    await seedReadEstate(knex);
    await indexStakeholders(knex);
    const ids = (await knex('findings').select('id').orderBy('id')).map(r =>
      Number(r.id),
    );
    Object.assign(fx, { knex, ids, F: expectedFindings(ids) });

    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: fx.permissions,
      auditor: fx.auditor,
      sync: { run: jest.fn() },
      reads: createReadModels(knex, { clock: () => new Date(NOW) }),
      userInfo: mockServices.userInfo(),
      reviews: {} as ReviewsService,
      audit: { list: jest.fn() },
      validateResponses: true,
    });
    served = await serve(router);
    baseUrl = served.baseUrl;
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
