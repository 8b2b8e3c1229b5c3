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

import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  mockCredentials,
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DEFAULT_PARTNERS_POLICY,
  partnersExceptionApprovePermission,
  partnersExceptionRequestPermission,
  partnersDetailsReadPermission,
  type PartnersPolicy,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { DatabaseExceptionsStore } from '../database/DatabaseExceptionsStore';
import { createRouter } from '../router';
import { EntityAccessCache } from '../services/EntityAccessCache';
import { ExceptionsService } from '../services/ExceptionsService';
import { createReadModels } from '../services/read';
import type { ReviewsService } from '../services/ReviewsService';
import { ALICE, BOB, DAN } from './actors';
import { must } from './http';
import { createTestDatabaseService } from './databases';
import { serve, type ServedRouter } from './http';
import { grantingPermissions } from './permissions';
import { CRIT_API, day, seedReviewEstate } from './reviews';
import { CRIT } from './reviews';

export const NOW = day(20);

/** Who holds what: alice and bob request, bob and alice approve, carol nothing. */
const GRANTS: Record<string, string[]> = {
  [partnersExceptionRequestPermission.name]: [ALICE, BOB, DAN],
  [partnersExceptionApprovePermission.name]: [ALICE, BOB],
  [partnersDetailsReadPermission.name]: [ALICE, BOB],
};

/** A request for an exception to crit-old's dormancy, with overrides. */
export const body = (overrides: Record<string, unknown> = {}) => ({
  ruleId: 'identity-dormant',
  entityRef: CRIT_API,
  identity: 'crit-old',
  justification: 'Yearly export job; rotation planned with the partner',
  expiresAt: day(50).toISOString(),
  ...overrides,
});

/** Exception #1 as alice requests it with `body()`. */
export const CRIT_EXCEPTION = {
  id: 1,
  ruleId: 'identity-dormant',
  entityRef: CRIT_API,
  identity: 'crit-old',
  partnerRef: CRIT,
  justification: 'Yearly export job; rotation planned with the partner',
  requestedBy: ALICE,
  requestedAt: NOW.toISOString(),
  expiresAt: day(50).toISOString(),
  status: 'requested',
};

/** The exceptions routes over the review estate, on day 20. */
export interface ExceptionsRouter {
  knex: Knex;
  baseUrl: string;
  /** The policy the service reads; a test may replace it. */
  policy: PartnersPolicy;
  permissions: ReturnType<typeof mockServices.permissions.mock>;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  /** The exceptions service's logger. */
  logger: ReturnType<typeof mockServices.logger.mock>;
  get(path: string, as?: string): Promise<Response>;
  post(path: string, payload: unknown, as?: string): Promise<Response>;
  /** POST /exceptions with `body(overrides)`. */
  request(overrides?: Record<string, unknown>, as?: string): Promise<Response>;
  /**
   * Alice requests #1 (identity-dormant), #2 (identity-no-expiry) and #3
   * (identity-rotation-overdue); throws unless each is stored.
   */
  requestThree(): Promise<void>;
  /** Every exception and audit row, in order. */
  dump(): Promise<{ exceptions: any[]; audit: any[] }>;
  /** The last auditor event's success or failure. */
  lastEvent(): Promise<any>;
}

/**
 * Serves the router before each test of the enclosing describe block, on a
 * fresh database, and stops it after.
 */
export function exceptionsRouter(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): ExceptionsRouter {
  let served: ServedRouter | undefined;
  const fx: ExceptionsRouter = {
    knex: undefined as unknown as Knex,
    baseUrl: '',
    policy: DEFAULT_PARTNERS_POLICY,
    permissions: undefined as unknown as ExceptionsRouter['permissions'],
    auditor: undefined as unknown as ExceptionsRouter['auditor'],
    logger: undefined as unknown as ExceptionsRouter['logger'],
    get: (path, as = ALICE) =>
      fetch(`${fx.baseUrl}${path}`, {
        headers: { Authorization: mockCredentials.user.header(as) },
      }),
    post: (path, payload, as = ALICE) =>
      fetch(`${fx.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: mockCredentials.user.header(as),
        },
        body: JSON.stringify(payload),
      }),
    request: (overrides = {}, as = ALICE) =>
      fx.post('/exceptions', body(overrides), as),
    requestThree: async () => {
      for (const ruleId of [
        'identity-dormant',
        'identity-no-expiry',
        'identity-rotation-overdue',
      ]) {
        await must(fx.request({ ruleId }), 201);
      }
    },
    dump: async () => ({
      exceptions: await fx.knex('exceptions').orderBy('id'),
      audit: await fx.knex('audit_events').orderBy('id'),
    }),
    lastEvent: async () => {
      const results = fx.auditor.createEvent.mock.results;
      return results[results.length - 1].value;
    },
  };

  beforeEach(async () => {
    const created = await createTestDatabaseService(databases, databaseId);
    const knex = created.knex;
    const store = await DatabaseExceptionsStore.create({
      database: created.database,
    });
    await seedReviewEstate(knex);
    fx.policy = { ...DEFAULT_PARTNERS_POLICY };
    const permissions = grantingPermissions(GRANTS);
    const auditor = mockServices.auditor.mock();
    const logger = mockServices.logger.mock();
    // the real in-memory cache service, entries kept for a minute
    const accessPages = new EntityAccessCache({
      cache: CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
        'partners',
      ),
      ttlMs: 60_000,
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      auditor,
      sync: { run: jest.fn() },
      reads: createReadModels(knex),
      userInfo: mockServices.userInfo(),
      reviews: {} as ReviewsService,
      exceptions: new ExceptionsService({
        store,
        policy: () => fx.policy,
        logger,
        clock: () => NOW,
        accessPages,
      }),
      audit: new DatabaseAuditStore(knex),
      accessPages,
      validateResponses: true,
    });
    served = await serve(router);
    Object.assign(fx, {
      knex,
      baseUrl: served.baseUrl,
      permissions,
      auditor,
      logger,
    });
  });

  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  return fx;
}
