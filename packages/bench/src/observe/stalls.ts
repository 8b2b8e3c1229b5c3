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
 * Where the event loop stalls: every gap between two runs of a timer that
 * is longer than a threshold, and how much of them falls in each phase of
 * an observation run.
 */

import { quantile } from '../lib/timing';

/** The phases of a run: checking the pages, then the store's write. */
export type Phase = 'observe + check' | 'runSucceeded';

/** When each phase began and ended, ms (process.hrtime). */
export type PhaseMarks = Partial<Record<Phase, { from: number; to?: number }>>;

/** The stalls of one run: how many, their total and longest, by phase. */
export interface StallSummary {
  count: number;
  totalMs: number;
  longestMs: number;
  /** The part of the stalls' time inside each phase; the rest is outside. */
  byPhase: Record<Phase | 'other', number>;
}

/** Now, ms. */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** What a stall recorder saw: the stalls, and every gap between two runs. */
export interface Recorded {
  stalls: Array<[number, number]>;
  gaps: number[];
}

/**
 * Starts a timer every `resolution` ms; stop() gives every gap between two
 * of its runs, ms, and those longer than `threshold` as [from, to].
 */
export function stallRecorder(resolution: number, threshold: number) {
  const recorded: Recorded = { stalls: [], gaps: [] };
  let previous = nowMs();
  let timer: NodeJS.Timeout;
  const tick = () => {
    const at = nowMs();
    recorded.gaps.push(at - previous);
    if (at - previous > threshold) {
      recorded.stalls.push([previous, at]);
    }
    previous = at;
    timer = setTimeout(tick, resolution);
  };
  timer = setTimeout(tick, resolution);
  return {
    stop(): Recorded {
      clearTimeout(timer);
      tick();
      clearTimeout(timer);
      return recorded;
    },
  };
}

/**
 * The q-quantile of the loop's delay counting the samples a stall kept the
 * timer from taking: a gap of g ms stands for delays of g, g - resolution,
 * g - 2 × resolution, … (as HdrHistogram corrects for an expected interval).
 * A histogram of the timer's runs alone counts a stall of seconds once.
 */
export function correctedQuantile(
  gaps: number[],
  resolution: number,
  q: number,
): number {
  const values: number[] = [];
  for (const gap of gaps) {
    values.push(gap);
    for (
      let missed = gap - resolution;
      missed > resolution;
      missed -= resolution
    ) {
      values.push(missed);
    }
  }
  return values.length ? quantile(values, q) : 0;
}

const overlap = (a: [number, number], from: number, to: number) =>
  Math.max(0, Math.min(a[1], to) - Math.max(a[0], from));

/** The stalls, and how much of their time each phase holds. */
export function summarise(
  stalls: Array<[number, number]>,
  marks: PhaseMarks,
): StallSummary {
  const byPhase: StallSummary['byPhase'] = {
    'observe + check': 0,
    runSucceeded: 0,
    other: 0,
  };
  let totalMs = 0;
  let longestMs = 0;
  for (const stall of stalls) {
    const length = stall[1] - stall[0];
    totalMs += length;
    longestMs = Math.max(longestMs, length);
    let inPhases = 0;
    for (const [phase, span] of Object.entries(marks) as Array<
      [Phase, { from: number; to?: number }]
    >) {
      const part = overlap(stall, span.from, span.to ?? Infinity);
      byPhase[phase] += part;
      inPhases += part;
    }
    byPhase.other += length - inPhases;
  }
  const round = (n: number) => Math.round(n);
  return {
    count: stalls.length,
    totalMs: round(totalMs),
    longestMs: round(longestMs),
    byPhase: {
      'observe + check': round(byPhase['observe + check']),
      runSucceeded: round(byPhase.runSucceeded),
      other: round(byPhase.other),
    },
  };
}
