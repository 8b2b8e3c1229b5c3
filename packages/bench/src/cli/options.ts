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
 * The CLI benchmark's options.
 */

import { parseArgs } from '../lib/args';
import { NOW } from '../lib/prng';

export function parse(argv: string[]) {
  return parseArgs(
    argv,
    {
      partners: 10000,
      integrations: 2,
      identities: 5,
      reps: 5,
      seed: 1,
      now: NOW,
      out: undefined as string | undefined,
      breakdown: false,
      keep: false,
      child: undefined as string | undefined,
      dir: undefined as string | undefined,
      config: undefined as string | undefined,
    },
    {
      flags: ['breakdown', 'keep'],
      usage:
        'usage: yarn bench:cli [--partners N] [--integrations M] [--identities K] [--reps R] [--seed S] [--now DATE] [--out FILE] [--breakdown] [--keep]',
    },
  );
}

export type CliBenchOptions = ReturnType<typeof parse>;
