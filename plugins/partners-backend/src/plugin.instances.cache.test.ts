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

import { randomUUID } from 'node:crypto';
import { cacheServiceFactory } from '@backstage/backend-defaults/cache';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { SHARED_DATABASE_IDS } from './__testUtils__/databases';
import { loadExampleEntities } from './__testUtils__/examples';
import { countQueries, getJson, must } from './__testUtils__/http';
import { SCHEDULE } from './__testUtils__/pluginBackend';
import { testRedis } from './__testUtils__/redis';
import partnersPlugin from './index';

jest.setTimeout(60_000);
// Records the Redis stores of the backends' cache services, which stopping a
// backend leaves connected: testRedis closes them after the file.
jest.mock('@keyv/redis', () =>
  require('./__testUtils__/redis').recordingKeyvRedis(),
);

const USER = { Authorization: mockCredentials.user.header() };

/**
 * Cached access pages live an hour here: a read that sees a decision made
 * seconds earlier on the other instance cannot owe it to the TTL.
 */
const LONG_TTL = { hours: 1 };

/** One backend instance: the URL of a path of its partners API. */
type Instance = (path: string) => string;

/**
 * Replicas of the backend behind one load balancer: each has its own
 * `coreServices.cache`, configured by `backend.cache`, over one database.
 */
describe('the entity access cache across backend instances', () => {
  const databases = TestDatabases.create({ ids: SHARED_DATABASE_IDS });
  const redis = testRedis();
  const backends: TestBackend[] = [];

  afterEach(async () => {
    await Promise.all(backends.splice(0).map(backend => backend.stop()));
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    /** A key prefix of this test alone in the shared Redis. */
    let namespace: string;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      namespace = `partners-test-${randomUUID()}`;
    });

    afterEach(async () => {
      await redis.deleteKeys(`${namespace}:`);
    });

    async function startInstance(cache?: JsonObject): Promise<Instance> {
      const backend = await startTestBackend({
        features: [
          partnersPlugin,
          catalogServiceMock.factory({ entities: loadExampleEntities() }),
          mockServices.database.factory({ knex }),
          // what a deployment runs: the cache service reads backend.cache
          cacheServiceFactory,
          mockServices.rootConfig.factory({
            data: {
              ...(cache ? { backend: { cache } } : {}),
              partners: {
                sync: { schedule: SCHEDULE },
                entityAccessCache: { ttl: LONG_TTL },
              },
            },
          }),
        ],
      });
      backends.push(backend);
      return path =>
        `http://localhost:${backend.server.port()}/api/partners${path}`;
    }

    /** The two instances, started one after the other as a rollout does. */
    async function startInstances(cache?: JsonObject) {
      const one = await startInstance(cache);
      const two = await startInstance(cache);
      return { one, two };
    }

    const redisCache = (): JsonObject => ({
      store: 'redis',
      connection: redis.url,
      redis: { client: { namespace } },
    });

    /**
     * Syncs the example estate through `instance`, which opens the
     * long-due reviews, and picks a pending review with an entity its
     * integration reaches (the one fewest integrations reach, so that it
     * is on the first page).
     */
    async function pendingReviewOnAnEntity(instance: Instance) {
      await must(
        fetch(instance('/sync'), { method: 'POST', headers: USER }),
        200,
      );
      const pending = await knex('access_reviews').where('status', 'pending');
      const accesses: Array<{ integration_ref: string; target_ref: string }> =
        await knex('integration_accesses');
      const reach = (target: string) =>
        accesses.filter(a => a.target_ref === target).length;
      const [pick] = pending
        .flatMap(review =>
          accesses
            .filter(a => a.integration_ref === review.integration_ref)
            .map(a => ({ review, entityRef: a.target_ref })),
        )
        .sort((a, b) => reach(a.entityRef) - reach(b.entityRef));
      expect(pick).toBeDefined();
      return { reviewId: Number(pick.review.id), entityRef: pick.entityRef };
    }

    /** GET /entities/{ref}/access on an instance, and its queries. */
    async function readAccess(instance: Instance, entityRef: string) {
      let read: { status: number; body: any } | undefined;
      const queries = await countQueries(knex, async () => {
        read = await getJson(
          instance(`/entities/${encodeURIComponent(entityRef)}/access`),
          USER,
        );
      });
      expect(read!.status).toBe(200);
      return { page: read!.body, queries };
    }

    /** The pending review the page shows for the review's integration. */
    const pendingShown = (page: any, reviewId: number) =>
      page.items.some((item: any) => item.pendingReview?.id === reviewId);

    async function attest(instance: Instance, reviewId: number) {
      await must(
        fetch(instance(`/reviews/${reviewId}/decision`), {
          method: 'POST',
          headers: { ...USER, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            decision: 'attest',
            comment: 'Still needed for the nightly order export',
          }),
        }),
        200,
      );
    }

    it('with backend.cache on Redis, a decision on one instance shows on the next read of the other', async () => {
      const { one, two } = await startInstances(redisCache());
      const { reviewId, entityRef } = await pendingReviewOnAnEntity(one);

      // instance two reads the page from the database and caches it
      const first = await readAccess(two, entityRef);
      expect(pendingShown(first.page, reviewId)).toBe(true);
      expect(first.queries).toBeGreaterThan(0);
      // in Redis, under this test's namespace
      expect(await redis.keys(`${namespace}:partners:`)).not.toEqual([]);
      // instance one finds it there: the store is shared
      const shared = await readAccess(one, entityRef);
      expect(shared.queries).toBe(0);
      expect(shared.page).toEqual(first.page);

      await attest(one, reviewId);

      // at once, well within the hour the page was cached for
      const after = await readAccess(two, entityRef);
      expect(pendingShown(after.page, reviewId)).toBe(false);
      expect(after.queries).toBeGreaterThan(0);
      expect(after.page.items.map((item: any) => item.entityRef)).toEqual(
        first.page.items.map((item: any) => item.entityRef),
      );
      // and that fresh page is what both instances serve from then on
      const again = await readAccess(one, entityRef);
      expect(again.queries).toBe(0);
      expect(again.page).toEqual(after.page);
    });

    it('with the default in-memory cache, the other instance serves its stale page until the TTL', async () => {
      const { one, two } = await startInstances();
      const { reviewId, entityRef } = await pendingReviewOnAnEntity(one);

      const first = await readAccess(two, entityRef);
      expect(pendingShown(first.page, reviewId)).toBe(true);
      // each instance has a cache of its own
      const own = await readAccess(one, entityRef);
      expect(own.queries).toBeGreaterThan(0);

      await attest(one, reviewId);

      // the instance that decided dropped its pages; the other did not
      const decider = await readAccess(one, entityRef);
      expect(pendingShown(decider.page, reviewId)).toBe(false);
      const stale = await readAccess(two, entityRef);
      expect(stale.queries).toBe(0);
      expect(stale.page).toEqual(first.page);
      expect(pendingShown(stale.page, reviewId)).toBe(true);
    });
  });
});
