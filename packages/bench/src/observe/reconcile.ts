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
 * Part 1: reconciliation of the observed identities with the declared ones,
 * against reading both sets raw.
 */

import type { Knex } from 'knex';
import { freshDatabase, type DbKind } from '../lib/databases';
import { log } from '../lib/output';
import { rawInsert, type IndexRows } from '../lib/rows';
import { time } from '../lib/timing';
import { DatabaseObservationStore, reconciliationFindings } from './backend';
import { SOURCE_ID, type ObservedEstate } from './estate';
import { alternate, ratioOf, stat, type Stat } from './measure';

export interface ReconcileResult {
  declared: number;
  observed: number;
  baseline: Stat;
  reconcile: Stat;
  ratio: number;
  findings: number;
  findingsByRule: Record<string, number>;
}

/**
 * The baseline: the declared identities that name an observation, with
 * the same joins and filters as reconciliation (`i.*` and the two columns
 * it reads of the integration and the partner, not their entity JSON), and
 * every observed identity, all columns, into memory, unordered. The rows
 * read of each.
 */
async function readRaw(
  knex: Knex,
): Promise<{ declared: number; observed: number }> {
  const declared = await knex('identities as i')
    .join('integrations as g', 'g.entity_ref', 'i.integration_ref')
    .join('partners as p', 'p.entity_ref', 'g.partner_ref')
    .whereNull('i.gone_at')
    .whereNull('g.gone_at')
    .whereNull('p.gone_at')
    .whereNotNull('i.observed_as')
    .select('i.*', 'g.partner_ref', 'p.stage');
  const observed = await knex('observed_identities').select('*');
  return { declared: declared.length, observed: observed.length };
}

/** Findings per rule id, by rule id. */
function byRule(findings: Array<{ ruleId: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { ruleId } of findings) {
    counts[ruleId] = (counts[ruleId] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort());
}

/**
 * On a fresh database holding the estate's index rows and the source's
 * observations (written by the store, then ANALYZE): the raw read and
 * reconciliationFindings(), alternating.
 */
export async function reconcilePart(
  kind: DbKind,
  reps: number,
  estate: ObservedEstate,
  rows: IndexRows,
  now: string,
): Promise<ReconcileResult> {
  log(`[${kind}] reconcile: seeding a fresh database`);
  const db = await freshDatabase(kind);
  try {
    await rawInsert(db.knex, rows);
    const store = new DatabaseObservationStore(db.knex);
    await store.runStarted(SOURCE_ID, 'bench', now);
    await store.runSucceeded(SOURCE_ID, 'bench', now, estate.observed, 0);
    await db.knex.raw('ANALYZE');
    let read = { declared: 0, observed: 0 };
    let findings: Awaited<ReturnType<typeof reconciliationFindings>> = [];
    const times = await alternate(
      `[${kind}] reconcile`,
      reps,
      {
        label: '(a) read both sets raw',
        run: async () => {
          const r = await time(() => readRaw(db.knex));
          read = r.result;
          return r.ms;
        },
      },
      {
        label: '(b) reconciliationFindings',
        run: async () => {
          const r = await time(() => reconciliationFindings(db.knex));
          findings = r.result;
          return r.ms;
        },
      },
    );
    if (
      read.declared !== estate.declared ||
      read.observed !== estate.observed.length
    ) {
      throw new Error(
        `the raw read got ${read.declared} declared and ${read.observed} observed identities, expected ${estate.declared} and ${estate.observed.length}`,
      );
    }
    return {
      declared: read.declared,
      observed: read.observed,
      baseline: stat(times.baseline),
      reconcile: stat(times.subject),
      ratio: ratioOf(times.subject, times.baseline),
      findings: findings.length,
      findingsByRule: byRule(findings),
    };
  } finally {
    await db.dispose();
  }
}
