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

import { undeclaredCounts } from './observations';
import { type DetailsScope, whereInScope } from '../../database/stakeholders';
import { NotFoundError } from '@backstage/errors';
import {
  DEFAULT_PARTNERS_POLICY,
  type ListPartnersRequest,
  type ListPartnersResponse,
  PARTNER_LIFECYCLE_STAGES,
  type PartnerDetails,
  type PartnerIntegrationSummary,
  type PartnerLifecycleStageName,
  type PartnersOverview,
  isSeverity,
} from '@partner-governance/plugin-partners-common';
import {
  coveringException,
  withAcceptedRisk,
} from '../../database/acceptedRisk';
import { decodeCursor, encodeCursor } from '../../database/cursors';
import type {
  CountRow,
  FindingsRow,
  IdentitiesRow,
  IndexedIntegrationsRow,
  IndexedPartnersRow,
  PartnersRow,
} from '../../database/tables';
import {
  DEFAULT_PAGE_SIZE,
  FINDING_COLUMNS,
  PARTNER_COLUMNS,
  PARTNER_KEY,
  ReadModel,
  type PartnerColumnsRow,
  type ReviewCountsRow,
  byWorst,
  compact,
  dayString,
  emptyCounts,
  inBatches,
  normalizeRef,
  toFinding,
  toPartnerSummary,
} from './ReadModel';
import { ScorecardReadModel } from './ScorecardReadModel';
import {
  contractInUse,
  partnerColumnsInUse,
  partnersWithRegisterContracts,
  registerEntryOf,
} from './register';

/** The partner index: the list with its filters, one partner with its integrations and findings, and the programme summary. @internal */
export class PartnersReadModel extends ReadModel {
  private readonly scorecards = new ScorecardReadModel(this.db, this.options);

  async listPartners(
    request: ListPartnersRequest = {},
  ): Promise<ListPartnersResponse> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    // The contract column and filter read the contract the rules use.
    const query = partnersWithRegisterContracts(this.db)
      .select(partnerColumnsInUse(this.db))
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
      const end = contractInUse(this.db, 'contract_end');
      query
        .where(end, '>=', dayString(now, 0))
        .where(end, '<', dayString(now, request.contractEndsWithinDays + 1));
    }
    if (request.cursor) {
      query.where('entity_ref', '>', decodeCursor(request.cursor, PARTNER_KEY));
    }
    const rows: PartnerColumnsRow[] = await query
      .orderBy('entity_ref')
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const refs = page.map(r => r.entity_ref);
    const [counts, reviews, undeclared] = await Promise.all([
      this.openFindingCounts(refs, now),
      this.reviewCounts(refs, now),
      undeclaredCounts(this.db, refs),
    ]);
    return compact({
      items: page.map(row =>
        toPartnerSummary(
          row,
          counts.get(row.entity_ref) ?? emptyCounts(),
          reviews.get(row.entity_ref) ?? { pending: 0, overdue: 0 },
          undeclared.get(row.entity_ref),
        ),
      ),
      nextCursor:
        rows.length > limit
          ? encodeCursor(page[page.length - 1].entity_ref)
          : undefined,
    });
  }

  /**
   * One partner with its integrations, counts and scorecard, and the open
   * findings of its partner and integrations in `scope`.
   */
  async getPartner(
    ref: string,
    scope: DetailsScope = 'all',
  ): Promise<PartnerDetails> {
    const entityRef = normalizeRef(ref, 'request/params/ref', 'partner');
    const row = await this.db<IndexedPartnersRow>('partners')
      .select(PARTNER_COLUMNS)
      .where('entity_ref', entityRef)
      .whereNull('gone_at')
      .first();
    if (!row) {
      throw new NotFoundError(`No partner ${entityRef}`);
    }

    const integrationRows = await this.db<IndexedIntegrationsRow>(
      'integrations',
    )
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
    const countRows = await inBatches(
      integrationRows.map(r => r.entity_ref),
      batch =>
        this.db<IdentitiesRow>('identities')
          .select('integration_ref')
          // knex types a count's row without the columns grouped by
          .count<CountRow<IdentitiesRow, 'integration_ref'>[]>({ n: '*' })
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

    // Everyone sees the counts; the findings themselves are listed for the
    // partners and integrations in scope. Findings an exception covers are
    // listed as accepted risk, not counted.
    const now = this.now();
    const findings = (
      await withAcceptedRisk(
        this.db,
        (
          await whereInScope(
            this.db,
            this.db<FindingsRow>('findings')
              .select(FINDING_COLUMNS)
              .where('partner_ref', entityRef)
              .whereNull('resolved_at'),
            'entity_ref',
            scope,
          )
        ).map(toFinding),
        now,
      )
    ).sort(byWorst);
    const openFindings =
      (await this.openFindingCounts([entityRef], now)).get(entityRef) ??
      emptyCounts();

    const reviews = await this.reviewCounts([entityRef], now);
    const scorecard = await this.scorecards.forPartner(entityRef);
    const register = this.options.register
      ? await registerEntryOf(this.db, entityRef)
      : undefined;
    return {
      ...toPartnerSummary(
        row,
        openFindings,
        reviews.get(entityRef) ?? { pending: 0, overdue: 0 },
        (await undeclaredCounts(this.db, [entityRef])).get(entityRef),
      ),
      integrations,
      findings,
      scorecard,
      ...(register && { register }),
    };
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

    const stageRows = await this.db<PartnersRow>('partners')
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

    const [reviewRow]: ReviewCountsRow[] = await this.pendingReviews()
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

    const findingRows = await this.db<FindingsRow>('findings')
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

    const end = contractInUse(this.db, 'contract_end');
    const [contractRow] = await partnersWithRegisterContracts(this.db)
      .count({ n: '*' })
      .whereNull('gone_at')
      .where(end, '>=', dayString(now, 0))
      .where(end, '<', dayString(now, days + 1));

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
}
