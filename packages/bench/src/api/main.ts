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
 * The read API benchmark: the estate, each database measured, the tables.
 */

import os from 'node:os';
import { reachableDatabases, type DbKind } from '../lib/databases';
import { generateEntities } from '../lib/estate';
import {
  fmt,
  loadAverage,
  log,
  machine,
  printResult,
  table,
} from '../lib/output';
import { buildRows } from '../lib/rows';
import { findingRows, reviewRows } from '../lib/seed';
import { LIMIT } from './http';
import type { ApiBenchOptions } from './options';
import { benchDatabase, type DatabaseResult } from './measure';
import { CONCURRENCY, type LoadAt, type LoadSummary } from './throughput';

const GOALS = { depthRatio: 1.5, throughputRatio: 0.75, p99Ms: 25 };

export async function main(options: ApiBenchOptions): Promise<void> {
  const loadAtStart = loadAverage();
  const { kinds, skipped } = await reachableDatabases(options.db);
  const now = new Date(`${options.now}T12:00:00Z`).toISOString();
  log(
    `Generating ${options.partners} partners x ${options.integrations} integrations x ${options.identities} identities (seed ${options.seed})`,
  );
  const estate = generateEntities(options);
  const rows = await buildRows(estate.entities, now);
  const findings = findingRows(rows, options.findings, options.seed, now);
  const reviews = reviewRows(rows, options.seed, now);

  const result = {
    benchmark: 'partners-backend read API',
    ...machine(),
    loadAverageAtStart: loadAtStart,
    partners: options.partners,
    integrationsPerPartner: options.integrations,
    identitiesPerIntegration: options.identities,
    findings: findings.length,
    accessReviews: reviews.length,
    seed: options.seed,
    limit: LIMIT,
    depthAsked: options.depth,
    fetches: options.fetches,
    secondsPerLoadRun: options.seconds,
    reps: options.reps,
    goals: GOALS,
    skipped,
    databases: {} as Partial<Record<DbKind, DatabaseResult>>,
    loadAverageAtEnd: undefined as number[] | undefined,
  };
  const measured: Array<[DbKind, DatabaseResult]> = [];
  for (const kind of kinds) {
    const r = await benchDatabase(kind, options, rows, findings, reviews);
    result.databases[kind] = r;
    measured.push([kind, r]);
  }
  result.loadAverageAtEnd = loadAverage();

  const out = [
    '',
    `${fmt(options.partners)} partners, ${fmt(
      estate.identities,
    )} identities, ${fmt(findings.length)} open findings, ${fmt(
      reviews.length,
    )} access reviews; limit ${LIMIT}; node ${process.version}, ${
      os.cpus().length
    } CPUs`,
  ];
  for (const [kind, r] of measured) {
    out.push(...latencyLines(kind, options, r));
    for (const [name, byConcurrency] of Object.entries(r.load)) {
      out.push(...loadLines(kind, options, name, byConcurrency));
    }
  }
  for (const kind of skipped) {
    out.push('', `[${kind}] skipped: not reachable`);
  }
  printResult(out, result, options.out);
}

/** Sections 1 and 2 of one database. */
function latencyLines(
  kind: DbKind,
  options: ApiBenchOptions,
  r: DatabaseResult,
): string[] {
  const pp = r.partnersPage;
  return [
    '',
    `[${kind}] GET /partners page latency (${options.fetches} fetches each, one at a time)`,
    table([
      ['', 'median ms', 'p99 ms'],
      [
        'HTTP page 1',
        fmt(pp.http.first.medianMs, 2),
        fmt(pp.http.first.p99Ms, 2),
      ],
      [
        `HTTP page ${r.depth}`,
        fmt(pp.http.deep.medianMs, 2),
        fmt(pp.http.deep.p99Ms, 2),
      ],
      [
        'listPartners page 1',
        fmt(pp.service.first.medianMs, 2),
        fmt(pp.service.first.p99Ms, 2),
      ],
      [
        `listPartners page ${r.depth}`,
        fmt(pp.service.deep.medianMs, 2),
        fmt(pp.service.deep.p99Ms, 2),
      ],
    ]),
    `depth ${r.depth} / page 1: HTTP ${pp.http.ratio}x, service ${
      pp.service.ratio
    }x (goal <= ${GOALS.depthRatio}x: ${
      pp.http.ratio <= GOALS.depthRatio ? 'met' : 'NOT met'
    }); walking ${r.walk.pages} pages took ${fmt(r.walk.ms)} ms`,
    '',
    `[${kind}] GET /entities/{ref}/access?limit=${LIMIT}`,
    table([
      [
        '',
        'page',
        'of integrations',
        'identities',
        'findings',
        'KB',
        'median ms',
        'p99 ms',
      ],
      ...Object.values(r.access).map(a => [
        a.ref,
        fmt(a.page),
        fmt(a.totalIntegrations),
        fmt(a.identities),
        fmt(a.findings),
        fmt(a.bytes / 1024),
        fmt(a.medianMs, 1),
        fmt(a.p99Ms, 1),
      ]),
    ]),
  ];
}

/** Section 3 of one endpoint on one database. */
function loadLines(
  kind: DbKind,
  options: ApiBenchOptions,
  name: string,
  byConcurrency: Record<number, LoadAt>,
): string[] {
  const at10 = byConcurrency[10];
  return [
    '',
    `[${kind}] ${name} under load (autocannon, ${options.reps} x ${options.seconds} s each, medians)`,
    table([
      ['', 'req/s', 'p50 ms', 'p99 ms', '/ bare'],
      ...CONCURRENCY.flatMap(c => {
        const l = byConcurrency[c];
        const row = (label: string, side: LoadSummary, ratio?: number) => [
          `${label}, ${c} concurrent`,
          fmt(side.rps),
          fmt(side.p50Ms, 1),
          fmt(side.p99Ms, 1),
          ratio === undefined ? '' : `${ratio}x`,
        ];
        return [
          row('plugin router', l.plugin, l.throughputRatio),
          ...(l.uncached
            ? [row('plugin router, cache off', l.uncached, l.uncachedRatio)]
            : []),
          row('bare express+knex', l.bare),
        ];
      }),
    ]),
    `throughput at 10: ${at10.throughputRatio}x (goal >= ${
      GOALS.throughputRatio
    }x: ${
      at10.throughputRatio >= GOALS.throughputRatio ? 'met' : 'NOT met'
    }); plugin p99 at 10: ${at10.plugin.p99Ms} ms (goal <= ${GOALS.p99Ms} ms: ${
      at10.plugin.p99Ms <= GOALS.p99Ms ? 'met' : 'NOT met'
    })`,
  ];
}
