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

import { parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  addDays,
  compareSeverity,
  daysBetween,
  DEFAULT_PARTNERS_POLICY,
  entityRefKey,
  isSeverity,
  PARTNER_LIFECYCLE_STAGES,
  RULES,
  type AccessIdentity,
  type EntityAccessItem,
  type EntityAccessResponse,
  type FindingRecord,
  type ListFindingsRequest,
  type ListFindingsResponse,
  type ListPartnersRequest,
  type ListPartnersResponse,
  type ListFindingRulesRequest,
  type ListFindingRulesResponse,
  type ListPartnerIdentitiesRequest,
  type ListPartnerIdentitiesResponse,
  type FindingRuleCount,
  type PartnerLifecycleStageName,
  type PartnerReviewCounts,
  type PartnersOverview,
  type PartnersPolicy,
  type RuleId,
  type Severity,
  type PartnerDetails,
  type PartnerIntegrationSummary,
  type PartnerSummary,
  type PageRequest,
  type SeverityCounts,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import {
  coveringException,
  withAcceptedRisk,
} from '../database/DatabaseExceptionsStore';
import { decodeKeysetCursor } from '../database/cursors';

/** Page size when the request names none (the spec enforces 1..100). */
export const DEFAULT_PAGE_SIZE = 25;
/** Values per `IN (...)` list, well under every engine's parameter limit. */
const IN_BATCH = 500;

const PARTNER_KEY = /^[^\s:/]+:[^\s:/]+\/\S+$/;
const FINDING_KEY = /^[1-9][0-9]{0,14}$/;
const INTEGRATION_KEY = /^partnerintegration:[^\s:/]+\/\S+$/;
const IDENTITY_NAME = /^.+$/;
/** The UTC calendar day `days` after `now`, as `YYYY-MM-DD`. */
function dayString(now: Date, days: number): string {
  return addDays(now, days).slice(0, 10);
}

/** An opaque cursor for a page that ends at `key`. */
function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

/** The key a cursor holds; an InputError naming `cursor` when it holds none. */
function decodeCursor(cursor: string, keyPattern: RegExp): string {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  // Node's decoder skips bad characters: re-encoding catches them.
  if (encodeCursor(key) !== cursor || !keyPattern.test(key)) {
    throw new InputError(
      'request/query/cursor must be a nextCursor returned by this endpoint',
    );
  }
  return key;
}

/**
 * An entity ref as the index stores it (`kind:namespace/name`, lower case),
 * or an InputError naming where it came from.
 */
export function normalizeRef(
  value: string,
  field: string,
  defaultKind?: string,
): string {
  try {
    return entityRefKey(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (error) {
    throw new InputError(
      `${field} must be an entity ref${
        defaultKind ? '' : ' with a kind (kind:namespace/name)'
      }: ${(error as Error).message}`,
    );
  }
}

/** Drops null and undefined properties: the API leaves absent values out. */
function compact<T extends object>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && v !== undefined) {
      result[key] = v;
    }
  }
  return result as T;
}

function jsonArray(text: string | null): string[] {
  if (!text) {
    return [];
  }
  try {
    const value = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

/** Worst first, then oldest first. */
function byWorst(a: FindingRecord, b: FindingRecord): number {
  return compareSeverity(b.severity, a.severity) || a.id - b.id;
}

async function inBatches<T>(
  values: string[],
  query: (batch: string[]) => Promise<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < values.length; i += IN_BATCH) {
    rows.push(...(await query(values.slice(i, i + IN_BATCH))));
  }
  return rows;
}

type Row = Record<string, any>;

const PARTNER_COLUMNS = [
  'entity_ref',
  'title',
  'type',
  'stage',
  'tier',
  'owner_ref',
  'contract_end',
  'contract_status',
];

const FINDING_COLUMNS = [
  'id',
  'rule_id',
  'severity',
  'entity_ref',
  'identity',
  'partner_ref',
  'message',
  'frameworks',
  'first_seen_at',
  'last_seen_at',
  'resolved_at',
];

const IDENTITY_COLUMNS = [
  'name',
  'type',
  'status',
  'custodian_ref',
  'scopes',
  'privileged',
  'environment',
  'last_rotated',
  'expires',
  'last_used',
];

/**
 * A correlated subquery's rows as one JSON array of objects keyed by column
 * name (plus `extra` keys for other expressions), in `orderBy` order:
 * `json_agg` on PostgreSQL, `json_group_array` on SQLite (3.44 or later, for
 * the ORDER BY). Read the value back with parseJsonRows.
 */
function jsonRows(
  db: Knex,
  alias: string,
  columns: string[],
  orderBy: string,
  extra: Record<string, string> = {},
): Knex.Raw {
  const fields: [string, string][] = [
    ...columns.map((column): [string, string] => [
      column,
      `${alias}.${column}`,
    ]),
    ...Object.entries(extra),
  ];
  // keys are this module's column names, written into the SQL as literals
  const pairs = fields.map(([key]) => `'${key}', ??`).join(', ');
  const [aggregate, object] =
    db.client.dialect === 'postgresql'
      ? ['json_agg', 'json_build_object']
      : ['json_group_array', 'json_object'];
  return db.raw(`${aggregate}(${object}(${pairs}) order by ??)`, [
    ...fields.map(([, expression]) => expression),
    orderBy,
  ]);
}

/** The rows jsonRows built: SQLite returns JSON text, pg parsed JSON or null. */
function parseJsonRows(value: unknown): Row[] {
  if (typeof value === 'string') {
    return JSON.parse(value);
  }
  return Array.isArray(value) ? value : [];
}

/**
 * Findings read with the `exception_*` fields of the approved, unexpired
 * exception that covers them (null when none does), as records with
 * `acceptedRisk`. One finding per id: rows arrive in id order, and should
 * two exceptions cover one finding the first row is kept.
 */
function withCoveringException(rows: Row[]): FindingRecord[] {
  const findings: FindingRecord[] = [];
  let lastId: number | undefined;
  for (const row of rows) {
    const finding = toFinding(row);
    if (finding.id === lastId) {
      continue;
    }
    lastId = finding.id;
    findings.push(
      row.exception_id === null || row.exception_id === undefined
        ? finding
        : {
            ...finding,
            acceptedRisk: {
              exceptionId: Number(row.exception_id),
              expiresAt: row.exception_expires_at,
              approvedBy: row.exception_decided_by,
            },
          },
    );
  }
  return findings;
}

function toPartnerSummary(
  row: Row,
  openFindings: SeverityCounts,
  reviews: PartnerReviewCounts,
): PartnerSummary {
  return compact({
    entityRef: row.entity_ref,
    title: row.title,
    type: row.type,
    stage: row.stage,
    tier: row.tier,
    owner: row.owner_ref,
    contractEnd: row.contract_end,
    contractStatus: row.contract_status,
    openFindings,
    reviews,
  });
}

function toFinding(row: Row): FindingRecord {
  return compact({
    id: Number(row.id),
    ruleId: row.rule_id,
    severity: row.severity,
    entityRef: row.entity_ref,
    identity: row.identity || undefined,
    partnerRef: row.partner_ref,
    message: row.message,
    frameworks: jsonArray(row.frameworks),
    firstSeen: row.first_seen_at,
    lastSeen: row.last_seen_at,
    resolvedAt: row.resolved_at,
  });
}

function toIdentity(row: Row, includeSecretRef: boolean): AccessIdentity {
  return compact({
    name: row.name,
    type: row.type,
    scopes: jsonArray(row.scopes),
    privileged: Boolean(row.privileged),
    environment: row.environment,
    status: row.status,
    lastUsed: row.last_used,
    expires: row.expires,
    lastRotated: row.last_rotated,
    custodian: row.custodian_ref,
    secretRef: includeSecretRef ? row.secret_ref : undefined,
  });
}

/**
 * The read side of the partners API over the identity index and the
 * findings table. Only entities still in the catalog (`gone_at` null) are
 * read; every list is keyset-paginated and costs a fixed number of queries
 * per page.
 */
export class PartnersQueryService {
  constructor(
    private readonly db: Knex,
    private readonly options: {
      /** The current time; the system clock unless a test fixes it. */
      clock?: () => Date;
      /** The policy in force (contractNoticeDays); the default without it. */
      policy?: () => PartnersPolicy;
    } = {},
  ) {}

  private now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  async listPartners(
    request: ListPartnersRequest = {},
  ): Promise<ListPartnersResponse> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const query = this.db('partners')
      .select(PARTNER_COLUMNS)
      .whereNull('gone_at');
    if (request.stage) {
      query.where('stage', request.stage);
    }
    if (request.tier) {
      query.where('tier', request.tier);
    }
    if (request.type) {
      query.where('type', request.type);
    }
    if (request.owner) {
      query.where(
        'owner_ref',
        normalizeRef(request.owner, 'request/query/owner', 'group'),
      );
    }
    const now = this.now();
    if (request.hasOverdueReviews) {
      query.whereExists(
        this.pendingReviews()
          .where('i.partner_ref', this.db.ref('partners.entity_ref'))
          .where('r.due_at', '<', now.toISOString()),
      );
    }
    if (request.hasCriticalFindings) {
      query.whereExists(
        this.db('findings')
          .select('findings.id')
          .where('findings.partner_ref', this.db.ref('partners.entity_ref'))
          .whereNull('findings.resolved_at')
          .where('findings.severity', 'critical')
          // accepted risk is not open
          .whereNotExists(coveringException(this.db, now)),
      );
    }
    if (request.contractEndsWithinDays !== undefined) {
      // dates and timestamps both start with their calendar day
      query
        .where('contract_end', '>=', dayString(now, 0))
        .where(
          'contract_end',
          '<',
          dayString(now, request.contractEndsWithinDays + 1),
        );
    }
    if (request.cursor) {
      query.where('entity_ref', '>', decodeCursor(request.cursor, PARTNER_KEY));
    }
    const rows: Row[] = await query.orderBy('entity_ref').limit(limit + 1);
    const page = rows.slice(0, limit);
    const refs = page.map(r => r.entity_ref as string);
    const [counts, reviews] = await Promise.all([
      this.openFindingCounts(refs, now),
      this.reviewCounts(refs, now),
    ]);
    return compact({
      items: page.map(row =>
        toPartnerSummary(
          row,
          counts.get(row.entity_ref) ?? emptyCounts(),
          reviews.get(row.entity_ref) ?? { pending: 0, overdue: 0 },
        ),
      ),
      nextCursor:
        rows.length > limit
          ? encodeCursor(page[page.length - 1].entity_ref)
          : undefined,
    });
  }

  async getPartner(ref: string): Promise<PartnerDetails> {
    const entityRef = normalizeRef(ref, 'request/params/ref', 'partner');
    const row: Row | undefined = await this.db('partners')
      .select(PARTNER_COLUMNS)
      .where('entity_ref', entityRef)
      .whereNull('gone_at')
      .first();
    if (!row) {
      throw new NotFoundError(`No partner ${entityRef}`);
    }

    const integrationRows: Row[] = await this.db('integrations')
      .select(
        'entity_ref',
        'title',
        'type',
        'owner_ref',
        'environment',
        'access_package',
      )
      .where('partner_ref', entityRef)
      .whereNull('gone_at')
      .orderBy('entity_ref');
    const identityCounts = new Map<string, number>();
    const countRows = await inBatches<Row>(
      integrationRows.map(r => r.entity_ref),
      batch =>
        this.db('identities')
          .select('integration_ref')
          .count({ n: '*' })
          .whereIn('integration_ref', batch)
          .whereNull('gone_at')
          .groupBy('integration_ref'),
    );
    for (const countRow of countRows) {
      identityCounts.set(countRow.integration_ref, Number(countRow.n));
    }
    const integrations: PartnerIntegrationSummary[] = integrationRows.map(r =>
      compact({
        entityRef: r.entity_ref,
        title: r.title,
        type: r.type,
        owner: r.owner_ref,
        environment: r.environment,
        accessPackage: r.access_package,
        identityCount: identityCounts.get(r.entity_ref) ?? 0,
      }),
    );

    // Findings an exception covers are listed as accepted risk, not counted.
    const findings = (
      await withAcceptedRisk(
        this.db,
        (
          await this.db('findings')
            .select(FINDING_COLUMNS)
            .where('partner_ref', entityRef)
            .whereNull('resolved_at')
        ).map(toFinding),
        this.now(),
      )
    ).sort(byWorst);
    const openFindings = emptyCounts();
    for (const finding of findings) {
      if (!finding.acceptedRisk) {
        openFindings[finding.severity] += 1;
      }
    }

    const reviews = await this.reviewCounts([entityRef], this.now());
    return {
      ...toPartnerSummary(
        row,
        openFindings,
        reviews.get(entityRef) ?? { pending: 0, overdue: 0 },
      ),
      integrations,
      findings,
    };
  }

  async getEntityAccess(
    ref: string,
    options: { includeSecretRefs: boolean; now?: Date } & PageRequest,
  ): Promise<EntityAccessResponse> {
    const entityRef = normalizeRef(ref, 'request/params/ref', 'component');
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    const now = options.now ?? this.now();
    const db = this.db;
    const accessing = () =>
      db('integration_accesses as a')
        .join('integrations as i', 'i.entity_ref', 'a.integration_ref')
        .where('a.target_ref', entityRef)
        .whereNull('i.gone_at');
    const counting = () =>
      accessing()
        .count({ total_integrations: '*' })
        .countDistinct({ total_partners: 'i.partner_ref' });
    // One statement per page: the service card is read on every visit to
    // an entity page, and each further round trip cost as much as the page.
    const pageQuery = accessing()
      .leftJoin('partners as p', join =>
        join.on('p.entity_ref', 'i.partner_ref').andOnNull('p.gone_at'),
      )
      // at most one pending review per integration
      .leftJoin('access_reviews as r', 'r.pending_key', 'i.entity_ref')
      .select(
        'i.entity_ref',
        'i.title',
        'i.type',
        'i.owner_ref',
        'i.environment',
        'i.access_package',
        'i.partner_ref',
        { partner_title: 'p.title', partner_stage: 'p.stage' },
        { partner_tier: 'p.tier', partner_found: 'p.entity_ref' },
        { review_id: 'r.id', review_assignee: 'r.assignee_ref' },
        { review_due_at: 'r.due_at' },
        db('identities as d')
          .select(
            jsonRows(
              db,
              'd',
              // a secret's location leaves the database only when shown
              options.includeSecretRefs
                ? [...IDENTITY_COLUMNS, 'secret_ref']
                : IDENTITY_COLUMNS,
              'd.name',
            ),
          )
          .where('d.integration_ref', db.ref('i.entity_ref'))
          .whereNull('d.gone_at')
          .as('identities'),
        // with the exception that makes a finding accepted risk, if any
        db('findings as f')
          .leftJoin('exceptions as x', join =>
            join
              .on('x.rule_id', 'f.rule_id')
              .andOn('x.entity_ref', 'f.entity_ref')
              .andOn('x.identity', 'f.identity')
              .andOnVal('x.status', 'approved')
              .andOnVal('x.expires_at', '>', now.toISOString()),
          )
          .select(
            jsonRows(db, 'f', FINDING_COLUMNS, 'f.id', {
              exception_id: 'x.id',
              exception_expires_at: 'x.expires_at',
              exception_decided_by: 'x.decided_by',
            }),
          )
          .where('f.entity_ref', db.ref('i.entity_ref'))
          .whereNull('f.resolved_at')
          .as('findings'),
        't.total_integrations',
        't.total_partners',
      )
      // the list's totals, counted once per statement
      .crossJoin(db.raw('? as ??', [counting(), 't']));
    // Keyed on the access row's integration ref (equal to i.entity_ref) so
    // the page is read in order from the (target_ref, integration_ref) index.
    if (options.cursor) {
      pageQuery.where(
        'a.integration_ref',
        '>',
        decodeCursor(options.cursor, INTEGRATION_KEY),
      );
    }
    const pageRows: Row[] = await pageQuery
      .orderBy('a.integration_ref')
      .limit(limit + 1);
    const integrationRows = pageRows.slice(0, limit);

    // past the last page there is no row to carry the totals: count apart
    const totalsRow: Row | undefined =
      pageRows[0] ?? (options.cursor ? (await counting())[0] : undefined);
    const totals = {
      integrations: Number(totalsRow?.total_integrations ?? 0),
      partners: Number(totalsRow?.total_partners ?? 0),
    };

    const items: EntityAccessItem[] = integrationRows.map(r =>
      compact({
        entityRef: r.entity_ref,
        title: r.title,
        type: r.type,
        owner: r.owner_ref,
        environment: r.environment,
        accessPackage: r.access_package,
        partner: compact({
          entityRef: r.partner_ref,
          title: r.partner_found ? r.partner_title : undefined,
          stage: r.partner_found ? r.partner_stage : undefined,
          tier: r.partner_found ? r.partner_tier : undefined,
        }),
        identities: parseJsonRows(r.identities).map(i =>
          toIdentity(i, options.includeSecretRefs),
        ),
        findings: withCoveringException(parseJsonRows(r.findings)).sort(
          byWorst,
        ),
        pendingReview:
          r.review_id === null || r.review_id === undefined
            ? undefined
            : {
                id: Number(r.review_id),
                assignee: r.review_assignee,
                dueAt: r.review_due_at,
                overdue: Date.parse(r.review_due_at) < now.getTime(),
              },
      }),
    );
    return compact({
      entityRef,
      items,
      totals,
      nextCursor:
        pageRows.length > limit
          ? encodeCursor(integrationRows[integrationRows.length - 1].entity_ref)
          : undefined,
    });
  }

  async listFindings(
    request: ListFindingsRequest = {},
  ): Promise<ListFindingsResponse> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const query = this.db('findings').select(FINDING_COLUMNS);
    if (request.severity) {
      query.where('severity', request.severity);
    }
    if (request.ruleId) {
      query.where('rule_id', request.ruleId);
    }
    if (request.partner) {
      query.where(
        'partner_ref',
        normalizeRef(request.partner, 'request/query/partner', 'partner'),
      );
    }
    if (request.entity) {
      query.where(
        'entity_ref',
        normalizeRef(request.entity, 'request/query/entity'),
      );
    }
    const now = this.now();
    if (request.status === 'open') {
      query
        .whereNull('resolved_at')
        .whereNotExists(coveringException(this.db, now));
    } else if (request.status === 'accepted') {
      query
        .whereNull('resolved_at')
        .whereExists(coveringException(this.db, now));
    } else if (request.status === 'resolved') {
      query.whereNotNull('resolved_at');
    }
    if (request.cursor) {
      query.where('id', '>', Number(decodeCursor(request.cursor, FINDING_KEY)));
    }
    const rows: Row[] = await query.orderBy('id').limit(limit + 1);
    const page = await withAcceptedRisk(
      this.db,
      rows.slice(0, limit).map(toFinding),
      now,
    );
    return compact({
      items: page,
      nextCursor:
        rows.length > limit
          ? encodeCursor(String(page[page.length - 1].id))
          : undefined,
    });
  }

  /**
   * Exact counts for the partner index tiles, over live partners: per
   * stage, pending and overdue reviews of their live integrations, open
   * findings (accepted risk excluded) and contracts ending within the
   * policy's contractNoticeDays. A fixed number of queries.
   */
  async getOverview(): Promise<PartnersOverview> {
    const now = this.now();
    const days = (this.options.policy?.() ?? DEFAULT_PARTNERS_POLICY)
      .contractNoticeDays;
    const livePartner = () =>
      this.db('partners as lp')
        .select('lp.entity_ref')
        .where('lp.entity_ref', this.db.ref('findings.partner_ref'))
        .whereNull('lp.gone_at');

    const stageRows: Row[] = await this.db('partners')
      .select('stage')
      .count({ n: '*' })
      .whereNull('gone_at')
      .groupBy('stage');
    const byStage = Object.fromEntries(
      PARTNER_LIFECYCLE_STAGES.map(stage => [stage, 0]),
    ) as Record<PartnerLifecycleStageName, number>;
    let total = 0;
    for (const row of stageRows) {
      total += Number(row.n);
      if (row.stage in byStage) {
        byStage[row.stage as PartnerLifecycleStageName] = Number(row.n);
      }
    }

    const [reviewRow]: Row[] = await this.pendingReviews()
      .clearSelect()
      .join('partners as p', 'p.entity_ref', 'i.partner_ref')
      .whereNull('p.gone_at')
      .count({ pending: '*' })
      .select(
        this.db.raw(
          'coalesce(sum(case when r.due_at < ? then 1 else 0 end), 0) as overdue',
          [now.toISOString()],
        ),
      );

    const findingRows: Row[] = await this.db('findings')
      .select('severity')
      .count({ n: '*' })
      .whereNull('resolved_at')
      .whereNotExists(coveringException(this.db, now))
      .whereExists(livePartner())
      .groupBy('severity');
    const openFindings = emptyCounts();
    for (const row of findingRows) {
      if (isSeverity(row.severity)) {
        openFindings[row.severity] += Number(row.n);
      }
    }

    const [contractRow]: Row[] = await this.db('partners')
      .count({ n: '*' })
      .whereNull('gone_at')
      .where('contract_end', '>=', dayString(now, 0))
      .where('contract_end', '<', dayString(now, days + 1));

    return {
      total,
      byStage,
      reviews: {
        pending: Number(reviewRow?.pending ?? 0),
        overdue: Number(reviewRow?.overdue ?? 0),
      },
      openFindings,
      contractsEnding: { days, count: Number(contractRow?.n ?? 0) },
    };
  }

  /**
   * Per rule with firing findings: how many are open and how many are
   * accepted risk, optionally of one partner. Two grouped queries.
   */
  async listFindingRules(
    request: ListFindingRulesRequest = {},
  ): Promise<ListFindingRulesResponse> {
    const now = this.now();
    const partnerRef = request.partner
      ? normalizeRef(request.partner, 'request/query/partner', 'partner')
      : undefined;
    const grouped = (accepted: boolean) => {
      const query = this.db('findings')
        .select('rule_id', 'severity')
        .count({ n: '*' })
        .whereNull('resolved_at')
        .groupBy('rule_id', 'severity');
      if (partnerRef) {
        query.where('partner_ref', partnerRef);
      }
      return accepted
        ? query.whereExists(coveringException(this.db, now))
        : query.whereNotExists(coveringException(this.db, now));
    };
    const counts = new Map<
      string,
      { open: number; accepted: number; worst: Severity }
    >();
    for (const [accepted, rows] of [
      [false, await grouped(false)],
      [true, await grouped(true)],
    ] as Array<[boolean, Row[]]>) {
      for (const row of rows) {
        const entry = counts.get(row.rule_id) ?? {
          open: 0,
          accepted: 0,
          worst: 'low' as Severity,
        };
        entry[accepted ? 'accepted' : 'open'] += Number(row.n);
        if (
          isSeverity(row.severity) &&
          compareSeverity(row.severity, entry.worst) > 0
        ) {
          entry.worst = row.severity;
        }
        counts.set(row.rule_id, entry);
      }
    }
    const items: FindingRuleCount[] = [...counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : Number(a > b)))
      .map(([ruleId, entry]) => {
        const rule = RULES[ruleId as RuleId] as
          | (typeof RULES)[RuleId]
          | undefined;
        return {
          ruleId,
          // a rule no longer in the catalog: its worst stored severity
          severity: rule?.severity ?? entry.worst,
          title: rule?.title ?? ruleId,
          frameworks: rule ? [...rule.frameworks] : [],
          open: entry.open,
          accepted: entry.accepted,
        };
      });
    return { items };
  }

  /**
   * A partner's live identities (of its live integrations), keyset-paged by
   * (integration ref, name), with the rule ids of their open and
   * accepted-risk findings. A fixed number of queries per page.
   */
  async listPartnerIdentities(
    ref: string,
    request: ListPartnerIdentitiesRequest,
    options: { includeSecretRefs: boolean },
  ): Promise<ListPartnerIdentitiesResponse> {
    const partnerRef = normalizeRef(ref, 'request/params/ref', 'partner');
    const integrationRef = request.integration
      ? normalizeRef(
          request.integration,
          'request/query/integration',
          'partnerintegration',
        )
      : undefined;
    let after: { integrationRef: string; name: string } | undefined;
    if (request.cursor) {
      const [afterRef, name] = decodeKeysetCursor(request.cursor, [
        INTEGRATION_KEY,
        IDENTITY_NAME,
      ]);
      after = { integrationRef: afterRef, name };
    }
    const partner = await this.db('partners')
      .select('entity_ref')
      .where('entity_ref', partnerRef)
      .whereNull('gone_at')
      .first();
    if (!partner) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }

    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const now = this.now();
    const query = this.db('identities as d')
      .join('integrations as i', 'i.entity_ref', 'd.integration_ref')
      .select(
        'd.integration_ref',
        'd.name',
        'd.type',
        'd.status',
        'd.custodian_ref',
        'd.scopes',
        'd.privileged',
        'd.environment',
        'd.secret_ref',
        'd.issued',
        'd.last_rotated',
        'd.expires',
        'd.last_used',
        { access_package: 'i.access_package' },
      )
      .where('i.partner_ref', partnerRef)
      .whereNull('i.gone_at')
      .whereNull('d.gone_at');
    if (integrationRef) {
      query.where('d.integration_ref', integrationRef);
    }
    if (after) {
      query.where(w =>
        w
          .where('d.integration_ref', '>', after!.integrationRef)
          .orWhere(w2 =>
            w2
              .where('d.integration_ref', after!.integrationRef)
              .where('d.name', '>', after!.name),
          ),
      );
    }
    const rows: Row[] = await query
      .orderBy([{ column: 'd.integration_ref' }, { column: 'd.name' }])
      .limit(limit + 1);
    const page = rows.slice(0, limit);

    const refs = [...new Set(page.map(r => r.integration_ref as string))];
    const names = [...new Set(page.map(r => r.name as string))];
    const findingRows: Row[] = page.length
      ? await this.db('findings')
          .select(FINDING_COLUMNS)
          .whereIn('entity_ref', refs)
          .whereIn('identity', names)
          .whereNull('resolved_at')
          .orderBy('rule_id')
      : [];
    const findings = await withAcceptedRisk(
      this.db,
      findingRows.map(toFinding),
      now,
    );
    const findingsOf = new Map<string, FindingRecord[]>();
    for (const finding of findings) {
      const key = `${finding.entityRef}\n${finding.identity}`;
      findingsOf.set(key, [...(findingsOf.get(key) ?? []), finding]);
    }

    return compact({
      items: page.map(row => {
        const own = findingsOf.get(`${row.integration_ref}\n${row.name}`) ?? [];
        const rotated = row.last_rotated ?? row.issued;
        return compact({
          integrationRef: row.integration_ref,
          name: row.name,
          type: row.type,
          status: row.status,
          scopes: jsonArray(row.scopes),
          privileged: Boolean(row.privileged),
          environment: row.environment,
          custodian: row.custodian_ref,
          issued: row.issued,
          lastRotated: row.last_rotated,
          rotationAgeDays: rotated ? daysBetween(rotated, now) : undefined,
          expires: row.expires,
          lastUsed: row.last_used,
          accessPackage: row.access_package,
          openFindings: own.filter(f => !f.acceptedRisk).map(f => f.ruleId),
          acceptedRisks: own.filter(f => f.acceptedRisk).map(f => f.ruleId),
          secretRef: options.includeSecretRefs ? row.secret_ref : undefined,
        });
      }),
      nextCursor:
        rows.length > limit
          ? encodeCursor(
              `${page[page.length - 1].integration_ref}\n${
                page[page.length - 1].name
              }`,
            )
          : undefined,
    });
  }

  /**
   * Pending reviews (`pending_key` is set only while pending) of live
   * integrations, as `r` joined to `i`.
   */
  private pendingReviews(): Knex.QueryBuilder {
    return this.db('access_reviews as r')
      .join('integrations as i', 'i.entity_ref', 'r.pending_key')
      .select('r.id')
      .whereNull('i.gone_at');
  }

  /** Pending and overdue reviews per partner: one query for a whole page. */
  private async reviewCounts(
    partnerRefs: string[],
    now: Date,
  ): Promise<Map<string, PartnerReviewCounts>> {
    const rows = await inBatches<Row>(partnerRefs, batch =>
      this.pendingReviews()
        .clearSelect()
        .select('i.partner_ref')
        .count({ pending: '*' })
        .select(
          this.db.raw(
            'sum(case when r.due_at < ? then 1 else 0 end) as overdue',
            [now.toISOString()],
          ),
        )
        .whereIn('i.partner_ref', batch)
        .groupBy('i.partner_ref'),
    );
    return new Map(
      rows.map(row => [
        row.partner_ref as string,
        { pending: Number(row.pending), overdue: Number(row.overdue) },
      ]),
    );
  }

  /** Open findings per partner and severity: one query for a whole page. */
  private async openFindingCounts(
    partnerRefs: string[],
    now: Date,
  ): Promise<Map<string, SeverityCounts>> {
    const counts = new Map<string, SeverityCounts>();
    const rows = await inBatches<Row>(partnerRefs, batch =>
      this.db('findings')
        .select('partner_ref', 'severity')
        .count({ n: '*' })
        .whereIn('partner_ref', batch)
        .whereNull('resolved_at')
        // accepted risk is not open
        .whereNotExists(coveringException(this.db, now))
        .groupBy('partner_ref', 'severity'),
    );
    for (const row of rows) {
      if (!isSeverity(row.severity)) {
        continue;
      }
      const partnerCounts = counts.get(row.partner_ref) ?? emptyCounts();
      partnerCounts[row.severity] += Number(row.n);
      counts.set(row.partner_ref, partnerCounts);
    }
    return counts;
  }
}
