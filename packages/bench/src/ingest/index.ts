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
 * Benchmark of catalog ingest: partner files against built-in entities.
 *
 *   yarn bench:ingest [--entities 1500] [--integrations 2] [--identities 5]
 *                     [--db sqlite|pg|both] [--reps 3] [--seed 1]
 *                     [--now 2026-11-28] [--out file.json] [--breakdown]
 *                     [--keep]
 *
 * It writes a seeded, deterministic estate of --entities Partner and
 * PartnerIntegration entities (src/lib/estate.ts; one file per partner)
 * into a temporary directory, and its built-in twin: the same files with an
 * API in place of each Partner and a Component in place of each
 * PartnerIntegration, with the same names, payload and number of relations
 * to the same targets (estate.ts). Both share one organisation file (40
 * groups, 200 users) and each has one Location file listing its files, as
 * examples/all.yaml does.
 *
 * Each ingest runs in a child process on a fresh database (SQLite in
 * memory, or a new PostgreSQL database, dropped afterwards): Backstage's
 * default backend with the catalog plugin (and this project's catalog
 * module for the partner estate) starts with no location; the clock starts
 * when a provider hands it the organisation and the Location file, and stops
 * when every entity is processed and stitched (refresh_state, final_entities
 * and stitch_queue read every 100 ms). The run then checks that no entity
 * has a processing error and that the stitched entities hold the expected
 * relations. On each database, after a warm-up of each variant at a tenth
 * of the size, --reps repetitions alternate which variant goes first:
 *   (a) built-in kinds, catalog without the module (the baseline);
 *   (b) partner kinds, catalog with the module (its parser and secret guard
 *       on every document, the intake checks of
 *       partners.intake.allowedLocations, validation, relations); after each
 *       measured ingest the run hands the catalog a partner file from a
 *       sibling folder and fails unless the intake rejects it;
 *   (c) with --breakdown: built-in kinds, catalog with the module;
 *   (d) with --breakdown: (b) with partners.intake.allowedLocations unset.
 * (b) always runs next to (a). It prints the medians, entities per second,
 * the ratio (b)/(a) of the rates against the goal (>= 0.9x), both from the
 * medians and as the median of each repetition's ratio, and the ratio of
 * CPU time (the backend's process, and on PostgreSQL the server processes
 * serving the catalog).
 */

import { runChild } from './child';
import { parse } from './options';

async function run() {
  const options = parse(process.argv.slice(2));
  if (options.child) {
    if (options.db === 'both') {
      throw new Error('a child process runs on one database');
    }
    await runChild({ ...options, db: options.db });
    // The backend's own timers and pools are not the child's to wait for.
    process.exit(0);
  }
  const { main }: typeof import('./main') = require('./main');
  await main(options);
}

run().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exit(1);
});
