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
 * The ingest benchmark's options, and the variants it measures.
 */

import { parseDbArgs } from '../lib/args';
import { NOW } from '../lib/prng';
import type { EstateKind } from './estate';

export function parse(argv: string[]) {
  return parseDbArgs(
    argv,
    {
      entities: 1500,
      integrations: 2,
      identities: 5,
      reps: 3,
      seed: 1,
      db: 'both',
      now: NOW,
      out: '',
      child: '',
      dir: '',
    },
    ['breakdown', 'keep'],
  );
}

export type IngestBenchOptions = ReturnType<typeof parse>;

/**
 * The estate one variant ingests, whether the catalog has the module and
 * whether partners.intake.allowedLocations is set.
 */
export interface Variant {
  estate: EstateKind;
  withModule: boolean;
  intake: boolean;
  label: string;
}

export const VARIANTS = {
  /** The baseline: built-in kinds in the catalog as Backstage ships it. */
  builtin: {
    estate: 'builtin',
    withModule: false,
    intake: false,
    label: '(a) built-in kinds, catalog without the module',
  },
  /**
   * The goal's subject: partner kinds through the module, with
   * partners.intake.allowedLocations set.
   */
  partners: {
    estate: 'partners',
    withModule: true,
    intake: true,
    label: '(b) partner kinds, catalog with the module and intake checks',
  },
  /** --breakdown: built-in kinds with the module (its parser's guard alone). */
  'builtin-module': {
    estate: 'builtin',
    withModule: true,
    intake: true,
    label: '(c) built-in kinds, catalog with the module',
  },
  /** --breakdown: (b) with intake unset, which separates the intake checks. */
  'partners-open': {
    estate: 'partners',
    withModule: true,
    intake: false,
    label: '(d) partner kinds, catalog with the module, intake unset',
  },
} satisfies Record<string, Variant>;

export type VariantName = keyof typeof VARIANTS;

export function isVariantName(name: string): name is VariantName {
  return name in VARIANTS;
}
