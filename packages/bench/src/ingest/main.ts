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
 * The ingest benchmark: the estates, the warm-up, the alternating
 * repetitions on each database, the table.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reachableDatabases, type DbKind } from '../lib/databases';
import {
  fmt,
  loadAverage,
  log,
  machine,
  printResult,
  table,
} from '../lib/output';
import { median } from '../lib/timing';
import { ingestInChild, writeManifest } from './child';
import { writeEstates, type IngestEstate } from './estate';
import { VARIANTS, type IngestBenchOptions, type VariantName } from './options';
import type { RunResult } from './run';

const GOAL = 0.9;

/** The figures of one variant on one database. */
interface VariantResult {
  runs: RunResult[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  entitiesPerSec: number;
  medianProcessedMs: number;
  medianCpuMs: number;
  /** PostgreSQL's CPU for the catalog's connections, when measured. */
  medianPgCpuMs?: number;
  medianPeakRssMb: number;
}

/** The results of one database. */
interface DatabaseResult {
  variants: Partial<Record<VariantName, VariantResult>>;
  /** Rate of (b) / rate of (a), from the medians. */
  ratio: number;
  /** The same ratio within each repetition ((b) always runs next to (a)). */
  ratioPerRep: number[];
  /** The median of ratioPerRep: less exposed to the machine's load drifting. */
  pairedRatio: number;
  /**
   * CPU time of (b) / CPU time of (a), medians: the backend's process, plus
   * PostgreSQL's when measured.
   */
  cpuRatio: number;
  /** Rate of (c) / rate of (a), with --breakdown. */
  guardRatio?: number;
  /** Rate of (b) / rate of (d), with --breakdown: the intake checks' share. */
  intakeRatio?: number;
  /** The same within each repetition. */
  intakeRatioPerRep?: number[];
  /** The intake's error for the probe file, the same in every (b) run. */
  intakeRejection: string;
}

function estateOf(
  root: string,
  options: IngestBenchOptions,
  entities: number,
): IngestEstate {
  const partners = Math.max(
    1,
    Math.round(entities / (1 + options.integrations)),
  );
  fs.mkdirSync(root, { recursive: true });
  const estate = writeEstates(root, { ...options, partners });
  writeManifest(estate);
  return estate;
}

/** The median CPU time of a variant: the backend's, and PostgreSQL's if measured. */
const cpuOf = (v: VariantResult) => v.medianCpuMs + (v.medianPgCpuMs ?? 0);

function summarise(runs: RunResult[]): VariantResult {
  const ms = runs.map(r => r.ms);
  const med = median(ms);
  return {
    runs,
    medianMs: Math.round(med),
    minMs: Math.round(Math.min(...ms)),
    maxMs: Math.round(Math.max(...ms)),
    entitiesPerSec: Number((runs[0].entities / (med / 1000)).toFixed(1)),
    medianProcessedMs: Math.round(median(runs.map(r => r.processedMs))),
    medianCpuMs: Math.round(median(runs.map(r => r.cpuMs))),
    ...(runs.every(r => r.pgCpuMs !== undefined) && {
      medianPgCpuMs: Math.round(median(runs.map(r => r.pgCpuMs!))),
    }),
    medianPeakRssMb: Math.round(median(runs.map(r => r.maxRssKb)) / 1024),
  };
}

async function benchDatabase(
  db: DbKind,
  options: IngestBenchOptions,
  estate: IngestEstate,
  warmup: IngestEstate,
): Promise<DatabaseResult> {
  const names: VariantName[] = options.breakdown
    ? ['builtin', 'partners', 'builtin-module', 'partners-open']
    : ['builtin', 'partners'];
  log(`[${db}] warm-up at a tenth of the size`);
  for (const name of names) ingestInChild(warmup.root, name, db);
  const runs = Object.fromEntries(names.map(n => [n, [] as RunResult[]]));
  for (let rep = 0; rep < options.reps; rep++) {
    // Alternate which goes first, so neither always follows the other.
    const order = rep % 2 ? [...names].reverse() : names;
    for (const name of order) {
      const run = ingestInChild(estate.root, name, db);
      runs[name].push(run);
      log(
        `[${db}] rep ${rep + 1}/${options.reps} ${name.padEnd(14)} ${fmt(
          run.ms,
        )} ms (processed at ${fmt(run.processedMs)} ms, CPU ${fmt(
          run.cpuMs,
        )} ms${
          run.pgCpuMs === undefined
            ? ''
            : `, PostgreSQL CPU ${fmt(run.pgCpuMs)} ms`
        })`,
      );
    }
  }
  const relationRows = new Set(
    names.flatMap(n => runs[n].map(r => r.relationRows)),
  );
  if (relationRows.size !== 1) {
    throw new Error(
      `the variants wrote different numbers of relation rows: ${[
        ...relationRows,
      ].join(', ')}`,
    );
  }
  const rejections = new Set(runs.partners.map(r => r.intakeRejection));
  if (rejections.size !== 1 || rejections.has(undefined)) {
    throw new Error('a run of (b) did not check where partner files come from');
  }
  const variants = Object.fromEntries(
    names.map(n => [n, summarise(runs[n])]),
  ) as DatabaseResult['variants'];
  const rate = (name: VariantName) => variants[name]!.entitiesPerSec;
  const ratioPerRep = runs.builtin.map((b, i) =>
    Number((b.ms / runs.partners[i].ms).toFixed(2)),
  );
  const result: DatabaseResult = {
    variants,
    ratio: Number((rate('partners') / rate('builtin')).toFixed(2)),
    ratioPerRep,
    pairedRatio: Number(median(ratioPerRep).toFixed(2)),
    cpuRatio: Number(
      (cpuOf(variants.partners!) / cpuOf(variants.builtin!)).toFixed(2),
    ),
    intakeRejection: [...rejections][0]!,
  };
  if (options.breakdown) {
    result.guardRatio = Number(
      (rate('builtin-module') / rate('builtin')).toFixed(2),
    );
    result.intakeRatio = Number(
      (rate('partners') / rate('partners-open')).toFixed(2),
    );
    result.intakeRatioPerRep = runs['partners-open'].map((d, i) =>
      Number((d.ms / runs.partners[i].ms).toFixed(2)),
    );
  }
  return result;
}

function verdict(r: DatabaseResult): string {
  const met = [r.ratio, r.pairedRatio].filter(x => x >= GOAL).length;
  if (met === 2) return 'met';
  return met ? 'met by one of the two only' : 'NOT met';
}

function databaseLines(db: DbKind, r: DatabaseResult): string[] {
  const rows: Array<Array<string | number>> = [
    [
      '',
      'median ms',
      'min ms',
      'max ms',
      'entities/s',
      'processed ms',
      'CPU ms',
      ...(db === 'pg' ? ['PostgreSQL CPU ms'] : []),
      'peak RSS MB',
    ],
  ];
  for (const [name, v] of Object.entries(r.variants) as Array<
    [VariantName, VariantResult]
  >) {
    rows.push([
      VARIANTS[name].label,
      fmt(v.medianMs),
      fmt(v.minMs),
      fmt(v.maxMs),
      fmt(v.entitiesPerSec, 1),
      fmt(v.medianProcessedMs),
      fmt(v.medianCpuMs),
      ...(db === 'pg'
        ? [v.medianPgCpuMs === undefined ? 'n/a' : fmt(v.medianPgCpuMs)]
        : []),
      fmt(v.medianPeakRssMb),
    ]);
  }
  const lines = [
    '',
    `[${db}]`,
    table(rows),
    `ratio (b)/(a) of entities per second: ${r.ratio}x from the medians, ${
      r.pairedRatio
    }x the median of the repetitions' ratios (${r.ratioPerRep
      .map(x => `${x}x`)
      .join(', ')}); goal >= ${GOAL}x: ${verdict(r)}`,
    `CPU time (b)/(a): ${r.cpuRatio}x (the backend's process${
      db === 'pg' ? ' and PostgreSQL' : ''
    })`,
    `intake checks: after each measured ingest of (b), the catalog rejected a partner file of the sibling folder partners-outside/: ${r.intakeRejection}`,
  ];
  if (r.guardRatio !== undefined) {
    lines.push(`ratio (c)/(a): ${r.guardRatio}x`);
    lines.push(
      `ratio (b)/(d), intake checks against intake unset: ${
        r.intakeRatio
      }x from the medians (${r
        .intakeRatioPerRep!.map(x => `${x}x`)
        .join(', ')})`,
    );
  }
  return lines;
}

export async function main(options: IngestBenchOptions): Promise<void> {
  const loadAtStart = loadAverage();
  const { kinds: dbs, skipped } = await reachableDatabases(options.db);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'partners-ingest-'));
  try {
    const estate = estateOf(path.join(root, 'full'), options, options.entities);
    const warmup = estateOf(
      path.join(root, 'warmup'),
      options,
      Math.ceil(options.entities / 10),
    );
    const { partners: p, builtin: b } = estate.estates;
    if (p.relations !== b.relations || p.entities !== b.entities) {
      throw new Error('the two estates differ in entities or relations');
    }
    log(
      `Estate in ${root}: ${fmt(p.entities)} entities in ${fmt(
        p.files,
      )} files; partner kinds ${fmt(p.bytes / 1e6, 2)} MB, built-in ${fmt(
        b.bytes / 1e6,
        2,
      )} MB; ${fmt(p.relations)} and ${fmt(b.relations)} stitched relations`,
    );
    const result = {
      benchmark:
        'catalog ingest: partner kinds with the module vs built-in kinds',
      ...machine(),
      loadAverageAtStart: loadAtStart,
      seed: options.seed,
      now: options.now,
      integrationsPerPartner: options.integrations,
      identitiesPerIntegration: options.identities,
      estate: {
        entities: p.entities,
        files: p.files,
        orgEntities: estate.orgEntities,
        catalogEntities: p.entities + estate.orgEntities + 3,
        bytes: { partners: p.bytes, builtin: b.bytes },
        stitchedRelations: {
          partners: p.relations + estate.orgRelations,
          builtin: b.relations + estate.orgRelations,
        },
      },
      reps: options.reps,
      goal: GOAL,
      skipped,
      databases: {} as Partial<Record<DbKind, DatabaseResult>>,
      loadAverageAtEnd: undefined as number[] | undefined,
    };
    for (const db of dbs) {
      result.databases[db] = await benchDatabase(db, options, estate, warmup);
    }
    result.loadAverageAtEnd = loadAverage();
    const out = [
      '',
      `${fmt(result.estate.catalogEntities)} catalog entities (${fmt(
        p.entities,
      )} in the estate, ${
        estate.orgEntities
      } groups and users, 3 locations), ${fmt(
        result.estate.stitchedRelations.partners,
      )} stitched relations; ${
        options.reps
      } alternating reps, a fresh process and database each; node ${
        process.version
      }, ${os.cpus().length} CPUs, load ${loadAtStart.join(
        ' ',
      )} at the start, ${result.loadAverageAtEnd.join(' ')} at the end`,
    ];
    for (const db of dbs) out.push(...databaseLines(db, result.databases[db]!));
    for (const db of skipped) out.push('', `[${db}] skipped: not reachable`);
    printResult(out, result, options.out);
  } finally {
    if (options.keep) {
      log(`kept ${root}`);
    } else {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}
