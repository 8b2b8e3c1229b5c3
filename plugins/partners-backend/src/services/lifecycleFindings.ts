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
  RULES,
  SEVERITIES,
  stageTransitionProblem,
  type RuleId,
  type Severity,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type { EvaluatedFinding } from '../database/FindingsStore';
import {
  CHECKLISTS,
  ITEMS,
  LEAVING_REASONS,
  reasonsOf,
  type OffboardingChecklistRow,
} from '../database/offboardingRows';
import { STAGE_HISTORY, type StageHistoryRow } from '../database/stageHistory';
import type { PartnersRow } from '../database/tables';

/** Refs per `IN (...)` list. */
const BATCH = 500;

function raise(severity: Severity): Severity {
  return SEVERITIES[
    Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)
  ];
}

function finding(
  ruleId: RuleId,
  partner: Pick<PartnersRow, 'entity_ref' | 'tier'>,
  message: string,
  severity: Severity = RULES[ruleId].severity,
): EvaluatedFinding {
  return {
    ruleId,
    // as for every rule, a critical-tier partner raises the severity
    severity: partner.tier === 'critical' ? raise(severity) : severity,
    entityRef: partner.entity_ref,
    partnerRef: partner.entity_ref,
    message,
    frameworks: [...RULES[ruleId].frameworks],
  };
}

type HistoryRow = Pick<
  StageHistoryRow,
  | 'partner_ref'
  | 'stage'
  | 'previous_stage'
  | 'seen_at'
  | 'allowed'
  | 'changed_by'
> &
  Pick<PartnersRow, 'tier'>;

/**
 * The move that makes a partner's current stage invalid, if one does, from
 * its history oldest first: the latest move out of offboarded, until a
 * later move takes the partner into offboarding or offboarded (a returning
 * partner starts a new lifecycle: moving on does not make it right); else
 * the latest move, when the lifecycle does not allow it (the next allowed
 * move clears it).
 */
function invalidMove(history: HistoryRow[]): HistoryRow | undefined {
  let leftOffboarded: HistoryRow | undefined;
  for (const row of history) {
    if (row.previous_stage === 'offboarded' && row.stage !== 'offboarded') {
      leftOffboarded = row;
    } else if (row.stage === 'offboarding' || row.stage === 'offboarded') {
      leftOffboarded = undefined;
    }
  }
  const last = history[history.length - 1];
  return leftOffboarded ?? (last && !last.allowed ? last : undefined);
}

/**
 * `lifecycle-transition-invalid`: live partners whose current stage was
 * reached by a move the lifecycle does not allow (see invalidMove). Medium;
 * high when the partner left offboarded. Only the histories that hold a
 * move not allowed are read.
 */
async function transitionFindings(db: Knex): Promise<EvaluatedFinding[]> {
  const rows: HistoryRow[] = await db(`${STAGE_HISTORY} as h`)
    .join('partners as p', 'p.entity_ref', 'h.partner_ref')
    .whereNull('p.gone_at')
    .whereIn(
      'h.partner_ref',
      db(STAGE_HISTORY).distinct('partner_ref').where('allowed', false),
    )
    .select(
      'h.partner_ref',
      'h.stage',
      'h.previous_stage',
      'h.seen_at',
      'h.allowed',
      'h.changed_by',
      'p.tier',
    )
    .orderBy([{ column: 'h.partner_ref' }, { column: 'h.id' }]);
  const byPartner = new Map<string, HistoryRow[]>();
  for (const row of rows) {
    const history = byPartner.get(row.partner_ref) ?? [];
    history.push({ ...row, allowed: Boolean(row.allowed) });
    byPartner.set(row.partner_ref, history);
  }
  const findings: EvaluatedFinding[] = [];
  for (const [partnerRef, history] of byPartner) {
    const move = invalidMove(history);
    if (!move || move.previous_stage === null) {
      continue;
    }
    const from = move.previous_stage;
    const problem = stageTransitionProblem(from, move.stage) ?? 'not allowed';
    const since =
      move === history[history.length - 1]
        ? ''
        : '; it has not been in offboarding since';
    const by = move.changed_by ? `, requested by ${move.changed_by}` : '';
    findings.push(
      finding(
        'lifecycle-transition-invalid',
        { entity_ref: partnerRef, tier: move.tier },
        `Moved from ${from} to ${move.stage} (seen ${move.seen_at}${by}): ${problem}${since}`,
        from === 'offboarded' ? 'high' : undefined,
      ),
    );
  }
  return findings;
}

/**
 * `offboarding-unverified`: live offboarded partners whose offboarding is
 * not verified by a second person: an open checklist (items pending, or
 * all done and not verified), else no verified checklist for leaving (one
 * opened for the stage or the contract's end; a verified list of a single
 * revoke decision does not offboard a partner).
 */
async function offboardingFindings(db: Knex): Promise<EvaluatedFinding[]> {
  const partners: Array<Pick<PartnersRow, 'entity_ref' | 'tier'>> = await db(
    'partners',
  )
    .select('entity_ref', 'tier')
    .whereNull('gone_at')
    .where('stage', 'offboarded')
    .orderBy('entity_ref');
  const checklists: Array<
    Pick<OffboardingChecklistRow, 'id' | 'partner_ref' | 'reasons' | 'status'>
  > = [];
  for (let i = 0; i < partners.length; i += BATCH) {
    checklists.push(
      ...(await db(CHECKLISTS)
        .select('id', 'partner_ref', 'reasons', 'status')
        .whereIn(
          'partner_ref',
          partners.slice(i, i + BATCH).map(p => p.entity_ref),
        )
        .orderBy('id')),
    );
  }
  const open = checklists.filter(c => c.status === 'open');
  const counts = new Map<string, { total: number; pending: number }>();
  for (let i = 0; i < open.length; i += BATCH) {
    const rows: Array<{
      checklist_id: number | string;
      status: string;
      n: number | string;
    }> = await db(ITEMS)
      .select('checklist_id', 'status')
      .count({ n: '*' })
      .whereIn(
        'checklist_id',
        open.slice(i, i + BATCH).map(c => c.id),
      )
      .groupBy('checklist_id', 'status');
    for (const row of rows) {
      const key = String(row.checklist_id);
      const count = counts.get(key) ?? { total: 0, pending: 0 };
      count.total += Number(row.n);
      if (row.status === 'pending') {
        count.pending += Number(row.n);
      }
      counts.set(key, count);
    }
  }

  const findings: EvaluatedFinding[] = [];
  for (const partner of partners) {
    const own = checklists.filter(c => c.partner_ref === partner.entity_ref);
    const current = own.find(c => c.status === 'open');
    let message: string | undefined;
    if (current) {
      const { total, pending } = counts.get(String(current.id)) ?? {
        total: 0,
        pending: 0,
      };
      const list = `offboarding checklist #${current.id}`;
      if (pending > 0) {
        message = `Offboarded while ${pending} of ${total} items of ${list} are pending`;
      } else if (total === 0) {
        message = `Offboarded while ${list} is not verified: it has no items, and someone must confirm there is nothing to revoke`;
      } else {
        message = `Offboarded while ${list} is done but not verified by someone other than those who completed its items`;
      }
    } else if (
      !own.some(
        c =>
          c.status === 'verified' &&
          reasonsOf(c.reasons).some(reason => LEAVING_REASONS.includes(reason)),
      )
    ) {
      message =
        'Offboarded without a verified offboarding checklist: no checklist for leaving was opened or verified';
    }
    if (message) {
      findings.push(finding('offboarding-unverified', partner, message));
    }
  }
  return findings;
}

/**
 * The findings of the partner lifecycle the backend keeps:
 * `lifecycle-transition-invalid` from the stage history and
 * `offboarding-unverified` from the offboarding checklists.
 *
 * @internal
 */
export async function lifecycleFindings(db: Knex): Promise<EvaluatedFinding[]> {
  return [
    ...(await transitionFindings(db)),
    ...(await offboardingFindings(db)),
  ];
}
