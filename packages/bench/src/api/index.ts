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
 * Benchmark of the partners read API over a full identity index.
 *
 *   yarn bench:api [--db sqlite|pg|both] [--partners 10000] [--integrations 2]
 *                  [--identities 5] [--findings 20000] [--depth 600]
 *                  [--fetches 200] [--seconds 4] [--reps 3] [--seed 1]
 *                  [--only NAME] [--out file.json]
 *
 * On each database it fills a fresh migrated index with the seeded estate of
 * src/lib/estate.ts (the rows a first sync writes, inserted directly),
 * synthetic open findings and access reviews (one pending review per
 * integration and a decided one for two in three: 33k at the default size),
 * serves the plugin's router (createRouter, with mock httpAuth, an
 * allow-all permissions stub and a no-op auditor) on 127.0.0.1 with express,
 * and measures, in the same run:
 *   1. page latency at cursor depth: GET /partners?limit=25 for the first
 *      page and for the page at --depth (reached by walking the cursors),
 *      alternating, --fetches times each, one request at a time; and the same
 *      through PartnersReadModel.listPartners directly;
 *   2. GET /entities/{ref}/access for a component accessed by one in twenty
 *      integrations, and for a typical one;
 *   3. throughput and latency of GET /reviews?status=pending&limit=25,
 *      GET /entities/{ref}/access (a typical component) and
 *      GET /partners?limit=25 at 10 and 100 concurrent requests, each
 *      against a bare express + knex endpoint serving the same response
 *      (the same queries) from the same database: autocannon in a child
 *      process (--seconds per run after a one-second warm-up, plugin and
 *      bare alternating, --reps runs each). The access pages are served
 *      from the plugin's cache (the real in-memory cache service, default
 *      TTL) and measured once more with the cache off; sections 1 and 2
 *      read them uncached. --only NAME keeps the endpoints whose name
 *      contains NAME.
 * Goals: depth page / first page <= 1.5x; plugin / bare throughput >= 0.75x;
 * plugin p99 <= 25 ms at 10 concurrent.
 */

import { loadChild } from './load';
import { parse } from './options';

async function run() {
  const options = parse(process.argv.slice(2));
  if (options.child === 'load') {
    await loadChild(options);
    return;
  }
  // The load child runs autocannon only: the plugin's sources load here.
  const { main }: typeof import('./main') = require('./main');
  await main(options);
}

run().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
