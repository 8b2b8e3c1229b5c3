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
 * The read API benchmark's options.
 */

import { parseDbArgs } from '../lib/args';
import { NOW } from '../lib/prng';

export function parse(argv: string[]) {
  return parseDbArgs(argv, {
    partners: 10000,
    integrations: 2,
    identities: 5,
    findings: 20000,
    depth: 600,
    fetches: 200,
    seconds: 4,
    reps: 3,
    seed: 1,
    db: 'both',
    now: NOW,
    out: '',
    only: '',
    child: '',
    url: '',
    concurrency: 10,
  });
}

export type ApiBenchOptions = ReturnType<typeof parse>;
