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
 * The read API benchmark on one database: a fresh index filled with the
 * estate, the plugin's router (cached and not) and the bare endpoints served
 * from it, the three sections measured.
 */

import type { Server } from 'node:http';
import { countRows, type IndexRows, type Row } from '../lib/rows';
import { freshDatabase, type DbKind } from '../lib/databases';
import { log } from '../lib/output';
import { seedIndex, type ReviewRow } from '../lib/seed';
import { bareServer } from './bare';
import { accessLatency, partnersPageLatency } from './latency';
import { pluginServer } from './plugin';
import { throughput } from './throughput';

/** The options the three sections read. */
interface ApiOptions {
  depth: number;
  fetches: number;
  only: string;
  reps: number;
  seconds: number;
}

export async function benchDatabase(
  kind: DbKind,
  options: ApiOptions,
  rows: IndexRows,
  findings: Row[],
  reviews: ReviewRow[],
) {
  log(`[${kind}] seeding a fresh index`);
  const db = await freshDatabase(kind);
  const servers: Server[] = [];
  try {
    await seedIndex(db.knex, rows, findings, reviews);
    const counts = await countRows(db.knex);
    const plugin = await pluginServer(db.knex, { accessCache: true });
    const uncached = await pluginServer(db.knex, { accessCache: false });
    const bare = await bareServer(db.knex);
    servers.push(plugin.server, uncached.server, bare.server);

    const pages = await partnersPageLatency(kind, options, plugin, db.knex);
    const access = await accessLatency(options, uncached);
    const load = await throughput(kind, options, {
      plugin: plugin.base,
      uncached: uncached.base,
      bare: bare.base,
    });
    return {
      rowsPerTable: {
        ...counts,
        findings: findings.length,
        access_reviews: reviews.length,
      },
      ...pages,
      access,
      load,
    };
  } finally {
    for (const server of servers) {
      server.closeAllConnections?.();
      await new Promise(resolve => server.close(resolve));
    }
    // Requests cut off by the close may still wait for a connection: let
    // them finish before the pool goes (up to 5 s).
    const pool = db.knex.client.pool;
    for (
      let i = 0;
      i < 100 && pool?.numPendingAcquires() + pool?.numUsed();
      i++
    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    await db.dispose();
  }
}

export type DatabaseResult = Awaited<ReturnType<typeof benchDatabase>>;
