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
 * The bare GET /entities/{ref}/access: the integrations that access an
 * entity, with their identities, open findings and pending review, in one
 * statement.
 */

import type { Knex } from 'knex';
import { handler } from './serve';
import { LIMIT } from './http';

const SEVERITY_RANK: Record<string, number> = {
  low: 0,
  medium: 1,
  high: 2,
  critical: 3,
};

/** An identity as its JSON aggregate holds it. */
interface IdentityJson {
  name: string;
  type: string;
  status: string;
  custodian_ref: string | null;
  scopes: string;
  privileged: boolean | number;
  environment: string | null;
  secret_ref: string | null;
  last_rotated: string | null;
  expires: string | null;
  last_used: string | null;
}

/** An open finding as its JSON aggregate holds it, with its exception. */
interface FindingJson {
  id: number;
  rule_id: string;
  severity: string;
  entity_ref: string;
  identity: string;
  partner_ref: string | null;
  message: string;
  frameworks: string;
  first_seen_at: string;
  last_seen_at: string;
  x_id: number | null;
  x_expires_at: string | null;
  x_decided_by: string | null;
}

/** A JSON aggregate: text on SQLite, parsed on PostgreSQL, null when empty. */
type Aggregate<T> = string | T[] | null;

/** One accessing integration, as the statement returns it. */
interface AccessRow {
  entity_ref: string;
  partner_ref: string;
  title: string | null;
  type: string;
  owner_ref: string;
  environment: string | null;
  access_package: string | null;
  total_integrations: number | string;
  total_partners: number | string;
  partner_title: string | null;
  partner_stage: string;
  partner_tier: string;
  review_id: number | null;
  review_assignee: string | null;
  review_due_at: string;
  identity_rows: Aggregate<IdentityJson>;
  finding_rows: Aggregate<FindingJson>;
}

function rowsOf<T>(value: Aggregate<T>): T[] {
  return typeof value === 'string' ? JSON.parse(value) : value ?? [];
}

/** The statement of one page of the integrations accessing `entityRef`. */
function accessQuery(knex: Knex, entityRef: string, now: string) {
  const pg = knex.client.dialect === 'postgresql';
  const jsonRows = (fields: Array<[string, string]>, orderBy: string) =>
    knex.raw(
      `${
        pg ? 'json_agg(json_build_object' : 'json_group_array(json_object'
      }(${fields.map(([key]) => `'${key}', ??`).join(', ')}) order by ??)`,
      [...fields.map(([, column]) => column), orderBy],
    );
  const accessing = () =>
    knex('integration_accesses as a')
      .join('integrations as i', 'i.entity_ref', 'a.integration_ref')
      .where('a.target_ref', entityRef)
      .whereNull('i.gone_at');
  return accessing()
    .leftJoin('partners as p', 'p.entity_ref', 'i.partner_ref')
    .leftJoin('access_reviews as r', 'r.pending_key', 'i.entity_ref')
    .select('i.*', 't.*', {
      partner_title: 'p.title',
      partner_stage: 'p.stage',
      partner_tier: 'p.tier',
      review_id: 'r.id',
      review_assignee: 'r.assignee_ref',
      review_due_at: 'r.due_at',
    })
    .select(
      knex('identities as d')
        .select(
          jsonRows(
            [
              'name',
              'type',
              'status',
              'custodian_ref',
              'scopes',
              'privileged',
              'environment',
              'secret_ref',
              'last_rotated',
              'expires',
              'last_used',
            ].map((c): [string, string] => [c, `d.${c}`]),
            'd.name',
          ),
        )
        .where('d.integration_ref', knex.ref('i.entity_ref'))
        .whereNull('d.gone_at')
        .as('identity_rows'),
      knex('findings as f')
        .leftJoin('exceptions as x', join =>
          join
            .on('x.rule_id', 'f.rule_id')
            .andOn('x.entity_ref', 'f.entity_ref')
            .andOn('x.identity', 'f.identity')
            .andOnVal('x.status', 'approved')
            .andOnVal('x.expires_at', '>', now),
        )
        .select(
          jsonRows(
            [
              ['id', 'f.id'],
              ['rule_id', 'f.rule_id'],
              ['severity', 'f.severity'],
              ['entity_ref', 'f.entity_ref'],
              ['identity', 'f.identity'],
              ['partner_ref', 'f.partner_ref'],
              ['message', 'f.message'],
              ['frameworks', 'f.frameworks'],
              ['first_seen_at', 'f.first_seen_at'],
              ['last_seen_at', 'f.last_seen_at'],
              ['x_id', 'x.id'],
              ['x_expires_at', 'x.expires_at'],
              ['x_decided_by', 'x.decided_by'],
            ],
            'f.id',
          ),
        )
        .where('f.entity_ref', knex.ref('i.entity_ref'))
        .whereNull('f.resolved_at')
        .as('finding_rows'),
    )
    .crossJoin(
      knex.raw('? as t', [
        accessing()
          .count({ total_integrations: '*' })
          .countDistinct({ total_partners: 'i.partner_ref' }),
      ]),
    );
}

/** One accessing integration as the API returns it. */
function toItem(i: AccessRow) {
  return {
    entityRef: i.entity_ref,
    title: i.title ?? undefined,
    type: i.type,
    owner: i.owner_ref,
    environment: i.environment ?? undefined,
    accessPackage: i.access_package ?? undefined,
    partner: {
      entityRef: i.partner_ref,
      title: i.partner_title ?? undefined,
      stage: i.partner_stage,
      tier: i.partner_tier,
    },
    identities: rowsOf(i.identity_rows).map(x => ({
      name: x.name,
      type: x.type,
      status: x.status,
      scopes: JSON.parse(x.scopes),
      privileged: Boolean(x.privileged),
      custodian: x.custodian_ref ?? undefined,
      environment: x.environment ?? undefined,
      secretRef: x.secret_ref ?? undefined,
      lastRotated: x.last_rotated ?? undefined,
      expires: x.expires ?? undefined,
      lastUsed: x.last_used ?? undefined,
    })),
    findings: rowsOf(i.finding_rows)
      // worst first, then oldest
      .sort(
        (f, g) =>
          SEVERITY_RANK[g.severity] - SEVERITY_RANK[f.severity] || f.id - g.id,
      )
      .map(f => ({
        id: Number(f.id),
        ruleId: f.rule_id,
        severity: f.severity,
        entityRef: f.entity_ref,
        identity: f.identity || undefined,
        partnerRef: f.partner_ref ?? undefined,
        message: f.message,
        frameworks: JSON.parse(f.frameworks),
        firstSeen: f.first_seen_at,
        lastSeen: f.last_seen_at,
        acceptedRisk: f.x_id
          ? {
              exceptionId: Number(f.x_id),
              expiresAt: f.x_expires_at,
              approvedBy: f.x_decided_by,
            }
          : undefined,
      })),
    pendingReview: i.review_id
      ? {
          id: Number(i.review_id),
          assignee: i.review_assignee,
          dueAt: i.review_due_at,
          overdue: Date.parse(i.review_due_at) < Date.now(),
        }
      : undefined,
  };
}

/** GET /entities/{ref}/access: a page of the integrations accessing it. */
export function accessPage(knex: Knex) {
  return handler(async (req, res) => {
    const entityRef = req.params.ref.toLowerCase();
    const limit = Number(req.query.limit ?? LIMIT);
    const now = new Date().toISOString();
    const query = accessQuery(knex, entityRef, now);
    if (req.query.cursor) {
      query.where(
        'a.integration_ref',
        '>',
        Buffer.from(String(req.query.cursor), 'base64url').toString('utf8'),
      );
    }
    const rows: AccessRow[] = await query
      .orderBy('a.integration_ref')
      .limit(limit + 1);
    const integrations = rows.slice(0, limit);
    res.json({
      entityRef,
      items: integrations.map(toItem),
      totals: {
        integrations: Number(rows[0]?.total_integrations ?? 0),
        partners: Number(rows[0]?.total_partners ?? 0),
      },
      nextCursor:
        rows.length > limit
          ? Buffer.from(
              integrations[integrations.length - 1].entity_ref,
            ).toString('base64url')
          : undefined,
    });
  });
}
