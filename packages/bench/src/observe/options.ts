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
 * The observation benchmark's options, and the parts it measures.
 */

import { parseDbArgs } from '../lib/args';
import { NOW } from '../lib/prng';

/** The parts of the benchmark, in the order they run. */
export const PARTS = [
  'reconcile',
  'unchanged',
  'eventloop',
  'postgres',
] as const;

export type Part = (typeof PARTS)[number];

function isPart(name: string): name is Part {
  return (PARTS as readonly string[]).includes(name);
}

export function parse(argv: string[]) {
  const options = parseDbArgs(argv, {
    identities: 100_000,
    roles: 10_000,
    reps: 5,
    seed: 1,
    db: 'both',
    only: '',
    now: NOW,
    out: '',
  });
  const only = options.only;
  if (only && !isPart(only)) {
    throw new Error(`--only must be one of ${PARTS.join(', ')}, got ${only}`);
  }
  if (options.reps < 1) {
    throw new Error('--reps must be at least 1');
  }
  return {
    ...options,
    /** The parts this run measures. */
    parts: only ? [only as Part] : [...PARTS],
  };
}
