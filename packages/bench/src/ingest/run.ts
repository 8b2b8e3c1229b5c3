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
 * One ingest, in a child process of its own: a fresh database, the catalog
 * backend started, then the clock runs from the moment the catalog gets its
 * locations until every entity is processed and stitched.
 */

import fs from 'node:fs';
import type { Knex } from 'knex';
import type { JsonObject } from '@backstage/config';
import type { DbKind } from '../lib/databases';
import { msSince } from '../lib/timing';
import { startCatalog, type RunningCatalog } from './catalog';
import type { IntakeProbe } from './estate';

/** How often the catalog's tables are read while it ingests. */
const POLL_MS = 100;
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;
/** A run that has not finished by then fails. */
const TIMEOUT_MS = 30 * 60 * 1000;
/** How long the intake probe may take, after the measured ingest. */
const PROBE_TIMEOUT_MS = 60 * 1000;

/** What one child run is given. */
export interface RunSpec {
  db: DbKind;
  withModule: boolean;
  /** The `partners` config of the module: its intake checks. */
  partners?: JsonObject;
  /**
   * A partner file the intake must reject, handed to the catalog once the
   * measured ingest is done.
   */
  intakeProbe?: IntakeProbe;
  /** The organisation file and the estate's Location file. */
  files: string[];
  /** Every entity the catalog must end up with, locations included. */
  expectedEntities: number;
  /** Outgoing relations over all stitched entities. */
  expectedRelations: number;
}

/** What one child run measured. */
export interface RunResult {
  /** From the locations handed over until every entity is stitched. */
  ms: number;
  /** Until every entity was processed once (stitching may still be going). */
  processedMs: number;
  /** CPU time of the backend's process during the ingest. */
  cpuMs: number;
  /**
   * On PostgreSQL on this machine: CPU time of the server processes serving
   * the catalog's connections (those open at the end) during the ingest.
   */
  pgCpuMs?: number;
  entities: number;
  relations: number;
  relationRows: number;
  searchRows: number;
  rssBeforeKb: number;
  maxRssKb: number;
  /** The intake's error for the probe file, when the run had one. */
  intakeRejection?: string;
}

async function count(
  knex: Knex,
  table: string,
  where?: (q: Knex.QueryBuilder) => void,
): Promise<number> {
  const query = knex(table).count({ n: '*' });
  where?.(query);
  const row = await query.first();
  return Number(row?.n ?? 0);
}

/** Where the ingest is: rows of refresh_state, processed, stitched, queued. */
async function progress(knex: Knex) {
  return {
    total: await count(knex, 'refresh_state'),
    unprocessed: await count(knex, 'refresh_state', q =>
      q.whereNull('processed_entity'),
    ),
    stitched: await count(knex, 'final_entities', q =>
      q.whereNotNull('final_entity'),
    ),
    queued: await count(knex, 'stitch_queue'),
  };
}

/**
 * Checks what the catalog holds once it is done: no processing error on
 * any entity, and the stitched entities' relations add up to the expected
 * count. Returns that count.
 */
async function verify(knex: Knex, spec: RunSpec): Promise<number> {
  const failed = await knex('refresh_state')
    .select('entity_ref', 'errors')
    .whereNotNull('errors')
    .whereNotIn('errors', ['', '[]']);
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} entities have processing errors, first ${
        failed[0].entity_ref
      }: ${String(failed[0].errors).slice(0, 500)}`,
    );
  }
  let relations = 0;
  const PAGE = 1000;
  for (let offset = 0; ; offset += PAGE) {
    const rows: Array<{ final_entity: string }> = await knex('final_entities')
      .select('final_entity')
      .orderBy('entity_id')
      .limit(PAGE)
      .offset(offset);
    for (const row of rows) {
      relations += JSON.parse(row.final_entity).relations?.length ?? 0;
    }
    if (rows.length < PAGE) break;
  }
  if (relations !== spec.expectedRelations) {
    throw new Error(
      `the stitched entities hold ${relations} relations, expected ${spec.expectedRelations}`,
    );
  }
  return relations;
}

/** CPU time (ms) of each PostgreSQL backend serving the catalog's database. */
async function pgBackendsCpu(knex: Knex): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  const { rows } = await knex.raw(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  const tick = 1000 / CLOCK_TICKS;
  for (const { pid } of rows as Array<{ pid: number }>) {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat, after the command in brackets.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * tick);
    } catch {
      // The server is not on this machine, or the backend just ended.
    }
  }
  return cpu;
}

/** CPU time the backends open at the end spent since `before`. */
function cpuSince(before: Map<number, number>, after: Map<number, number>) {
  let ms = 0;
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return after.size ? ms : undefined;
}

/**
 * After the measured ingest: hands the catalog a partner file from beside the
 * allowed folder and waits until its entity has the intake's error, so that a
 * run whose intake checks were off fails. Returns the error.
 */
async function probeIntake(
  catalog: RunningCatalog,
  probe: IntakeProbe,
): Promise<string> {
  await catalog.addLocation(probe.file);
  const expected = `${probe.entityRef} comes from file:${probe.file}, a location that partners.intake.allowedLocations does not allow`;
  const start = process.hrtime.bigint();
  for (;;) {
    const row = await catalog
      .knex('refresh_state')
      .select('errors', 'processed_entity')
      .where('entity_ref', probe.entityRef)
      .first();
    if (row?.processed_entity) {
      throw new Error(`the intake checks let ${probe.entityRef} in`);
    }
    if (String(row?.errors ?? '').includes(expected)) {
      return expected;
    }
    if (msSince(start) > PROBE_TIMEOUT_MS) {
      throw new Error(
        `no intake error for ${probe.entityRef}: ${String(
          row?.errors ?? 'not in refresh_state',
        ).slice(0, 500)}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
}

/** Runs one ingest and returns what it measured. */
export async function ingestOnce(spec: RunSpec): Promise<RunResult> {
  const catalog = await startCatalog(spec.db, spec.withModule, spec.partners);
  try {
    const { knex } = catalog;
    const isPg = spec.db === 'pg';
    const pgBefore = isPg ? await pgBackendsCpu(knex) : undefined;
    const rssBefore = process.memoryUsage().rss;
    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    await catalog.addLocations(spec.files);
    let processedMs: number | undefined;
    let ms: number | undefined;
    let last;
    while (ms === undefined) {
      await new Promise(resolve => setTimeout(resolve, POLL_MS));
      last = await progress(knex);
      const complete = last.total === spec.expectedEntities;
      if (processedMs === undefined && complete && last.unprocessed === 0) {
        processedMs = msSince(start);
      }
      if (
        processedMs !== undefined &&
        last.stitched === spec.expectedEntities &&
        last.queued === 0
      ) {
        ms = msSince(start);
      } else if (msSince(start) > TIMEOUT_MS) {
        throw new Error(`ingest not done in time: ${JSON.stringify(last)}`);
      }
    }
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = pgBefore && cpuSince(pgBefore, await pgBackendsCpu(knex));
    const relations = await verify(knex, spec);
    const intakeRejection =
      spec.intakeProbe && (await probeIntake(catalog, spec.intakeProbe));
    return {
      ms,
      processedMs: processedMs ?? ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      ...(pgCpu !== undefined && { pgCpuMs: pgCpu }),
      entities: spec.expectedEntities,
      relations,
      relationRows: await count(knex, 'relations'),
      searchRows: await count(knex, 'search'),
      rssBeforeKb: Math.round(rssBefore / 1024),
      maxRssKb: process.resourceUsage().maxRSS,
      ...(intakeRejection && { intakeRejection }),
    };
  } finally {
    await catalog.stop();
  }
}
