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
  mockCredentials,
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import {
  DEFAULT_PARTNERS_POLICY,
  partnersOffboardingCompletePermission,
  partnersOffboardingVerifyPermission,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import { createRouter } from '../router';
import { OffboardingService } from '../services/OffboardingService';
import { createReadModels } from '../services/read';
import { ReviewsService } from '../services/ReviewsService';
import { ALICE, BOB } from './actors';
import { createTestDatabaseService } from './databases';
import { serve, type ServedRouter } from './http';
import { ENDED_API, NOW, seedOffboardingEstate } from './offboarding';
import { grantingPermissions } from './permissions';
import { CAROL } from './actors';

export const DAVE = 'user:default/dave';
export const MALLORY = 'user:default/mallory';

/** Who holds which permission: the policy the mock permissions apply. */
const GRANTS: Record<string, string[]> = {
  [partnersOffboardingCompletePermission.name]: [ALICE, BOB],
  [partnersOffboardingVerifyPermission.name]: [ALICE, BOB, CAROL, DAVE],
  'partners.review.decide': [ALICE],
  'partners.details.read': [
    ALICE,
    BOB,
    CAROL,
    DAVE,
    mockCredentials.user().principal.userEntityRef,
  ],
};

/** The checklist of partner `ended` as the job opens it. */
export const ENDED_ITEMS = [
  {
    id: 1,
    checklistId: 1,
    kind: 'revoke',
    integrationRef: ENDED_API,
    identity: 'ended-key',
    description: `Revoke api-key ended-key of ${ENDED_API}`,
    source: 'offboarding',
    status: 'pending',
  },
  {
    id: 2,
    checklistId: 1,
    kind: 'rotate',
    integrationRef: ENDED_API,
    identity: 'ended-key',
    description: `Rotate the shared secret of api-key ended-key of ${ENDED_API} (its secret is held by 1 other identity too)`,
    source: 'offboarding',
    status: 'pending',
  },
  {
    id: 3,
    checklistId: 1,
    kind: 'close',
    integrationRef: ENDED_API,
    description: `Close ${ENDED_API}`,
    source: 'offboarding',
    status: 'pending',
  },
];

/** The offboarding routes over the offboarding estate, checklists open. */
export interface OffboardingRouter {
  knex: Knex;
  baseUrl: string;
  permissions: ReturnType<typeof mockServices.permissions.mock>;
  auditor: ReturnType<typeof mockServices.auditor.mock>;
  /** The offboarding and reviews services' logger. */
  logger: ReturnType<typeof mockServices.logger.mock>;
  get(path: string, authorization?: string): Promise<Response>;
  post(
    path: string,
    payload: unknown,
    as?: string,
    authorization?: string,
  ): Promise<Response>;
  /** POST /offboarding/items/{id}/complete. */
  complete(
    id: number | string,
    payload: unknown,
    as?: string,
  ): Promise<Response>;
  /** POST /partners/{ref}/offboarding/verify. */
  verify(ref: string, payload: unknown, as?: string): Promise<Response>;
  /** Every checklist, item and audit row, in order. */
  dump(): Promise<{ checklists: any[]; items: any[]; audit: any[] }>;
  /** The auditor events' outcomes: [eventId, 'success' | 'fail']. */
  auditorOutcomes(): Promise<Array<[string, string]>>;
}

/**
 * Serves the router before each test of the enclosing describe block, on a
 * fresh database where the job opened checklists 1 (ended, items 1-3),
 * 2 (leaving, 4-9) and 3 (terminated), and stops it after.
 */
export function offboardingRouter(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): OffboardingRouter {
  let served: ServedRouter | undefined;
  const fx: OffboardingRouter = {
    knex: undefined as unknown as Knex,
    baseUrl: '',
    permissions: undefined as unknown as OffboardingRouter['permissions'],
    auditor: undefined as unknown as OffboardingRouter['auditor'],
    logger: undefined as unknown as OffboardingRouter['logger'],
    get: (path, authorization = mockCredentials.user.header()) =>
      fetch(`${fx.baseUrl}${path}`, {
        headers: { Authorization: authorization },
      }),
    post: (
      path,
      payload,
      as = ALICE,
      authorization = mockCredentials.user.header(as),
    ) =>
      fetch(`${fx.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          Authorization: authorization,
          ...(payload !== undefined && { 'Content-Type': 'application/json' }),
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      }),
    complete: (id, payload, as = ALICE) =>
      fx.post(`/offboarding/items/${id}/complete`, payload, as),
    verify: (ref, payload, as = CAROL) =>
      fx.post(
        `/partners/${encodeURIComponent(ref)}/offboarding/verify`,
        payload,
        as,
      ),
    dump: async () => ({
      checklists: await fx.knex('offboarding_checklists').orderBy('id'),
      items: await fx.knex('offboarding_items').orderBy('id'),
      audit: await fx.knex('audit_events').orderBy('id'),
    }),
    auditorOutcomes: async () => {
      const outcomes: Array<[string, string]> = [];
      for (const [i, call] of fx.auditor.createEvent.mock.calls.entries()) {
        const event = await fx.auditor.createEvent.mock.results[i].value;
        if (event.success.mock.calls.length) {
          outcomes.push([call[0].eventId, 'success']);
        }
        if (event.fail.mock.calls.length) {
          outcomes.push([call[0].eventId, 'fail']);
        }
      }
      return outcomes;
    },
  };

  beforeEach(async () => {
    const created = await createTestDatabaseService(databases, databaseId);
    const knex = created.knex;
    const logger = mockServices.logger.mock();
    const offboarding = new OffboardingService({
      store: await DatabaseOffboardingStore.create({
        database: created.database,
      }),
      logger,
      clock: () => NOW,
    });
    const reviews = new ReviewsService({
      store: await DatabaseReviewsStore.create({
        database: created.database,
      }),
      policy: () => DEFAULT_PARTNERS_POLICY,
      logger,
      onRevoke: offboarding.onRevoke,
      clock: () => NOW,
    });
    await seedOffboardingEstate(knex);
    // checklists 1 (ended, items 1-3), 2 (leaving, 4-9), 3 (terminated)
    await offboarding.openDueChecklists();

    const permissions = grantingPermissions(GRANTS);
    const auditor = mockServices.auditor.mock();
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      auditor,
      sync: { run: jest.fn() },
      reads: createReadModels(knex),
      userInfo: mockServices.userInfo(),
      reviews,
      audit: new DatabaseAuditStore(knex),
      offboarding,
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
