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
 * Step 1 of the portal benchmark: a fresh partners database seeded with the
 * estate, findings and reviews, some of them assigned to the guest's team.
 */

import { freshDatabase, type FreshDatabase } from '../lib/databases';
import { generateEntities } from '../lib/estate';
import { fmt, log } from '../lib/output';
import { buildRows, countRows } from '../lib/rows';
import { findingRows, reviewRows, seedIndex } from '../lib/seed';
import { time } from '../lib/timing';
import type { UiOptions } from './options';

const GUEST_TEAM = 'group:default/team-orders';

/**
 * Seeds a fresh database; `onDatabase` gets it as soon as it exists, so it
 * is dropped whatever happens next.
 */
export async function seedPortalDatabase(
  options: UiOptions,
  onDatabase: (db: FreshDatabase) => void,
) {
  const now = new Date(`${options.now}T12:00:00Z`).toISOString();
  log(
    `Generating ${options.partners} partners x ${options.integrations} integrations x ${options.identities} identities (seed ${options.seed})`,
  );
  const estate = generateEntities(options);
  const rows = await buildRows(estate.entities, now);
  const findings = findingRows(rows, options.findings, options.seed, now);
  const reviews = reviewRows(rows, options.seed, now, {
    assignee: (_integration, index) =>
      index % options['mine-every'] === 0 ? GUEST_TEAM : undefined,
  });
  const guestPending = reviews.filter(
    r => r.status === 'pending' && r.assignee_ref === GUEST_TEAM,
  ).length;
  log(`[${options.db}] seeding a fresh partners database`);
  const db = await freshDatabase(options.db);
  onDatabase(db);
  const seeded = await time(() => seedIndex(db.knex, rows, findings, reviews));
  const counts = await countRows(db.knex);
  log(
    `[${options.db}] seeded in ${fmt(seeded.ms / 1000, 1)} s: ${Object.entries(
      counts,
    )
      .map(([k, v]) => `${fmt(v)} ${k}`)
      .join(', ')}, ${fmt(findings.length)} findings, ${fmt(
      reviews.length,
    )} reviews (${fmt(guestPending)} pending for ${GUEST_TEAM})`,
  );
  return {
    db,
    counts,
    identities: estate.identities,
    findings: findings.length,
    accessReviews: reviews.length,
    guestPending,
    seedMs: seeded.ms,
  };
}
