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

/*
 * The plugin's router as the plugin wires it, served with express on
 * 127.0.0.1.
 */

import type { PermissionsService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_PARTNERS_POLICY } from '@partner-governance/plugin-partners-common';
import express from 'express';
import type { Knex } from 'knex';
import {
  createReadModels,
  createRouter,
  DatabaseReviewsStore,
  EntityAccessCache,
  readPartnersBackendConfig,
  ReviewsService,
} from './backend';
import { listen, type Served } from './serve';

/** Allows everything. */
const allowAll: PermissionsService = {
  authorize: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
};

/**
 * The plugin's router as the plugin wires it. `accessCache`: the entity
 * access pages in the real in-memory cache service with the default TTL,
 * or not cached.
 */
export async function pluginServer(
  knex: Knex,
  { accessCache }: { accessCache: boolean },
): Promise<Served> {
  const logger = mockServices.rootLogger({ level: 'error' });
  // the TTL the backend reads from an empty app-config: the default
  const { entityAccessCacheTtlMs } = readPartnersBackendConfig(
    new ConfigReader({}),
  );
  const accessPages = accessCache
    ? new EntityAccessCache({
        cache: CacheManager.fromConfig(new ConfigReader({})).forPlugin(
          'partners',
        ),
        logger,
        ttlMs: entityAccessCacheTtlMs,
      })
    : EntityAccessCache.disabled();
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: allowAll,
    auditor: {
      createEvent: async () => ({
        success: async () => {},
        fail: async () => {},
      }),
    },
    // the benchmark never triggers a sync
    sync: {
      run: async () => ({
        partners: 0,
        integrations: 0,
        changed: 0,
        gone: 0,
        rowsWritten: 0,
      }),
    },
    reads: createReadModels(knex),
    userInfo: mockServices.userInfo(),
    reviews: new ReviewsService({
      store: new DatabaseReviewsStore(knex),
      policy: () => DEFAULT_PARTNERS_POLICY,
      logger,
    }),
    audit: { list: async () => ({ items: [] }) },
    accessPages,
  });
  return listen(express().use(router).use(mockErrorHandler()));
}
