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
 * The portal benchmark's options.
 */

import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { parseDbArgs } from '../lib/args';
import { NOW } from '../lib/prng';

/** The repository root, where `yarn start` runs. */
export const ROOT = resolvePackagePath('@partner-governance/bench', '../..');

export function parse(argv: string[]) {
  const options = parseDbArgs(
    argv,
    {
      db: 'sqlite',
      partners: 10000,
      integrations: 2,
      identities: 5,
      findings: 20000,
      'mine-every': 10,
      switches: 30,
      warmup: 2,
      seed: 1,
      now: NOW,
      'frontend-port': 3100,
      'backend-port': 7107,
      out: path.join(ROOT, 'bench-results/ui.json'),
    },
    ['keep-logs', 'production'],
  );
  const db = options.db;
  if (db === 'both') {
    throw new Error('--db must be sqlite or pg');
  }
  if (options['mine-every'] < 1 || options.switches < 1) {
    throw new Error('--mine-every and --switches must be at least 1');
  }
  return { ...options, db };
}

export type UiOptions = ReturnType<typeof parse>;
