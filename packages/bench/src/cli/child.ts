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
 * The CLI benchmark's child processes: each operation once more in a fresh
 * process, for its wall time and peak RSS.
 */

import { inChild, measureInChild, type ChildMeasurement } from '../lib/child';
import type { CliEstate } from './estate';
import { baseline, loadCli, report } from './operations';

export type Operation = 'baseline' | 'report';

/** Runs one operation in a fresh child process: wall time and peak RSS. */
export function measureChild(
  mode: Operation,
  estate: CliEstate,
  now: string,
): ChildMeasurement {
  return inChild(require.resolve('./index'), mode, [
    '--dir',
    estate.dir,
    '--config',
    estate.config,
    '--now',
    now,
  ]);
}

/** In the child process: one operation, measured. */
export async function runChild(options: {
  child: string;
  dir?: string;
  config?: string;
  now: string;
}): Promise<void> {
  const { child: mode, dir = '', config = '', now } = options;
  if (mode === 'report') {
    loadCli(); // module loading (and TS transpiling) is not part of the run
    await measureInChild(mode, () => report(dir, config, now));
  } else if (mode === 'baseline') {
    await measureInChild(mode, () => baseline(dir));
  } else {
    throw new Error(`Unknown child mode ${mode}`);
  }
}
