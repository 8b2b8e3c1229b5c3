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
 * Section 3 of the read API benchmark: throughput and latency of the
 * plugin's router against the bare endpoints, under load.
 */

import { isDeepStrictEqual } from 'node:util';
import { fmt, log } from '../lib/output';
import { median } from '../lib/timing';
import { getJson, LIMIT } from './http';
import { TYPICAL_REF } from './latency';
import { runLoad, type LoadResult } from './load';

/** Integrations per page of the portal's partner access card. */
const CARD_LIMIT = 5;
export const CONCURRENCY = [10, 100] as const;

/** The servers measured: the plugin's router, cached and not, and the bare endpoints. */
export type Target = 'plugin' | 'uncached' | 'bare';

/** Medians over the load runs of one target. */
export interface LoadSummary {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  bytesPerResponse: number;
}

/** One endpoint at one concurrency. */
export type LoadAt = Partial<Record<Target, LoadSummary>> & {
  plugin: LoadSummary;
  bare: LoadSummary;
  throughputRatio: number;
  uncachedRatio?: number;
};

/** The endpoints measured under load, by name: their path. */
function endpoints(): Record<string, string> {
  // The access page is measured at the size the service card asks for
  // and at the size of the other lists.
  const accessPage = (limit: number) =>
    `/entities/${encodeURIComponent(TYPICAL_REF)}/access?limit=${limit}`;
  return {
    [`GET /reviews?status=pending&limit=${LIMIT}`]: `/reviews?status=pending&limit=${LIMIT}`,
    [`GET /entities/{ref}/access?limit=${CARD_LIMIT} (the service card's page)`]:
      accessPage(CARD_LIMIT),
    [`GET /entities/{ref}/access?limit=${LIMIT}`]: accessPage(LIMIT),
    [`GET /partners?limit=${LIMIT}`]: `/partners?limit=${LIMIT}`,
  };
}

const summary = (list: LoadResult[]): LoadSummary => ({
  rps: Math.round(median(list.map(r => r.rps))),
  p50Ms: Number(median(list.map(r => r.p50Ms)).toFixed(2)),
  p99Ms: Number(median(list.map(r => r.p99Ms)).toFixed(2)),
  requests: list.reduce((n, r) => n + r.requests, 0),
  bytesPerResponse: list[0].bytesPerResponse,
});

/**
 * 3. Every endpoint on every side first (they must serve the same
 * response), then each endpoint kept by --only under load at each
 * concurrency, --reps runs per side, alternating which side goes first.
 */
export async function throughput(
  kind: string,
  options: { only: string; reps: number; seconds: number },
  bases: Record<Target, string>,
): Promise<Record<string, Record<number, LoadAt>>> {
  const paths = endpoints();
  // Every side must serve the same response (key order aside).
  for (const [name, url] of Object.entries(paths)) {
    const b = await getJson(`${bases.bare}${url}`);
    for (const target of ['plugin', 'uncached'] as const) {
      const p = await getJson(`${bases[target]}${url}`);
      if (!isDeepStrictEqual(p.body, b.body)) {
        throw new Error(`${name}: ${target} and the bare endpoint differ`);
      }
    }
  }
  const load: Record<string, Record<number, LoadAt>> = {};
  for (const [name, url] of Object.entries(paths)) {
    if (options.only && !name.includes(options.only)) {
      continue;
    }
    // the access pages also without the cache: the statement under load
    const targets: Target[] = url.includes('/access')
      ? ['plugin', 'uncached', 'bare']
      : ['plugin', 'bare'];
    load[name] = {};
    for (const c of CONCURRENCY) {
      const runs = new Map<Target, LoadResult[]>(targets.map(t => [t, []]));
      for (let rep = 0; rep < options.reps; rep++) {
        // each target goes first in turn
        const order = targets.map(
          (_, i) => targets[(i + rep) % targets.length],
        );
        for (const target of order) {
          const r = await runLoad(`${bases[target]}${url}`, c, options.seconds);
          if (r.errors) {
            throw new Error(
              `${target} ${name} at ${c} concurrent: ${r.errors} errors`,
            );
          }
          runs.get(target)?.push(r);
          log(
            `[${kind}] ${name} c=${c} rep ${rep + 1}/${
              options.reps
            } ${target.padEnd(8)} ${fmt(r.rps)} req/s, p50 ${fmt(
              r.p50Ms,
              1,
            )} ms, p99 ${fmt(r.p99Ms, 1)} ms`,
          );
        }
      }
      const result = Object.fromEntries(
        targets.map(t => [t, summary(runs.get(t) ?? [])]),
      ) as Record<'plugin' | 'bare', LoadSummary> &
        Partial<Record<Target, LoadSummary>>;
      const ratio = (side: LoadSummary) =>
        Number((side.rps / result.bare.rps).toFixed(2));
      load[name][c] = {
        ...result,
        throughputRatio: ratio(result.plugin),
        ...(result.uncached ? { uncachedRatio: ratio(result.uncached) } : {}),
      };
    }
  }
  return load;
}
