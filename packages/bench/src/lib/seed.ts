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
 * A filled index as the read API and the portal serve it: the index rows,
 * synthetic open findings and access reviews.
 */

import type { Knex } from 'knex';
import { DAY, prng } from './prng';
import { BATCH, rawInsert, type IndexRows, type Row } from './rows';

/** Rule ids and severities of the synthetic findings. */
const RULES = [
  ['identity-rotation-overdue', 'high'],
  ['identity-dormant', 'medium'],
  ['identity-no-expiry', 'medium'],
  ['identity-unowned', 'medium'],
  ['identity-overprivileged', 'high'],
  ['identity-expired-active', 'high'],
  ['contract-ended-access-active', 'critical'],
  ['due-diligence-missing', 'high'],
] as const;

/**
 * `count` distinct open findings (rule, entity, identity) on random partners
 * (three in ten) and integrations of the estate's rows.
 */
export function findingRows(
  rows: IndexRows,
  count: number,
  seed: number,
  now: string,
): Row[] {
  const random = prng(seed + 7);
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(random() * list.length)];
  const seen = new Set<string>();
  const out: Row[] = [];
  const partnerOf = (ref: string) =>
    ref.replace(/^partnerintegration:/, 'partner:').replace(/-int-\d+$/, '');
  let attempts = 0;
  while (out.length < count && attempts++ < count * 20) {
    const [ruleId, severity] = pick(RULES);
    let entityRef: string;
    let identity = '';
    if (random() < 0.3) {
      entityRef = pick(rows.partners).entity_ref;
    } else {
      const row = pick(rows.identities);
      entityRef = row.integration_ref;
      identity = random() < 0.7 ? row.name : '';
    }
    const key = `${ruleId}|${entityRef}|${identity}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      rule_id: ruleId,
      entity_ref: entityRef,
      identity,
      partner_ref: entityRef.startsWith('partner:')
        ? entityRef
        : partnerOf(entityRef),
      severity,
      message: `Synthetic ${ruleId} finding for the API benchmark.`,
      frameworks: JSON.stringify(['SOC2-CC6.1', 'ISO27001-A.5.15']),
      first_seen_at: now,
      last_seen_at: now,
      resolved_at: null,
    });
  }
  return out;
}

/** An access review row as the reviews store writes it. */
export type ReviewRow = Row & { status: string; assignee_ref: string };

/**
 * One pending review per integration (due between 30 days ago and 60 days
 * ahead) and, for two in three, the attested review before it. Reviews are
 * assigned to the integration's owner, unless `assignee(integration, index)`
 * returns another ref (lower case) for it.
 */
export function reviewRows(
  rows: IndexRows,
  seed: number,
  now: string,
  {
    assignee,
  }: {
    assignee?: (
      integration: IndexRows['integrations'][number],
      index: number,
    ) => string | undefined;
  } = {},
): ReviewRow[] {
  const random = prng(seed + 11);
  const at = (days: number) =>
    new Date(Date.parse(now) + days * DAY).toISOString();
  const decided: ReviewRow[] = [];
  const pending: ReviewRow[] = [];
  rows.integrations.forEach((integration, index) => {
    const due = Math.floor(random() * 90) - 30;
    const base = {
      integration_ref: integration.entity_ref,
      partner_ref: integration.partner_ref,
      assignee_ref: assignee?.(integration, index) ?? integration.owner_ref,
    };
    if (index % 3 !== 2) {
      decided.push({
        ...base,
        status: 'attested',
        pending_key: null,
        opened_at: at(due - 194),
        due_at: at(due - 180),
        decided_at: at(due - 182),
        decided_by: 'user:default/bench-reviewer',
        comment: 'Still needed for the order sync.',
      });
    }
    pending.push({
      ...base,
      status: 'pending',
      pending_key: integration.entity_ref,
      opened_at: at(due - 14),
      due_at: at(due),
    });
  });
  return [...decided, ...pending];
}

/**
 * Fills a migrated database: the index rows (rawInsert), then the findings
 * and reviews in batches of BATCH, then ANALYZE.
 */
export async function seedIndex(
  knex: Knex,
  rows: IndexRows,
  findings: Row[],
  reviews: ReviewRow[],
): Promise<void> {
  await rawInsert(knex, rows);
  await knex.transaction(async tx => {
    for (let i = 0; i < findings.length; i += BATCH) {
      await tx('findings').insert(findings.slice(i, i + BATCH));
    }
    for (let i = 0; i < reviews.length; i += BATCH) {
      await tx('access_reviews').insert(reviews.slice(i, i + BATCH));
    }
  });
  // Planner statistics, as a database in service would have them.
  await knex.raw('ANALYZE');
}
