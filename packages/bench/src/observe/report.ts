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
 * The observation benchmark's tables and verdicts, as it prints them.
 */

import { fmt, table } from '../lib/output';
import type { EventLoopResult } from './eventLoop';
import type { PostgresResult } from './postgres';
import type { ReconcileResult } from './reconcile';
import type { UnchangedResult } from './unchanged';

/** The goals: ratios to the baselines, and the event loop's p99 in ms. */
export const GOALS = { reconcile: 2, eventLoopP99Ms: 50, postgres: 2 };

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

const HEADER = ['', 'median ms', 'min ms', 'max ms', 'result'];

const timed = (
  label: string,
  s: { medianMs: number; minMs: number; maxMs: number },
  result: string,
) => [label, fmt(s.medianMs), fmt(s.minMs), fmt(s.maxMs), result];

export function reconcileLines(r: ReconcileResult): string[] {
  return [
    table([
      HEADER,
      timed(
        '(1a) read declared + observed raw',
        r.baseline,
        `${fmt(r.declared)} + ${fmt(r.observed)} rows`,
      ),
      timed(
        '(1b) reconciliationFindings()',
        r.reconcile,
        `${fmt(r.findings)} findings`,
      ),
    ]),
    `ratio (1b)/(1a): ${r.ratio}x (goal <= ${GOALS.reconcile}x: ${verdict(
      r.ratio <= GOALS.reconcile,
    )}); findings ${JSON.stringify(r.findingsByRule)}`,
  ];
}

export function unchangedLines(r: UnchangedResult): string[] {
  return [
    table([
      HEADER,
      timed(
        '(2a) raw insert of the rows',
        r.floor,
        `${fmt(r.identities)} rows`,
      ),
      timed(
        '(2b) first observation run',
        r.first,
        JSON.stringify(r.firstChanges),
      ),
      timed('(2c) raw read of the rows', r.read, `${fmt(r.identities)} rows`),
      timed(
        '(2d) unchanged observation run',
        r.unchanged,
        JSON.stringify(r.unchangedChanges),
      ),
    ]),
    `unchanged run wrote 0 rows; (2b)/(2a) ${r.firstRatio}x, (2d)/(2c) ${r.unchangedRatio}x`,
  ];
}

export function eventLoopLines(r: EventLoopResult): string[] {
  const row = (label: string, d: EventLoopResult['idle']) => [
    label,
    fmt(d.ms),
    fmt(d.p50, 1),
    fmt(d.p99, 1),
    fmt(d.max, 1),
    fmt(d.samples),
    fmt(d.correctedP99, 1),
    `${fmt(d.stalls.count)} / ${fmt(d.stalls.totalMs)}`,
    fmt(d.stalls.byPhase['observe + check']),
    fmt(d.stalls.byPhase.runSucceeded),
    `${fmt(d.gcLongestMs)} / ${fmt(d.gcTotalMs)}`,
  ];
  const goal = GOALS.eventLoopP99Ms;
  return [
    table([
      [
        'event-loop delay (medians)',
        'ms',
        'p50',
        'p99',
        'max',
        'samples',
        'corrected p99',
        `stalls > ${r.stallMs} ms: n / ms`,
        'in observe + check',
        'in runSucceeded',
        'GC pauses: longest / total ms',
      ],
      row('(3a) idle', r.idle),
      row('(3b) first observation run', r.first),
      row('(3c) unchanged observation run', r.unchanged),
    ]),
    `p99 goal <= ${goal} ms (resolution ${
      r.resolutionMs
    } ms), histogram / corrected p99: first run ${verdict(
      r.first.p99 <= goal,
    )} / ${verdict(r.first.correctedP99 <= goal)}, unchanged run ${verdict(
      r.unchanged.p99 <= goal,
    )} / ${verdict(r.unchanged.correctedP99 <= goal)}; longest stall ${fmt(
      r.first.stalls.longestMs,
    )} / ${fmt(r.unchanged.stalls.longestMs)} ms`,
  ];
}

export function postgresLines(r: PostgresResult): string[] {
  return [
    table([
      HEADER,
      timed('(4a) one catalog query', r.baseline, `${fmt(r.roles)} roles`),
      timed(
        '(4b) PostgresIdentitySource.observe()',
        r.observe,
        `${fmt(r.scopes)} scopes`,
      ),
    ]),
    `ratio (4b)/(4a): ${r.ratio}x (goal <= ${GOALS.postgres}x: ${verdict(
      r.ratio <= GOALS.postgres,
    )}); ${fmt(r.roles)} roles on ${r.tables} tables created in ${fmt(
      r.createRolesMs,
    )} ms, ${fmt(r.droppedRoles)} dropped with the database`,
  ];
}
