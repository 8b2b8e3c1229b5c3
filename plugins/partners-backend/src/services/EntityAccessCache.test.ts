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

import type { CacheService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import type {
  EntityAccessItem,
  EntityAccessResponse,
} from '@partner-governance/plugin-partners-common';
import {
  EntityAccessCache,
  type EntityAccessPage,
  type EntityAccessPageKey,
} from './EntityAccessCache';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const ORDERS = 'component:default/orders-service';
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

function item(overrides: Partial<EntityAccessItem> = {}): EntityAccessItem {
  return {
    entityRef: 'partnerintegration:default/acme-api',
    type: 'api',
    owner: 'group:default/team-a',
    partner: { entityRef: 'partner:default/acme' },
    identities: [{ name: 'acme-key', type: 'api-key', scopes: [] }],
    findings: [],
    ...overrides,
  } as EntityAccessItem;
}

function page(items: EntityAccessItem[], marker = 'v1'): EntityAccessResponse {
  return {
    entityRef: ORDERS,
    items,
    totals: { integrations: items.length, partners: 1 },
    // tells one load from another
    nextCursor: marker,
  } as EntityAccessResponse;
}

/** The real in-memory cache service, with every `set` recorded. */
function recordedCache() {
  const cache = CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
    'partners',
  );
  const sets: Array<{ key: string; ttl?: unknown }> = [];
  const recorded: CacheService = {
    get: key => cache.get(key),
    delete: key => cache.delete(key),
    set: async (key, value, options) => {
      sets.push({ key, ttl: options?.ttl });
      await cache.set(key, value, options);
    },
    withOptions: () => recorded,
  };
  return { cache: recorded, sets };
}

/** The page's JSON as the route would send it. */
function sent(result: EntityAccessPage): unknown {
  return 'response' in result
    ? JSON.parse(JSON.stringify(result.response))
    : JSON.parse(result.body);
}

describe('EntityAccessCache', () => {
  const key: EntityAccessPageKey = { ref: ORDERS, scope: 'none' };

  function create(cache: CacheService, ttlMs = 5_000) {
    return new EntityAccessCache({ cache, ttlMs, clock: () => NOW });
  }

  it('serves the second read of a page from the cache, as the same JSON', async () => {
    const accessPages = create(recordedCache().cache);
    const load = jest.fn(async () => page([item()]));

    const first = await accessPages.read(key, load);
    const second = await accessPages.read(key, load);

    expect(load).toHaveBeenCalledTimes(1);
    expect('response' in first).toBe(true);
    expect('body' in second).toBe(true);
    expect(sent(second)).toEqual(sent(first));
    expect(second).toMatchObject({ entityRef: ORDERS, integrations: 1 });
  });

  it('keeps the pages of callers with different conditions apart', async () => {
    const accessPages = create(recordedCache().cache);
    const stakeholder = (claims: string[]) => ({
      key: 'stakeholder' as const,
      values: claims,
    });
    await accessPages.read(
      { ...key, scope: stakeholder(['group:default/team-orders']) },
      async () =>
        page([item({ identities: [{ secretRef: 'vault:kv/acme' } as never] })]),
    );
    const other = await accessPages.read(
      { ...key, scope: stakeholder(['group:default/team-billing']) },
      async () => page([item()]),
    );
    const same = await accessPages.read(
      { ...key, scope: stakeholder(['group:default/team-orders']) },
      async () => page([item()]),
    );

    expect(JSON.stringify(sent(other))).not.toContain('vault:kv/acme');
    expect(JSON.stringify(sent(same))).toContain('vault:kv/acme');
  });

  it('keeps pages with and without secret locations apart', async () => {
    const accessPages = create(recordedCache().cache);
    const secret = page(
      [item({ identities: [{ secretRef: 'vault:kv/acme' } as never] })],
      'with-secrets',
    );
    await accessPages.read({ ...key, scope: 'all' }, async () => secret);

    const plain = await accessPages.read(key, async () => page([item()]));

    expect(JSON.stringify(sent(plain))).not.toContain('vault:kv/acme');
  });

  it('keys pages by limit and cursor', async () => {
    const accessPages = create(recordedCache().cache);
    const load = jest.fn(async () => page([item()]));

    await accessPages.read({ ...key, limit: 5 }, load);
    await accessPages.read({ ...key, limit: 25 }, load);
    await accessPages.read({ ...key, limit: 5, cursor: 'abc' }, load);
    await accessPages.read({ ...key, limit: 5 }, load);

    expect(load).toHaveBeenCalledTimes(3);
  });

  it('loads again after invalidate, on every instance sharing the store', async () => {
    const { cache } = recordedCache();
    const instanceA = create(cache);
    const instanceB = create(cache);
    await instanceB.read(key, async () => page([item()], 'v1'));

    await instanceA.invalidate();
    const fresh = await instanceB.read(key, async () => page([item()], 'v2'));
    const again = await instanceB.read(key, async () => page([item()], 'v3'));

    expect(sent(fresh)).toMatchObject({ nextCursor: 'v2' });
    expect(sent(again)).toMatchObject({ nextCursor: 'v2' });
  });

  it('caches no longer than the earliest due date or exception expiry', async () => {
    const { cache, sets } = recordedCache();
    const accessPages = create(cache, 5_000);
    const pageSets = () => sets.filter(s => s.key.startsWith('entity-access:'));
    const review = (dueAt: string) => ({
      id: 1,
      assignee: 'group:default/team-a',
      dueAt,
      overdue: false,
    });
    const accepted = (expiresAt: string) =>
      ({
        id: 1,
        ruleId: 'identity-dormant',
        acceptedRisk: { exceptionId: 1, expiresAt, approvedBy: 'user:a' },
      } as never);

    await accessPages.read({ ...key, cursor: '1' }, async () =>
      page([item({ pendingReview: review(at(1_500)) })]),
    );
    await accessPages.read({ ...key, cursor: '2' }, async () =>
      page([
        item({ pendingReview: review(at(60_000)) }),
        item({ findings: [accepted(at(2_500))] }),
      ]),
    );
    // overdue already: no boundary ahead
    await accessPages.read({ ...key, cursor: '3' }, async () =>
      page([item({ pendingReview: review(at(-1_000)) })]),
    );

    expect(pageSets().map(s => s.ttl)).toEqual([1_500, 2_500, 5_000]);
  });

  it('lets an entry expire with its TTL', async () => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const accessPages = new EntityAccessCache({
        cache: recordedCache().cache,
        ttlMs: 1_000,
      });
      const load = jest.fn(async () => page([item()]));
      await accessPages.read(key, load);
      jest.advanceTimersByTime(999);
      await accessPages.read(key, load);
      expect(load).toHaveBeenCalledTimes(1);

      jest.advanceTimersByTime(2);
      await accessPages.read(key, load);
      expect(load).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it('stores nothing when turned off', async () => {
    const { cache, sets } = recordedCache();
    const turnedOff = [
      EntityAccessCache.disabled(),
      new EntityAccessCache({
        cache,
        logger: mockServices.logger.mock(),
        ttlMs: 0,
      }),
    ];
    for (const accessPages of turnedOff) {
      const load = jest.fn(async () => page([item()]));
      await accessPages.read(key, load);
      await accessPages.read(key, load);
      await accessPages.invalidate();
      expect(load).toHaveBeenCalledTimes(2);
    }
    expect(sets).toEqual([]);
  });

  it('keeps pages for the TTL it is given', async () => {
    const ttls = async (ttlMs: number) => {
      const { cache, sets } = recordedCache();
      await new EntityAccessCache({
        cache,
        logger: mockServices.logger.mock(),
        ttlMs,
        clock: () => NOW,
      }).read(key, async () => page([item()]));
      return sets
        .filter(s => s.key.startsWith('entity-access:'))
        .map(s => s.ttl);
    };

    expect(await ttls(5_000)).toEqual([5_000]);
    expect(await ttls(60_000)).toEqual([60_000]);
  });

  it('reads the database, and says so, when the cache store fails', async () => {
    const logger = mockServices.logger.mock();
    const broken: CacheService = {
      get: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      },
      set: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
      },
      delete: async () => {},
      withOptions: () => broken,
    };
    const accessPages = new EntityAccessCache({
      cache: broken,
      logger,
      ttlMs: 5_000,
    });

    const result = await accessPages.read(key, async () => page([item()]));
    await expect(accessPages.invalidate()).resolves.toBeUndefined();

    expect(sent(result)).toMatchObject({ entityRef: ORDERS });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Could not read the entity access cache'),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('Could not invalidate the entity access cache'),
    );
  });
});
