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

import { createHash, randomUUID } from 'node:crypto';
import type {
  CacheService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { EntityAccessResponse } from '@partner-governance/plugin-partners-common';
import type { DetailsScope } from '../database/stakeholders';

const GENERATION_KEY = 'entity-access-generation';

/** What identifies one access page: the request as the caller may see it. */
export interface EntityAccessPageKey {
  ref: string;
  limit?: number;
  cursor?: string;
  /** What the caller may see of the page's details. */
  scope: DetailsScope;
}

/** A page as cached: `body` is the JSON text sent when it was read. */
export type StoredPage = {
  entityRef: string;
  integrations: number;
  body: string;
};

/** One page, fresh from the database (`response`) or as cached. */
export type EntityAccessPage =
  | { response: EntityAccessResponse; entityRef: string; integrations: number }
  | StoredPage;

/**
 * Entity access pages in the Backstage cache service. The service card
 * reads the same page on every visit to an entity page, and each page is
 * the plugin's most expensive read.
 *
 * Entries are keyed under a generation that every write reaching these
 * pages replaces (`invalidate`: the index refresh, review decisions,
 * exception decisions), so a read after a write through the same cache
 * never sees the page from before it. The generation is read before the
 * page, so a page stored under it is never older than it. With the default
 * in-memory store each backend instance has its own generation, and a write
 * through another instance shows here after at most the TTL; a shared
 * store (`backend.cache` with Redis, Valkey or Memcache) shares it.
 *
 * Two fields of a page change with time alone: a pending review becomes
 * overdue at its due date, and a finding stops being accepted risk when its
 * exception expires. An entry never outlives the earliest of these.
 */
export class EntityAccessCache {
  /** A cache that stores nothing: every read loads the page. */
  static disabled(): EntityAccessCache {
    return new EntityAccessCache({ ttlMs: 0 });
  }

  private readonly cache?: CacheService;
  private readonly logger?: LoggerService;
  private readonly ttlMs: number;
  private readonly clock: () => Date;

  constructor(options: {
    cache?: CacheService;
    logger?: LoggerService;
    ttlMs: number;
    clock?: () => Date;
  }) {
    this.cache = options.ttlMs > 0 ? options.cache : undefined;
    this.logger = options.logger;
    this.ttlMs = options.ttlMs;
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * The cached page for `key`, or the one `load` reads, then cached. A cache
   * store that fails is logged and bypassed: the page is read from the
   * database.
   */
  async read(
    key: EntityAccessPageKey,
    load: () => Promise<EntityAccessResponse>,
  ): Promise<EntityAccessPage> {
    const cache = this.cache;
    if (!cache) {
      return described(await load());
    }
    let entryKey: string;
    try {
      const generation = await this.generation(cache);
      entryKey = `entity-access:${JSON.stringify([
        generation,
        scopeKey(key.scope),
        key.limit ?? null,
        key.cursor ?? null,
        key.ref,
      ])}`;
      const stored = await cache.get<StoredPage>(entryKey);
      if (stored) {
        return stored;
      }
    } catch (error) {
      this.warn('read', error);
      return described(await load());
    }
    const page = described(await load());
    const ttl = this.ttlFor(page.response);
    if (ttl > 0) {
      const entry: StoredPage = {
        entityRef: page.entityRef,
        integrations: page.integrations,
        body: JSON.stringify(page.response),
      };
      await cache.set(entryKey, entry, { ttl }).catch(error => {
        this.warn('write', error);
      });
    }
    return page;
  }

  /**
   * Drops every cached page: called after each write that reaches them.
   * Should the store fail, pages already cached live out their TTL.
   */
  async invalidate(): Promise<void> {
    try {
      await this.cache?.set(GENERATION_KEY, randomUUID());
    } catch (error) {
      this.warn('invalidate', error);
    }
  }

  private async generation(cache: CacheService): Promise<string> {
    const current = await cache.get(GENERATION_KEY);
    if (typeof current === 'string') {
      return current;
    }
    const fresh = randomUUID();
    await cache.set(GENERATION_KEY, fresh);
    return fresh;
  }

  private warn(action: string, error: unknown) {
    this.logger?.warn(
      `Could not ${action} the entity access cache: ${String(error)}`,
    );
  }

  /** The TTL, cut short by the page's earliest due date or expiry. */
  private ttlFor(response: EntityAccessResponse): number {
    const now = this.clock().getTime();
    let until = now + this.ttlMs;
    const boundary = (iso: string | undefined) => {
      const at = iso === undefined ? NaN : Date.parse(iso);
      if (at > now && at < until) {
        until = at;
      }
    };
    for (const item of response.items) {
      boundary(item.pendingReview?.dueAt);
      for (const finding of item.findings) {
        boundary(finding.acceptedRisk?.expiresAt);
      }
    }
    return until - now;
  }
}

/** A short key for a scope: conditions name the caller's claims. */
function scopeKey(scope: DetailsScope): string {
  return typeof scope === 'string'
    ? scope
    : createHash('sha256').update(JSON.stringify(scope)).digest('base64url');
}

function described(response: EntityAccessResponse) {
  return {
    response,
    entityRef: response.entityRef,
    integrations: response.items.length,
  };
}
