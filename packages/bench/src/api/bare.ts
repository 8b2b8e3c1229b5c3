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
 * The bare endpoints the plugin's router is measured against: the same
 * responses from the same database, with the same queries, on plain express
 * and knex.
 */

import express from 'express';
import type { Knex } from 'knex';
import { accessPage } from './bareAccess';
import { LIMIT } from './http';
import { handler, listen, type Served } from './serve';

type Severity = 'critical' | 'high' | 'medium' | 'low';

const noFindings = (): Record<Severity, number> => ({
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
});

/** GET /partners: a page of partners with their open findings and reviews. */
function partnersPage(knex: Knex) {
  return handler(async (req, res) => {
    const limit = Number(req.query.limit ?? LIMIT);
    const query = knex('partners')
      .select(
        'entity_ref',
        'title',
        'type',
        'stage',
        'tier',
        'owner_ref',
        'contract_end',
        'contract_status',
      )
      .whereNull('gone_at');
    if (req.query.cursor) {
      query.where(
        'entity_ref',
        '>',
        Buffer.from(String(req.query.cursor), 'base64url').toString('utf8'),
      );
    }
    const rows: Array<{
      entity_ref: string;
      title: string | null;
      type: string;
      stage: string;
      tier: string;
      owner_ref: string;
      contract_end: string | null;
      contract_status: string | null;
    }> = await query.orderBy('entity_ref').limit(limit + 1);
    const page = rows.slice(0, limit);
    const refs = page.map(r => r.entity_ref);
    const now = new Date().toISOString();
    type Counts = [
      Array<{ partner_ref: string; severity: Severity; n: number | string }>,
      Array<{
        partner_ref: string;
        pending: number | string;
        overdue: number | string;
      }>,
    ];
    const [counts, reviewCounts] = (await Promise.all([
      knex('findings')
        .select('partner_ref', 'severity')
        .count({ n: '*' })
        .whereIn('partner_ref', refs)
        .whereNull('resolved_at')
        // accepted risk is not open
        .whereNotExists(
          knex('exceptions as x')
            .select('x.id')
            .where('x.status', 'approved')
            .where('x.expires_at', '>', now)
            .where('x.rule_id', knex.ref('findings.rule_id'))
            .where('x.entity_ref', knex.ref('findings.entity_ref'))
            .where('x.identity', knex.ref('findings.identity')),
        )
        .groupBy('partner_ref', 'severity'),
      knex('access_reviews as r')
        .join('integrations as i', 'i.entity_ref', 'r.pending_key')
        .whereNull('i.gone_at')
        .whereIn('i.partner_ref', refs)
        .select('i.partner_ref')
        .count({ pending: '*' })
        .select(
          knex.raw('sum(case when r.due_at < ? then 1 else 0 end) as overdue', [
            now,
          ]),
        )
        .groupBy('i.partner_ref'),
    ])) as Counts;
    const reviewsOf = new Map(
      reviewCounts.map(r => [
        r.partner_ref,
        { pending: Number(r.pending), overdue: Number(r.overdue) },
      ]),
    );
    const byPartner = new Map<string, Record<Severity, number>>();
    for (const c of counts) {
      const entry = byPartner.get(c.partner_ref) ?? noFindings();
      entry[c.severity] += Number(c.n);
      byPartner.set(c.partner_ref, entry);
    }
    res.json({
      items: page.map(r => ({
        entityRef: r.entity_ref,
        title: r.title,
        type: r.type,
        stage: r.stage,
        tier: r.tier,
        owner: r.owner_ref,
        contractEnd: r.contract_end,
        contractStatus: r.contract_status,
        openFindings: byPartner.get(r.entity_ref) ?? noFindings(),
        reviews: reviewsOf.get(r.entity_ref) ?? { pending: 0, overdue: 0 },
      })),
      nextCursor:
        rows.length > limit
          ? Buffer.from(page[page.length - 1].entity_ref, 'utf8').toString(
              'base64url',
            )
          : undefined,
    });
  });
}

/** GET /reviews?status=pending: a page of pending reviews, soonest due first. */
function reviewsPage(knex: Knex) {
  return handler(async (req, res) => {
    const limit = Number(req.query.limit ?? LIMIT);
    const query = knex('access_reviews').select().where('status', 'pending');
    if (req.query.cursor) {
      const [dueAt, id] = Buffer.from(String(req.query.cursor), 'base64url')
        .toString('utf8')
        .split('\n');
      query.where(w =>
        w
          .where('due_at', '>', dueAt)
          .orWhere(w2 => w2.where('due_at', dueAt).where('id', '>', id)),
      );
    }
    const rows: Array<{
      id: number | string;
      integration_ref: string;
      partner_ref: string;
      assignee_ref: string;
      status: string;
      opened_at: string;
      due_at: string;
    }> = await query.orderBy(['due_at', 'id']).limit(limit + 1);
    const page = rows.slice(0, limit);
    const now = Date.now();
    const last = page[page.length - 1];
    res.json({
      items: page.map(r => ({
        id: Number(r.id),
        integrationRef: r.integration_ref,
        partnerRef: r.partner_ref,
        assignee: r.assignee_ref,
        status: r.status,
        openedAt: r.opened_at,
        dueAt: r.due_at,
        overdue: Date.parse(r.due_at) < now,
      })),
      nextCursor:
        rows.length > limit
          ? Buffer.from(`${last.due_at}\n${last.id}`).toString('base64url')
          : undefined,
    });
  });
}

/** The same pages from the same database: the same queries, no framework. */
export async function bareServer(knex: Knex): Promise<Served> {
  const app = express();
  app.get('/partners', partnersPage(knex));
  app.get('/reviews', reviewsPage(knex));
  app.get('/entities/:ref/access', accessPage(knex));
  return listen(app);
}
