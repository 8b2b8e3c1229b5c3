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

import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { IdentitySourceStatus } from '@partner-governance/plugin-partners-common';
import type { ObservedIdentity } from '@partner-governance/plugin-partners-node';
import type { Knex } from 'knex';
import { jsonArray, jsonOf } from './json';
import { migrateDatabase } from './migrateDatabase';
import { yieldToEventLoop } from './yieldToEventLoop';

/** A row of `identity_source_runs`. */
interface SourceRunRow {
  source_id: string;
  type: string;
  last_started_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  refused: number | string;
}

/** A row of `observed_identities`. */
interface ObservedIdentityRow {
  source_id: string;
  external_id: string;
  type: string;
  name: string;
  partner: string | null;
  scopes: string;
  created: string | null;
  last_used: string | null;
  last_rotated: string | null;
  expires: string | null;
  status: string;
  attributes: string | null;
  first_seen_at: string;
  changed_at: string;
}

/** The columns an observation sets; the rest say when. */
type ObservedColumns = Omit<
  ObservedIdentityRow,
  'source_id' | 'first_seen_at' | 'changed_at'
>;

/** What a successful run wrote. */
export interface ObservationChanges {
  inserted: number;
  updated: number;
  deleted: number;
}

const INSERT_BATCH = 500;

/**
 * Observations read, and new ones written, per query of a run: on SQLite
 * every query holds the event loop, so each stays in the tens of
 * milliseconds.
 */
const READ_PAGE = 1000;
const WRITE_SLICE = 250;

/** Identities compared between two turns of the event loop. */
const COMPARE_SLICE = 1000;

/** A source's observations by external id, read in pages by key. */
async function observationsBy(
  tx: Knex,
  sourceId: string,
): Promise<Map<string, ObservedIdentityRow>> {
  const existing = new Map<string, ObservedIdentityRow>();
  let after: string | undefined;
  for (;;) {
    const query = tx<ObservedIdentityRow>('observed_identities')
      .where('source_id', sourceId)
      .orderBy('external_id')
      .limit(READ_PAGE);
    if (after !== undefined) {
      query.where('external_id', '>', after);
    }
    const rows = await query;
    for (const row of rows) {
      existing.set(row.external_id, row);
    }
    if (rows.length < READ_PAGE) {
      return existing;
    }
    after = rows[rows.length - 1].external_id;
    await yieldToEventLoop();
  }
}

/**
 * The columns of an identity. Scopes and attributes are sorted, so that a
 * source listing them in another order changes nothing; the partner is in
 * lower case, as entity names compare, so that lists find it by index.
 */
function columnsOf(identity: ObservedIdentity): ObservedColumns {
  const attributes = identity.attributes
    ? Object.fromEntries(
        Object.entries(identity.attributes).sort(([a], [b]) =>
          a < b ? -1 : Number(a > b),
        ),
      )
    : undefined;
  return {
    external_id: identity.externalId,
    type: identity.type,
    name: identity.name,
    partner: identity.partner?.toLocaleLowerCase('en-US') ?? null,
    scopes: JSON.stringify([...new Set(identity.scopes)].sort()),
    created: identity.created ?? null,
    last_used: identity.lastUsed ?? null,
    last_rotated: identity.lastRotated ?? null,
    expires: identity.expires ?? null,
    status: identity.status,
    attributes: attributes ? JSON.stringify(attributes) : null,
  };
}

function sameColumns(row: ObservedIdentityRow, next: ObservedColumns): boolean {
  return (Object.keys(next) as Array<keyof ObservedColumns>).every(
    column => (row[column] ?? null) === next[column],
  );
}

/**
 * What identity sources observed, kept per source: a successful run
 * replaces the source's observations with what it saw, writing only the
 * identities that changed; a failed run leaves them as they were and records
 * why.
 *
 * @internal
 */
export class DatabaseObservationStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseObservationStore> {
    return new DatabaseObservationStore(
      await migrateDatabase(options.database),
    );
  }

  constructor(private readonly db: Knex) {}

  private async upsertRun(
    tx: Knex,
    sourceId: string,
    type: string,
    columns: Partial<SourceRunRow>,
  ) {
    await tx<SourceRunRow>('identity_source_runs')
      .insert({ source_id: sourceId, type, refused: 0, ...columns })
      .onConflict('source_id')
      .merge({ type, ...columns });
  }

  /** A run of the source began. */
  async runStarted(sourceId: string, type: string, at: string): Promise<void> {
    await this.upsertRun(this.db, sourceId, type, { last_started_at: at });
  }

  /** A run failed: the observations stay, the error is recorded. */
  async runFailed(
    sourceId: string,
    type: string,
    at: string,
    error: string,
  ): Promise<void> {
    await this.upsertRun(this.db, sourceId, type, {
      last_error_at: at,
      last_error: error,
    });
  }

  /**
   * A run succeeded: the source's observations become `identities` (one per
   * external id), in one transaction that writes only what changed.
   */
  async runSucceeded(
    sourceId: string,
    type: string,
    at: string,
    identities: readonly ObservedIdentity[],
    refused: number,
  ): Promise<ObservationChanges> {
    return this.db.transaction(async tx => {
      // in slices, so that a run of 100,000 identities does not hold the
      // event loop (on SQLite every query is synchronous too)
      const existing = await observationsBy(tx, sourceId);
      const inserts: ObservedIdentityRow[] = [];
      let updated = 0;
      for (const [index, identity] of identities.entries()) {
        if (index > 0 && index % COMPARE_SLICE === 0) {
          await yieldToEventLoop();
        }
        const next = columnsOf(identity);
        const row = existing.get(identity.externalId);
        existing.delete(identity.externalId);
        if (!row) {
          inserts.push({
            source_id: sourceId,
            ...next,
            first_seen_at: at,
            changed_at: at,
          });
        } else if (!sameColumns(row, next)) {
          await tx('observed_identities')
            .where({ source_id: sourceId, external_id: identity.externalId })
            .update({ ...next, changed_at: at });
          updated += 1;
        }
      }
      for (let i = 0; i < inserts.length; i += WRITE_SLICE) {
        await tx('observed_identities').insert(
          inserts.slice(i, i + WRITE_SLICE),
        );
        await yieldToEventLoop();
      }
      const gone = [...existing.keys()];
      for (let i = 0; i < gone.length; i += INSERT_BATCH) {
        await tx('observed_identities')
          .where('source_id', sourceId)
          .whereIn('external_id', gone.slice(i, i + INSERT_BATCH))
          .delete();
      }
      await this.upsertRun(tx, sourceId, type, {
        last_success_at: at,
        last_error_at: null,
        last_error: null,
        refused,
      });
      return { inserted: inserts.length, updated, deleted: gone.length };
    });
  }

  /** Every source that has run, with its counts, by id. */
  async sources(): Promise<IdentitySourceStatus[]> {
    const runs = await this.db<SourceRunRow>('identity_source_runs').orderBy(
      'source_id',
    );
    const counts: Array<{ source_id: string; status: string; n: unknown }> =
      await this.db('observed_identities')
        .select('source_id', 'status')
        .count({ n: '*' })
        .groupBy('source_id', 'status');
    return runs.map(run => {
      const of = (status?: string) =>
        counts
          .filter(
            c =>
              c.source_id === run.source_id && (!status || c.status === status),
          )
          .reduce((sum, c) => sum + Number(c.n), 0);
      return {
        id: run.source_id,
        type: run.type,
        ...(run.last_started_at && { lastStartedAt: run.last_started_at }),
        ...(run.last_success_at && { lastSuccessAt: run.last_success_at }),
        ...(run.last_error_at && { lastErrorAt: run.last_error_at }),
        ...(run.last_error && { lastError: run.last_error }),
        refused: Number(run.refused),
        observed: of(),
        active: of('active'),
      };
    });
  }

  /** What a source observes now, by external id. */
  async observations(sourceId: string): Promise<ObservedIdentity[]> {
    const rows = await this.db<ObservedIdentityRow>('observed_identities')
      .where('source_id', sourceId)
      .orderBy('external_id');
    return rows.map(row => ({
      externalId: row.external_id,
      type: row.type as ObservedIdentity['type'],
      name: row.name,
      ...(row.partner !== null && { partner: row.partner }),
      scopes: jsonArray(row.scopes),
      ...(row.created !== null && { created: row.created }),
      ...(row.last_used !== null && { lastUsed: row.last_used }),
      ...(row.last_rotated !== null && { lastRotated: row.last_rotated }),
      ...(row.expires !== null && { expires: row.expires }),
      status: row.status as ObservedIdentity['status'],
      ...(row.attributes !== null && {
        attributes: jsonOf<ObservedIdentity['attributes']>(row.attributes),
      }),
    }));
  }
}
