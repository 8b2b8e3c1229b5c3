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
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DEFAULT_PARTNERS_POLICY } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import { createRouter } from '../router';
import { EntityAccessCache } from '../services/EntityAccessCache';
import { createReadModels } from '../services/read';
import { ReviewsService } from '../services/ReviewsService';
import { createTestDatabaseService } from './databases';
import { serve, type ServedRouter } from './http';
import { CRIT_API, day, MED_API, seedReviewEstate, T0 } from './reviews';

export const NOW = day(20);
/** The caller, a member of group team-a. */
export const ME = 'user:default/mock';

/** Review #1 (crit-api) as GET /reviews/1 shows it on day 20. */
export const CRIT_REVIEW = {
  id: 1,
  integrationRef: CRIT_API,
  partnerRef: 'partner:default/crit',
  assignee: 'group:default/team-a',
  status: 'pending',
  openedAt: day(16).toISOString(),
  dueAt: day(30).toISOString(),
  overdue: false,
  dueReason: 'Due by cadence.',
  triggers: [],
};
/** The identities review #1 shows. */
export const CRIT_IDENTITIES = [
  {
    name: 'crit-key',
    type: 'api-key',
    status: 'active',
    scopes: ['orders:read', 'orders:write'],
    privileged: false,
    lastUsed: '2026-10-10',
    rotationAgeDays: 50,
    dormant: false,
  },
  {
    name: 'crit-old',
    type: 'api-key',
    status: 'active',
    scopes: ['orders:read'],
    privileged: false,
    lastUsed: '2026-06-01',
    // issued on T0 (see reviewsRouter), never rotated
    rotationAgeDays: 20,
    dormant: true,
  },
];

/** The review and audit routes over the review estate, on day 20. */
export interface ReviewsRouter {
  knex: Knex;
  baseUrl: string;
  /** Allows by default. */
  permissions: ReturnType<typeof mockServices.permissions.mock>;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  /** The reviews service's logger. */
  logger: ReturnType<typeof mockServices.logger.mock>;
  get(path: string): Promise<Response>;
  /** POST /reviews/{id}/decision. */
  decide(id: number | string, body: unknown): Promise<Response>;
  /** Every review and audit row, in order. */
  dump(): Promise<{ reviews: any[]; audit: any[] }>;
}

/**
 * Serves the router before each test of the enclosing describe block, on a
 * fresh database with reviews #1-#4 pending and #5-#7 decided, and stops it
 * after.
 */
export function reviewsRouter(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): ReviewsRouter {
  let served: ServedRouter | undefined;
  const fx: ReviewsRouter = {
    knex: undefined as unknown as Knex,
    baseUrl: '',
    permissions: undefined as unknown as ReviewsRouter['permissions'],
    auditor: undefined as unknown as ReviewsRouter['auditor'],
    logger: undefined as unknown as ReviewsRouter['logger'],
    get: path => fetch(`${fx.baseUrl}${path}`),
    decide: (id, body) =>
      fetch(`${fx.baseUrl}/reviews/${id}/decision`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    dump: async () => ({
      reviews: await fx.knex('access_reviews').orderBy('id'),
      audit: await fx.knex('audit_events').orderBy('id'),
    }),
  };

  beforeEach(async () => {
    const created = await createTestDatabaseService(databases, databaseId);
    const knex = created.knex;
    const store = await DatabaseReviewsStore.create({
      database: created.database,
    });
    await seedReviewEstate(knex);
    // every identity issued the day the job first sees the estate: each
    // first review falls due one cadence of the tier later
    await knex('identities').update({ issued: T0.slice(0, 10) });
    // the real in-memory cache service, entries kept for a minute
    const accessPages = new EntityAccessCache({
      cache: CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
        'partners',
      ),
      ttlMs: 60_000,
    });
    const logger = mockServices.logger.mock();
    const reviews = new ReviewsService({
      store,
      policy: () => DEFAULT_PARTNERS_POLICY,
      logger,
      clock: () => NOW,
      accessPages,
    });
    // #1 crit-api (due day 30), #2 high-api (90), #3 med-api (180), #4 low-api (365)
    for (const d of [0, 16, 76, 166, 351]) {
      await reviews.openDueReviews(day(d));
    }
    // #5..#7: decided reviews of med-api, #5 and #6 due with #1
    const decided: Array<[Date, string]> = [
      [day(30), 'group:default/team-b'],
      [day(30), 'group:default/team-a'],
      [day(10), 'group:default/team-b'],
    ];
    for (const [dueAt, assignee] of decided) {
      await knex('access_reviews').insert({
        integration_ref: MED_API,
        partner_ref: 'partner:default/med',
        assignee_ref: assignee,
        status: 'attested',
        pending_key: null,
        opened_at: day(0).toISOString(),
        due_at: dueAt.toISOString(),
        decided_at: day(1).toISOString(),
        decided_by: 'user:default/bob',
        comment: 'fine',
        snapshot: '[]',
      });
    }

    const permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    permissions.authorizeConditional.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    const auditor = mockServices.auditor.mock();
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      auditor,
      sync: { run: jest.fn() },
      reads: createReadModels(knex),
      userInfo: mockServices.userInfo({
        userEntityRef: ME,
        ownershipEntityRefs: [ME, 'group:default/Team-A'],
      }),
      reviews,
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
