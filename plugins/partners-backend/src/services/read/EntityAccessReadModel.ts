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

import type {
  EntityAccessItem,
  EntityAccessResponse,
  EntityAccessRequest,
  FindingRecord,
} from '@partner-governance/plugin-partners-common';
import { decodeCursor, encodeCursor } from '../../database/cursors';
import { type DetailsScope, refsInScope } from '../../database/stakeholders';
import type { ExceptionsRow } from '../../database/DatabaseExceptionsStore';
import type { AccessReviewsRow } from '../../database/DatabaseReviewsStore';
import type { IndexedIntegrationsRow } from '../../database/tables';
import { jsonArray } from '../../database/json';
import {
  DEFAULT_PAGE_SIZE,
  FINDING_COLUMNS,
  type FindingColumnsRow,
  IDENTITY_COLUMNS,
  type IdentityColumnsRow,
  INTEGRATION_KEY,
  type JsonRows,
  type PartnerJoinColumns,
  ReadModel,
  byWorst,
  compact,
  emptyCounts,
  jsonRows,
  normalizeRef,
  parseJsonRows,
  toFinding,
  toIdentity,
} from './ReadModel';

/** The approved exception that covers a finding, as the page reads it. */
interface CoveringExceptionColumns {
  exception_id: ExceptionsRow['id'];
  exception_expires_at: ExceptionsRow['expires_at'];
  /** An approved exception names who approved it. */
  exception_decided_by: NonNullable<ExceptionsRow['decided_by']>;
}

/** A finding with the exception that covers it, or nulls when none does. */
type CoveredFindingRow = FindingColumnsRow &
  (CoveringExceptionColumns | { [K in keyof CoveringExceptionColumns]: null });

/**
 * Findings read with the `exception_*` fields of the approved, unexpired
 * exception that covers them (null when none does), as records with
 * `acceptedRisk`. One finding per id: rows arrive in id order, and should
 * two exceptions cover one finding the first row is kept.
 */
function withCoveringException(rows: CoveredFindingRow[]): FindingRecord[] {
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

/** The list's totals (bigint strings on PostgreSQL). */
interface AccessTotalsRow {
  total_integrations: number | string;
  total_partners: number | string;
}

/** The pending review of an integration, as the page reads it. */
interface PendingReviewColumns {
  review_id: AccessReviewsRow['id'];
  review_assignee: AccessReviewsRow['assignee_ref'];
  review_due_at: AccessReviewsRow['due_at'];
}

/**
 * A row of the page: an integration with its live partner, its pending
 * review (nulls when none), its identities and open findings, and the
 * list's totals.
 */
type EntityAccessRow = Pick<
  IndexedIntegrationsRow,
  | 'entity_ref'
  | 'title'
  | 'type'
  | 'owner_ref'
  | 'environment'
  | 'access_package'
  | 'partner_ref'
> &
  PartnerJoinColumns &
  AccessTotalsRow & {
    identities: JsonRows<IdentityColumnsRow>;
    findings: JsonRows<CoveredFindingRow>;
  } & (PendingReviewColumns | { [K in keyof PendingReviewColumns]: null });

/** Which partners reach an entity, through which integrations and identities (the service card). @internal */
export class EntityAccessReadModel extends ReadModel {
  async getEntityAccess(
    ref: string,
    options: { scope: DetailsScope; now?: Date } & EntityAccessRequest,
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
        // knex types each count's row without the other
        .countDistinct<AccessTotalsRow[]>({ total_partners: 'i.partner_ref' });
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
              // a secret's location leaves the database only when it may
              // be shown
              options.scope === 'none'
                ? IDENTITY_COLUMNS
                : [...IDENTITY_COLUMNS, 'secret_ref'],
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
    const pageRows: EntityAccessRow[] = await pageQuery
      .orderBy('a.integration_ref')
      .limit(limit + 1);
    const integrationRows = pageRows.slice(0, limit);

    // past the last page there is no row to carry the totals: count apart
    const totalsRow: AccessTotalsRow | undefined =
      pageRows[0] ?? (options.cursor ? (await counting())[0] : undefined);
    const totals = {
      integrations: Number(totalsRow?.total_integrations ?? 0),
      partners: Number(totalsRow?.total_partners ?? 0),
    };

    // Everyone sees the integrations, identities and scopes, and the counts
    // of open findings; finding details and secret locations only of the
    // integrations whose details the caller may read.
    const shown = await refsInScope(
      db,
      integrationRows.map(r => r.entity_ref),
      options.scope,
    );
    const identitiesOf = new Map(
      integrationRows.map(r => [r.entity_ref, parseJsonRows(r.identities)]),
    );
    const observation = await this.observations(
      [...identitiesOf.values()].flat().map(i => i.observed_as),
    );
    const items: EntityAccessItem[] = integrationRows.map(r => {
      const findings = withCoveringException(parseJsonRows(r.findings));
      const openFindings = emptyCounts();
      for (const finding of findings) {
        if (!finding.acceptedRisk) {
          openFindings[finding.severity] += 1;
        }
      }
      const detailed = shown.has(r.entity_ref);
      return compact({
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
        identities: identitiesOf
          .get(r.entity_ref)!
          .map(i =>
            toIdentity(
              i,
              detailed,
              i.observed_as
                ? observation(i.observed_as, jsonArray(i.scopes))
                : undefined,
            ),
          ),
        openFindings,
        findings: detailed ? findings.sort(byWorst) : [],
        pendingReview:
          r.review_id === null || r.review_id === undefined
            ? undefined
            : {
                id: Number(r.review_id),
                assignee: r.review_assignee,
                dueAt: r.review_due_at,
                overdue: Date.parse(r.review_due_at) < now.getTime(),
              },
      });
    });
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
}
