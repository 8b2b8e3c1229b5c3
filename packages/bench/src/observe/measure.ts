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
 * How the observation benchmark times a subject against its baseline: one
 * warm-up of each, then repetitions that alternate which goes first, and
 * the medians.
 */

import { fmt, log } from '../lib/output';
import { median } from '../lib/timing';

/** One timed operation: run() does it once and returns its wall time in ms. */
export interface Operation {
  label: string;
  run(): Promise<number>;
}

/** The median, min and max of a list of times, rounded to ms. */
export function stat(list: number[]) {
  return {
    medianMs: Math.round(median(list)),
    minMs: Math.round(Math.min(...list)),
    maxMs: Math.round(Math.max(...list)),
  };
}

export type Stat = ReturnType<typeof stat>;

/** The quotient of two medians, to two decimals. */
export function ratioOf(subject: number[], baseline: number[]): number {
  return Number((median(subject) / median(baseline)).toFixed(2));
}

/**
 * Runs `baseline` and `subject` once each unmeasured, then `reps` times
 * each, alternating which goes first: their times, in the order run.
 */
export async function alternate(
  prefix: string,
  reps: number,
  baseline: Operation,
  subject: Operation,
): Promise<{ baseline: number[]; subject: number[] }> {
  if (reps < 1) {
    throw new Error('--reps must be at least 1');
  }
  log(`${prefix} warm-up`);
  await baseline.run();
  await subject.run();
  const times = { baseline: [] as number[], subject: [] as number[] };
  for (let rep = 0; rep < reps; rep++) {
    const order =
      rep % 2
        ? ([
            ['subject', subject],
            ['baseline', baseline],
          ] as const)
        : ([
            ['baseline', baseline],
            ['subject', subject],
          ] as const);
    for (const [key, operation] of order) {
      const ms = await operation.run();
      times[key].push(ms);
      log(`${prefix} rep ${rep + 1}/${reps} ${operation.label}: ${fmt(ms)} ms`);
    }
  }
  return times;
}
