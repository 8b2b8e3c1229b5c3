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

import {
  type FindingRuleCount,
  type ListFindingRulesRequest,
  type ListFindingRulesResponse,
  type ListFindingsRequest,
  type ListFindingsResponse,
  RULES,
  type RuleId,
  type Severity,
  compareSeverity,
  isSeverity,
} from '@partner-governance/plugin-partners-common';
import {
  coveringException,
  withAcceptedRisk,
} from '../../database/acceptedRisk';
import { decodeCursor, encodeCursor } from '../../database/cursors';
import { type DetailsScope, whereInScope } from '../../database/stakeholders';
import type { CountRow, FindingsRow } from '../../database/tables';
import {
  DEFAULT_PAGE_SIZE,
  FINDING_COLUMNS,
  FINDING_KEY,
  ReadModel,
  compact,
  normalizeRef,
  toFinding,
} from './ReadModel';

/** Findings: the list, and the findings grouped by rule with their frameworks. @internal */
export class FindingsReadModel extends ReadModel {
  /** A page of findings, of the partners and integrations in `scope`. */
  async listFindings(
    request: ListFindingsRequest = {},
    scope: DetailsScope = 'all',
  ): Promise<ListFindingsResponse> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const query = whereInScope(
      this.db,
      this.db<FindingsRow>('findings').select(FINDING_COLUMNS),
      'entity_ref',
      scope,
    );
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
    const rows = await query.orderBy('id').limit(limit + 1);
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
      const query = this.db<FindingsRow>('findings')
        .select('rule_id', 'severity')
        // knex types a count's row without the columns grouped by
        .count<CountRow<FindingsRow, 'rule_id' | 'severity'>[]>({ n: '*' })
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
    const groups: Array<
      [boolean, CountRow<FindingsRow, 'rule_id' | 'severity'>[]]
    > = [
      [false, await grouped(false)],
      [true, await grouped(true)],
    ];
    for (const [accepted, rows] of groups) {
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
}
