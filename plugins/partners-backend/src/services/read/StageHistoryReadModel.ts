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

import { NotFoundError } from '@backstage/errors';
import {
  type GetStageHistoryRequest,
  type StageHistory,
  type StageHistoryEntry,
  stageTransitionProblem,
} from '@partner-governance/plugin-partners-common';
import { decodeCursor, encodeCursor } from '../../database/cursors';
import {
  STAGE_HISTORY,
  type StageHistoryRow,
} from '../../database/stageHistory';
import type { PartnersRow } from '../../database/tables';
import {
  DEFAULT_PAGE_SIZE,
  FINDING_KEY,
  ReadModel,
  compact,
  normalizeRef,
} from './ReadModel';

/** A row of a page: the partner is the one asked for. */
type PageRow = Omit<StageHistoryRow, 'partner_ref'>;

/** A partner's stage history, as the index refresh recorded it. @internal */
export class StageHistoryReadModel extends ReadModel {
  /**
   * One page of the stages a live partner was seen entering, newest first
   * (keyset by id), with when its history starts. `recordedBy` (the sync's
   * actor, an audit fact) only when the caller may read the partner's
   * details.
   */
  async getStageHistory(
    ref: string,
    request: GetStageHistoryRequest,
    options: { mayReadDetails(partnerRef: string): Promise<boolean> },
  ): Promise<StageHistory> {
    const partnerRef = normalizeRef(ref, 'request/params/ref', 'partner');
    const before = request.cursor
      ? Number(decodeCursor(request.cursor, FINDING_KEY))
      : undefined;
    const partner = await this.db<PartnersRow>('partners')
      .select('entity_ref')
      .where('entity_ref', partnerRef)
      .whereNull('gone_at')
      .first();
    if (!partner) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }
    const showRecordedBy = await options.mayReadDetails(partnerRef);
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const query = this.db<StageHistoryRow>(STAGE_HISTORY)
      .select(
        'id',
        'stage',
        'previous_stage',
        'seen_at',
        'allowed',
        'recorded_by',
        'changed_by',
        'source_location',
      )
      .where('partner_ref', partnerRef);
    if (before !== undefined) {
      query.where('id', '<', before);
    }
    const rows: PageRow[] = await query.orderBy('id', 'desc').limit(limit + 1);
    const page = rows.slice(0, limit);
    const first = await this.db<StageHistoryRow>(STAGE_HISTORY)
      .select('seen_at')
      .where('partner_ref', partnerRef)
      .orderBy('id')
      .first();
    return compact({
      partnerRef,
      items: page.map(row => toEntry(row, showRecordedBy)),
      historyStartsAt: first?.seen_at,
      nextCursor:
        rows.length > limit
          ? encodeCursor(String(page[page.length - 1].id))
          : undefined,
    });
  }
}

function toEntry(row: PageRow, showRecordedBy: boolean): StageHistoryEntry {
  const allowed = Boolean(row.allowed);
  return compact({
    id: Number(row.id),
    stage: row.stage as StageHistoryEntry['stage'],
    previousStage: (row.previous_stage ?? undefined) as
      | StageHistoryEntry['previousStage']
      | undefined,
    seenAt: row.seen_at,
    allowed,
    problem:
      !allowed && row.previous_stage !== null
        ? stageTransitionProblem(row.previous_stage, row.stage)
        : undefined,
    changedBy: row.changed_by,
    sourceLocation: row.source_location,
    recordedBy: showRecordedBy ? row.recorded_by : undefined,
  });
}
