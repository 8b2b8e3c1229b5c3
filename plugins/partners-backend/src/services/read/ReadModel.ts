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
import { InputError } from '@backstage/errors';
import {
  type AccessIdentity,
  type FindingRecord,
  type IdentityObservation,
  type PartnerReviewCounts,
  type PartnerSummary,
  type PartnersPolicy,
  type SeverityCounts,
  addDays,
  compareSeverity,
  entityRefKey,
  isSeverity,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { coveringException } from '../../database/acceptedRisk';
import { jsonArray } from '../../database/json';
import { readObservations, type RevocableSources } from './observations';
import type {
  CountRow,
  FindingsRow,
  IdentitiesRow,
  IndexedIdentitiesRow,
  IndexedPartnersRow,
  IntegrationsRow,
  PartnersRow,
} from '../../database/tables';
/** Page size when the request names none (the spec enforces 1..100). */
export const DEFAULT_PAGE_SIZE = 25;
/** Values per `IN (...)` list, well under every engine's parameter limit. */
const IN_BATCH = 500;

export const PARTNER_KEY = /^[^\s:/]+:[^\s:/]+\/\S+$/;
export const FINDING_KEY = /^[1-9][0-9]{0,14}$/;
export const INTEGRATION_KEY = /^partnerintegration:[^\s:/]+\/\S+$/;
export const IDENTITY_NAME = /^.+$/;
/** The UTC calendar day `days` after `now`, as `YYYY-MM-DD`. */
export function dayString(now: Date, days: number): string {
  return addDays(now, days).slice(0, 10);
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

import { compact } from './compact';

export { compact, type Compacted } from './compact';

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

/** Worst first, then oldest first. */
export function byWorst(a: FindingRecord, b: FindingRecord): number {
  return compareSeverity(b.severity, a.severity) || a.id - b.id;
}

export async function inBatches<T>(
  values: string[],
  query: (batch: string[]) => Promise<T[]>,
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < values.length; i += IN_BATCH) {
    rows.push(...(await query(values.slice(i, i + IN_BATCH))));
  }
  return rows;
}

/** The columns of a live partner a join reads: null when there is none. */
export interface PartnerJoinColumns {
  partner_title: PartnersRow['title'];
  partner_stage: IndexedPartnersRow['stage'] | null;
  partner_tier: IndexedPartnersRow['tier'] | null;
  /** The partner's entity ref, null when no live partner joined. */
  partner_found: PartnersRow['entity_ref'] | null;
}

/** Pending and overdue reviews (bigint strings on PostgreSQL). */
export interface ReviewCountsRow {
  pending: number | string;
  overdue: number | string;
}

export const PARTNER_COLUMNS = [
  'entity_ref',
  'title',
  'type',
  'stage',
  'tier',
  'owner_ref',
  'contract_end',
  'contract_status',
] satisfies Array<keyof PartnersRow>;

/** A partner as {@link PARTNER_COLUMNS} reads it. */
export type PartnerColumnsRow = Pick<
  IndexedPartnersRow,
  (typeof PARTNER_COLUMNS)[number]
>;

export const FINDING_COLUMNS = [
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
] satisfies Array<keyof FindingsRow>;

/** A finding as {@link FINDING_COLUMNS} reads it. */
export type FindingColumnsRow = Pick<
  FindingsRow,
  (typeof FINDING_COLUMNS)[number]
>;

export const IDENTITY_COLUMNS = [
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
  'observed_as',
] satisfies Array<keyof IdentitiesRow>;

/** An identity as {@link IDENTITY_COLUMNS} reads it, and any secret ref read. */
export type IdentityColumnsRow = Pick<
  IndexedIdentitiesRow,
  (typeof IDENTITY_COLUMNS)[number]
> &
  Partial<Pick<IdentitiesRow, 'secret_ref'>>;

/**
 * A correlated subquery's rows as one JSON array of objects keyed by column
 * name (plus `extra` keys for other expressions), in `orderBy` order:
 * `json_agg` on PostgreSQL, `json_group_array` on SQLite (3.44 or later, for
 * the ORDER BY). Read the value back with parseJsonRows.
 */
export function jsonRows(
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

/**
 * A column jsonRows built, of rows `T`: JSON text on SQLite, parsed JSON on
 * PostgreSQL (null when there are no rows).
 */
export type JsonRows<T> = string | T[] | null;

/** The rows jsonRows built. */
export function parseJsonRows<T>(value: JsonRows<T>): T[] {
  if (typeof value === 'string') {
    return JSON.parse(value);
  }
  return Array.isArray(value) ? value : [];
}

export function toPartnerSummary(
  row: PartnerColumnsRow,
  openFindings: SeverityCounts,
  reviews: PartnerReviewCounts,
  undeclared = 0,
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
    undeclaredIdentities: undeclared || undefined,
  });
}

export function toFinding(row: FindingColumnsRow): FindingRecord {
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

export function toIdentity(
  row: IdentityColumnsRow,
  includeSecretRef: boolean,
  observation?: IdentityObservation,
): AccessIdentity {
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
    observation,
  });
}

/** How read models tell the time and the policy. @internal */
export interface ReadModelOptions {
  /** The current time; the system clock unless a test fixes it. */
  clock?: () => Date;
  /** The policy in force (contractNoticeDays); the default without it. */
  policy?: () => PartnersPolicy;
  /** Which identity sources can revoke; none without it. */
  sources?: RevocableSources;
  /** Whether a partner register is configured: partner details then carry its row. */
  register?: boolean;
}

/**
 * What every read model shares: the database, the clock and the policy, and
 * the review and open finding counts of partners. Only entities still in the
 * catalog (`gone_at` null) are read; every list is keyset-paginated and costs
 * a fixed number of queries per page.
 */
export abstract class ReadModel {
  constructor(
    protected readonly db: Knex,
    protected readonly options: ReadModelOptions = {},
  ) {}

  protected now(): Date {
    return this.options.clock?.() ?? new Date();
  }

  /** What sources observe of these declarations: see readObservations. */
  protected observations(observedAs: Array<string | null | undefined>) {
    return readObservations(
      this.db,
      observedAs.filter((key): key is string => Boolean(key)),
      this.options.sources ?? { canRevoke: () => false },
    );
  }

  /**
   * Pending reviews (`pending_key` is set only while pending) of live
   * integrations, as `r` joined to `i`.
   */
  protected pendingReviews(): Knex.QueryBuilder {
    return this.db('access_reviews as r')
      .join('integrations as i', 'i.entity_ref', 'r.pending_key')
      .select('r.id')
      .whereNull('i.gone_at');
  }

  /** Pending and overdue reviews per partner: one query for a whole page. */
  protected async reviewCounts(
    partnerRefs: string[],
    now: Date,
  ): Promise<Map<string, PartnerReviewCounts>> {
    const rows = await inBatches<
      ReviewCountsRow & Pick<IntegrationsRow, 'partner_ref'>
    >(partnerRefs, batch =>
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
        row.partner_ref,
        { pending: Number(row.pending), overdue: Number(row.overdue) },
      ]),
    );
  }

  /** Open findings per partner and severity: one query for a whole page. */
  protected async openFindingCounts(
    partnerRefs: string[],
    now: Date,
  ): Promise<Map<string, SeverityCounts>> {
    const counts = new Map<string, SeverityCounts>();
    const rows = await inBatches(partnerRefs, batch =>
      this.db<FindingsRow>('findings')
        .select('partner_ref', 'severity')
        // knex types a count's row without the columns grouped by
        .count<CountRow<FindingsRow, 'partner_ref' | 'severity'>[]>({ n: '*' })
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
