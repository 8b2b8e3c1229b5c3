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

import { stageTransitionProblem } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type { AuditEventInput } from './AuditStore';
import { PLUGIN_ACTOR } from './AuditStore';
import type { IndexChanges } from './IdentityIndexStore';

/** The table of the stages partners were seen entering. */
export const STAGE_HISTORY = 'partner_stage_history';

/** Rows per INSERT statement; refs per `IN (...)` list. */
const INSERT_BATCH = 50;
const LOOKUP_BATCH = 500;

/** A row of `partner_stage_history`. */
export interface StageHistoryRow {
  id: number | string;
  /** Lower case. */
  partner_ref: string;
  stage: string;
  /** Null for the first sighting. */
  previous_stage: string | null;
  seen_at: string;
  /** 0 or 1 on SQLite. */
  allowed: boolean | number;
  recorded_by: string;
  changed_by: string | null;
  source_location: string | null;
}

/** A stage change the refresh recorded. */
export interface RecordedStageChange {
  partnerRef: string;
  stage: string;
  /** Absent for a first sighting. */
  previousStage?: string;
  allowed: boolean;
}

/** The last stage recorded for each of `refs` that has one. */
async function latestStages(
  tx: Knex | Knex.Transaction,
  refs: string[],
): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  for (let i = 0; i < refs.length; i += LOOKUP_BATCH) {
    const rows: Array<Pick<StageHistoryRow, 'partner_ref' | 'stage'>> =
      await tx(STAGE_HISTORY)
        .select('partner_ref', 'stage')
        .whereIn(
          'id',
          tx(STAGE_HISTORY)
            .max('id')
            .whereIn('partner_ref', refs.slice(i, i + LOOKUP_BATCH))
            .groupBy('partner_ref'),
        );
    for (const row of rows) {
      latest.set(row.partner_ref, row.stage);
    }
  }
  return latest;
}

/**
 * Records, in the index's transaction, the stage of every partner of
 * `changes` whose stage differs from the last one recorded for it (all of
 * them on a first sighting), with whether the lifecycle allows the move;
 * appends a `partner.stage-changed` audit event for each move from a known
 * stage (a first sighting is in the history and in the run's
 * `index.synced` event, not an event of its own). One read of the last
 * stages and batched inserts per run; partners whose file did not change are
 * not looked at, since their stage cannot have changed.
 */
export async function recordStageChanges(
  tx: Knex.Transaction,
  changes: Pick<IndexChanges, 'partners' | 'now' | 'actor'>,
  appendEvent: (event: AuditEventInput) => Promise<void>,
): Promise<RecordedStageChange[]> {
  if (!changes.partners.length) {
    return [];
  }
  const latest = await latestStages(
    tx,
    changes.partners.map(change => change.ref),
  );
  const actor = changes.actor ?? PLUGIN_ACTOR;
  const rows: Array<Omit<StageHistoryRow, 'id'>> = [];
  const recorded: RecordedStageChange[] = [];
  for (const { entity, ref, provenance } of changes.partners) {
    const stage = entity.spec.lifecycle.stage;
    const previous = latest.get(ref);
    if (previous === stage) {
      continue;
    }
    const allowed =
      previous === undefined || !stageTransitionProblem(previous, stage);
    rows.push({
      partner_ref: ref,
      stage,
      previous_stage: previous ?? null,
      seen_at: changes.now,
      allowed,
      recorded_by: actor,
      changed_by: provenance?.changedBy ?? null,
      source_location: provenance?.sourceLocation ?? null,
    });
    recorded.push({
      partnerRef: ref,
      stage,
      ...(previous !== undefined && { previousStage: previous }),
      allowed,
    });
  }
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await tx(STAGE_HISTORY).insert(rows.slice(i, i + INSERT_BATCH));
  }
  for (const row of rows) {
    if (row.previous_stage === null) {
      continue;
    }
    await appendEvent({
      at: changes.now,
      actor,
      action: 'partner.stage-changed',
      subjectType: 'partner',
      subjectRef: row.partner_ref,
      partnerRef: row.partner_ref,
      before: { stage: row.previous_stage },
      after: {
        stage: row.stage,
        allowed: Boolean(row.allowed),
        ...(row.changed_by && { changedBy: row.changed_by }),
        ...(row.source_location && { sourceLocation: row.source_location }),
      },
    });
  }
  return recorded;
}
