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
 * Part 3: how long the event loop waits during an observation run, against
 * an idle process for as long.
 */

import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { ObservedIdentity } from '@partner-governance/plugin-partners-node';
import type { DbKind } from '../lib/databases';
import { fmt, log } from '../lib/output';
import { median, msSince, time } from '../lib/timing';
import { observationRun, storeOn } from './runs';
import {
  correctedQuantile,
  stallRecorder,
  summarise,
  type PhaseMarks,
  type Recorded,
  type StallSummary,
} from './stalls';

/** The histogram's sampling interval, ms. */
const RESOLUTION = 10;

/** A gap between timer runs longer than this is a stall, ms (the goal). */
const STALL_MS = 50;

/** The event-loop delays during one operation, ms (the histogram's own figures). */
export interface Delays {
  ms: number;
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** The p99 counting the samples a stall swallowed (stalls.ts). */
  correctedP99: number;
  /** Gaps between the runs of a second timer longer than STALL_MS. */
  stalls: StallSummary;
  /** The garbage collector's pauses (perf_hooks `gc` entries): longest, total. */
  gcLongestMs: number;
  gcTotalMs: number;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The loop's delays while `operation` runs, after a full GC. The histogram
 * is on two intervals before and after it: the histogram records a delay
 * when its timer fires, as the time since it last fired, so an operation
 * that never yields to the loop's timers leaves one sample as long as
 * itself, and only if the timer had fired before it. A second timer at the
 * same interval records the stalls, with the phases of the run they fall in.
 */
async function delaysDuring(
  operation: (marks: PhaseMarks) => Promise<unknown>,
): Promise<Delays> {
  await time(() => undefined); // a full GC, outside the window
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION });
  const marks: PhaseMarks = {};
  histogram.enable();
  const recorder = stallRecorder(RESOLUTION, STALL_MS);
  const pauses: number[] = [];
  const gcObserver = new PerformanceObserver(list =>
    pauses.push(...list.getEntries().map(entry => entry.duration)),
  );
  gcObserver.observe({ entryTypes: ['gc'] });
  let ms: number;
  let recorded: Recorded;
  try {
    await sleep(2 * RESOLUTION);
    const start = process.hrtime.bigint();
    await operation(marks);
    ms = msSince(start);
    await sleep(2 * RESOLUTION);
  } finally {
    histogram.disable();
    recorded = recorder.stop();
    gcObserver.disconnect();
  }
  const inMs = (ns: number) => Number((ns / 1e6).toFixed(1));
  return {
    ms: Math.round(ms),
    p50: inMs(histogram.percentile(50)),
    p99: inMs(histogram.percentile(99)),
    max: inMs(histogram.max),
    samples: histogram.count,
    correctedP99: Number(
      correctedQuantile(recorded.gaps, RESOLUTION, 0.99).toFixed(1),
    ),
    stalls: summarise(recorded.stalls, marks),
    gcLongestMs: Math.round(Math.max(0, ...pauses)),
    gcTotalMs: Math.round(pauses.reduce((sum, pause) => sum + pause, 0)),
  };
}

const idleFor = (ms: number) => delaysDuring(() => sleep(ms));

/** The medians of each figure over the repetitions. */
function medians(list: Delays[]): Delays {
  const of = (pick: (d: Delays) => number) => median(list.map(pick));
  return {
    ms: Math.round(of(d => d.ms)),
    p50: of(d => d.p50),
    p99: of(d => d.p99),
    max: of(d => d.max),
    samples: Math.round(of(d => d.samples)),
    correctedP99: of(d => d.correctedP99),
    stalls: {
      count: of(d => d.stalls.count),
      totalMs: Math.round(of(d => d.stalls.totalMs)),
      longestMs: Math.round(of(d => d.stalls.longestMs)),
      byPhase: {
        'observe + check': Math.round(
          of(d => d.stalls.byPhase['observe + check']),
        ),
        runSucceeded: Math.round(of(d => d.stalls.byPhase.runSucceeded)),
        other: Math.round(of(d => d.stalls.byPhase.other)),
      },
    },
    gcLongestMs: Math.round(of(d => d.gcLongestMs)),
    gcTotalMs: Math.round(of(d => d.gcTotalMs)),
  };
}

export interface EventLoopResult {
  identities: number;
  resolutionMs: number;
  stallMs: number;
  /** Medians over the repetitions of each figure. */
  idle: Delays;
  first: Delays;
  unchanged: Delays;
  /** Every repetition's figures. */
  runs: Array<{ idle: Delays; first: Delays; unchanged: Delays }>;
}

/** The first run and the unchanged run on a fresh database, each monitored. */
async function monitoredRuns(
  kind: DbKind,
  identities: readonly ObservedIdentity[],
) {
  const { db, store } = await storeOn(kind);
  try {
    const first = await delaysDuring(marks =>
      observationRun(store, identities, marks),
    );
    const unchanged = await delaysDuring(marks =>
      observationRun(store, identities, marks),
    );
    return { first, unchanged };
  } finally {
    await db.dispose();
  }
}

/**
 * A warm-up, then `reps` repetitions of: an idle wait as long as the last
 * first run, and the two monitored runs, alternating which goes first.
 */
export async function eventLoopPart(
  kind: DbKind,
  reps: number,
  identities: readonly ObservedIdentity[],
): Promise<EventLoopResult> {
  log(`[${kind}] event loop: warm-up`);
  let last = await monitoredRuns(kind, identities);
  const runs: EventLoopResult['runs'] = [];
  for (let rep = 0; rep < reps; rep++) {
    let idle: Delays;
    if (rep % 2) {
      last = await monitoredRuns(kind, identities);
      idle = await idleFor(last.first.ms);
    } else {
      idle = await idleFor(last.first.ms);
      last = await monitoredRuns(kind, identities);
    }
    runs.push({ idle, ...last });
    const brief = (d: Delays) =>
      `p99 ${fmt(d.p99, 1)} ms (corrected ${fmt(d.correctedP99)}), max ${fmt(
        d.max,
      )} ms, stalls ${JSON.stringify(d.stalls.byPhase)}`;
    log(
      `[${kind}] event loop rep ${rep + 1}/${reps}: idle p99 ${fmt(
        idle.p99,
        1,
      )} ms; first run ${brief(last.first)}; unchanged run ${brief(
        last.unchanged,
      )}`,
    );
  }
  return {
    identities: identities.length,
    resolutionMs: RESOLUTION,
    stallMs: STALL_MS,
    idle: medians(runs.map(r => r.idle)),
    first: medians(runs.map(r => r.first)),
    unchanged: medians(runs.map(r => r.unchanged)),
    runs,
  };
}
