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
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { migrateDatabase } from './migrateDatabase';
import type { RefreshLock } from './RefreshLock';

/** A row of `refresh_locks`. */
interface RefreshLockRow {
  name: string;
  holder: string;
  expires_at: number | string;
}

const LOCK_NAME = 'refresh';

/** How long a holder that never releases (it died) blocks the others. */
const DEFAULT_LEASE_MS = 30 * 60 * 1000;

/**
 * The refresh lock as a row of the plugin's database: taking it is an insert
 * that a held row makes a no-op, so of two instances (or a scheduled run and
 * a `POST /sync`) exactly one gets it, on SQLite and PostgreSQL alike.
 *
 * @internal
 */
export class DatabaseRefreshLock implements RefreshLock {
  static async create(options: {
    database: DatabaseService;
    leaseMs?: number;
    clock?: () => number;
  }): Promise<DatabaseRefreshLock> {
    return new DatabaseRefreshLock(
      await migrateDatabase(options.database),
      options.leaseMs ?? DEFAULT_LEASE_MS,
      options.clock ?? Date.now,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly leaseMs: number,
    private readonly clock: () => number,
  ) {}

  async withLock<T>(
    fn: () => Promise<T>,
  ): Promise<{ acquired: true; result: T } | { acquired: false }> {
    const holder = randomUUID();
    if (!(await this.acquire(holder))) {
      return { acquired: false };
    }
    try {
      return { acquired: true, result: await fn() };
    } finally {
      await this.db<RefreshLockRow>('refresh_locks')
        .where({ name: LOCK_NAME, holder })
        .delete();
    }
  }

  private async acquire(holder: string): Promise<boolean> {
    const now = this.clock();
    return this.db.transaction(async tx => {
      await tx<RefreshLockRow>('refresh_locks')
        .where('name', LOCK_NAME)
        .andWhere('expires_at', '<', now)
        .delete();
      await tx<RefreshLockRow>('refresh_locks')
        .insert({ name: LOCK_NAME, holder, expires_at: now + this.leaseMs })
        .onConflict('name')
        .ignore();
      const row = await tx<RefreshLockRow>('refresh_locks')
        .where('name', LOCK_NAME)
        .first();
      return row?.holder === holder;
    });
  }
}
