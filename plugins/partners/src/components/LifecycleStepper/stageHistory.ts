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

import { DateTime } from 'luxon';
import type {
  PartnerLifecycleStageName,
  StageHistory,
  StageHistoryEntry,
} from '@partner-governance/plugin-partners-common';
import { NONE } from '../common/formatters';

/** When the backend saw a stage, as a medium date in the viewer's locale and zone. */
export function formatSeenAt(value: string | undefined): string {
  if (!value) {
    return NONE;
  }
  const date = DateTime.fromISO(value);
  return date.isValid ? date.toLocaleString(DateTime.DATE_MED) : value;
}

/** The latest time the partner was seen entering each stage. */
export function latestEntries(
  history: StageHistory | undefined,
): Partial<Record<PartnerLifecycleStageName, StageHistoryEntry>> {
  const entries: Partial<Record<PartnerLifecycleStageName, StageHistoryEntry>> =
    {};
  // newest first: the first entry of a stage is its latest
  for (const entry of history?.items ?? []) {
    entries[entry.stage] ??= entry;
  }
  return entries;
}

/** How a move is written: `onboarding → measurement`, or the first sighting. */
export function moveLabel(entry: StageHistoryEntry): string {
  return entry.previousStage
    ? `${entry.previousStage} → ${entry.stage}`
    : `first seen in ${entry.stage}`;
}
