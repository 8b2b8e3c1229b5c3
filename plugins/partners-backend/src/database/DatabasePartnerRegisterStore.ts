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

import { createHash } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type { RegisterRowError } from '../services/register/parseRegister';
import type { RegisterRow } from '../services/register/registerKeys';
import { jsonOf } from './json';
import { migrateDatabase } from './migrateDatabase';
import {
  changesBetween,
  rowsOfSnapshot,
  snapshotOf,
  type RegisterChanges,
} from './registerSnapshot';

export type { RegisterChanges } from './registerSnapshot';

/** A row of `partner_register_runs`. */
interface RegisterRunsRow {
  id: string;
  format: string;
  last_started_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  rows: number | string;
  row_errors: number | string;
  errors: string | null;
  rows_hash: string | null;
  snapshot: string | null;
}

/** A row of `partner_register_links`. */
interface RegisterLinksRow {
  partner_ref: string;
  name_key: string;
  /** JSON: the row. */
  row: string | null;
  /** The row's contract, for the partner index to filter by in SQL. */
  contract_end: string | null;
  contract_status: string | null;
}

/** The one run record: the register is one per backend. */
const RUN_ID = 'register';

/** Links written per INSERT statement, and keys per `IN (...)` list. */
const WRITE_SLICE = 500;

/** How the reads of the register went, as the store records them. */
export interface RegisterRunStatus {
  format: string;
  lastStartedAt?: string;
  lastSuccessAt?: string;
  lastErrorAt?: string;
  lastError?: string;
  /** Rows the last successful read kept. */
  rows: number;
  /** Rows it refused. */
  rowErrors: number;
  /** The first of those, with why. */
  errors: RegisterRowError[];
}

/** The register as of its last successful read. */
export interface RegisterSnapshot {
  /** When the last successful read ended; absent when none has. */
  readAt?: string;
  rows: RegisterRow[];
  /**
   * The CRM account (as a key) of each Partner that names one, by ref:
   * what the catalog's annotations say, which the index does not keep.
   */
  crmAccounts?: ReadonlyMap<string, string>;
}

/**
 * The partner register as its last successful read held it, and how its
 * reads went. The register is one value (a snapshot of the rows, in export
 * order, registerSnapshot.ts): a read replaces it whole and the rules read
 * it whole. A successful read writes it with its run, in one statement,
 * unless it holds the same rows; a failed one leaves it as it was and
 * records why.
 *
 * @internal
 */
export class DatabasePartnerRegisterStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabasePartnerRegisterStore> {
    return new DatabasePartnerRegisterStore(
      await migrateDatabase(options.database),
    );
  }

  constructor(private readonly db: Knex) {}

  private async upsertRun(
    tx: Knex,
    format: string,
    columns: Partial<RegisterRunsRow>,
  ) {
    await tx<RegisterRunsRow>('partner_register_runs')
      .insert({ id: RUN_ID, format, rows: 0, row_errors: 0, ...columns })
      .onConflict('id')
      .merge({ format, ...columns });
  }

  /** A read began. */
  async runStarted(format: string, at: string): Promise<void> {
    await this.upsertRun(this.db, format, { last_started_at: at });
  }

  /** A read failed: the rows stay, the error is recorded. */
  async runFailed(format: string, at: string, error: string): Promise<void> {
    await this.upsertRun(this.db, format, {
      last_error_at: at,
      last_error: error,
    });
  }

  /**
   * A read succeeded: the register becomes `rows` (one per name key), with
   * the rows refused, in one transaction; returns what changed and the hash
   * the register is now known by. Rows the same as the last successful
   * read's (by that hash) are not compared one by one nor written again.
   * Throws, writing nothing, when two rows share a name key.
   */
  async runSucceeded(
    format: string,
    at: string,
    rows: readonly RegisterRow[],
    refused: { count: number; errors: RegisterRowError[] },
  ): Promise<RegisterChanges & { rowsHash: string }> {
    const keys = new Set<string>();
    for (const row of rows) {
      if (keys.has(row.nameKey)) {
        throw new Error(
          `the register cannot hold two rows of one partner (${row.nameKey}, row ${row.row})`,
        );
      }
      keys.add(row.nameKey);
    }
    const { lines, snapshot } = snapshotOf(rows);
    const rowsHash = createHash('sha256').update(snapshot).digest('hex');
    const run = {
      last_success_at: at,
      last_error_at: null,
      last_error: null,
      rows: rows.length,
      row_errors: refused.count,
      errors: JSON.stringify(refused.errors),
      rows_hash: rowsHash,
    };
    return this.db.transaction(async tx => {
      const last = await tx<RegisterRunsRow>('partner_register_runs')
        .where('id', RUN_ID)
        .first('rows_hash');
      if (last?.rows_hash === rowsHash) {
        await this.upsertRun(tx, format, run);
        return { inserted: 0, updated: 0, deleted: 0, rowsHash };
      }
      const previous = last
        ? await tx<RegisterRunsRow>('partner_register_runs')
            .where('id', RUN_ID)
            .first('snapshot')
        : undefined;
      const changes = await changesBetween(previous?.snapshot, lines);
      await this.upsertRun(tx, format, { ...run, snapshot });
      return { ...changes, rowsHash };
    });
  }

  /**
   * A read of an export that a read whose rows hash as `rowsHash` read
   * before: recorded as a success with nothing to write, when the register
   * still holds those rows. False, writing nothing, when it does not (it is
   * empty, or another read replaced it since).
   */
  async runRepeated(
    format: string,
    at: string,
    rowsHash: string,
  ): Promise<boolean> {
    const updated = await this.db<RegisterRunsRow>('partner_register_runs')
      .where({ id: RUN_ID, rows_hash: rowsHash })
      .whereNotNull('last_success_at')
      .update({
        format,
        last_success_at: at,
        last_error_at: null,
        last_error: null,
      });
    return updated > 0;
  }

  /**
   * Which row each Partner matched when the rules last ran, by its ref, in
   * place of what was recorded: only the changes are written.
   */
  async linkPartners(links: ReadonlyMap<string, RegisterRow>): Promise<void> {
    await this.db.transaction(async tx => {
      const current = new Map<string, string | null>(
        (
          await tx<RegisterLinksRow>('partner_register_links').select(
            'partner_ref',
            'row',
          )
        ).map(link => [link.partner_ref, link.row]),
      );
      const inserts: RegisterLinksRow[] = [];
      for (const [partnerRef, row] of links) {
        const was = current.get(partnerRef);
        current.delete(partnerRef);
        const next = {
          name_key: row.nameKey,
          row: JSON.stringify(row),
          contract_end: row.contractEnd ?? null,
          contract_status: row.contractStatus,
        };
        if (was === undefined) {
          inserts.push({ partner_ref: partnerRef, ...next });
        } else if (was !== next.row) {
          await tx('partner_register_links')
            .where('partner_ref', partnerRef)
            .update(next);
        }
      }
      const gone = [...current.keys()];
      for (let i = 0; i < gone.length; i += WRITE_SLICE) {
        await tx('partner_register_links')
          .whereIn('partner_ref', gone.slice(i, i + WRITE_SLICE))
          .delete();
      }
      for (let i = 0; i < inserts.length; i += WRITE_SLICE) {
        await tx('partner_register_links').insert(
          inserts.slice(i, i + WRITE_SLICE),
        );
      }
    });
  }

  /** How the reads went; undefined before the first. */
  async status(): Promise<RegisterRunStatus | undefined> {
    const run = await this.db<RegisterRunsRow>('partner_register_runs')
      .where('id', RUN_ID)
      .first();
    if (!run) {
      return undefined;
    }
    return {
      format: run.format,
      ...(run.last_started_at && { lastStartedAt: run.last_started_at }),
      ...(run.last_success_at && { lastSuccessAt: run.last_success_at }),
      ...(run.last_error_at && { lastErrorAt: run.last_error_at }),
      ...(run.last_error && { lastError: run.last_error }),
      rows: Number(run.rows),
      rowErrors: Number(run.row_errors),
      errors: jsonOf<RegisterRowError[]>(run.errors) ?? [],
    };
  }
}

/**
 * The register as its last successful read held it. One query.
 *
 * @internal
 */
export async function readRegisterSnapshot(
  db: Knex,
): Promise<RegisterSnapshot> {
  const run = await db<RegisterRunsRow>('partner_register_runs')
    .where('id', RUN_ID)
    .whereNotNull('last_success_at')
    .first('last_success_at', 'snapshot');
  if (!run?.last_success_at) {
    return { rows: [] };
  }
  return { readAt: run.last_success_at, rows: rowsOfSnapshot(run.snapshot) };
}

/**
 * A subquery `rc` of the contract of the register row each Partner matched
 * when the rules last ran (`partner_ref`, `contract_end`, `contract_status`),
 * while the register has a successful read: the contract the rules use.
 *
 * @internal
 */
export function registerContracts(db: Knex): Knex.QueryBuilder {
  return db('partner_register_links as l')
    .join('partner_register_runs as u', join => join.onVal('u.id', RUN_ID))
    .whereNotNull('u.last_success_at')
    .select('l.partner_ref', 'l.contract_end', 'l.contract_status')
    .as('rc');
}

/**
 * The register row a Partner matched when the rules last ran, with when the
 * register was last read; undefined when it matched none. One query.
 *
 * @internal
 */
export async function linkedRegisterRow(
  db: Knex,
  partnerRef: string,
): Promise<{ readAt: string; row: RegisterRow } | undefined> {
  const found: Array<{ row: string | null; last_success_at: string }> =
    await db('partner_register_links as l')
      .join('partner_register_runs as u', join => join.onVal('u.id', RUN_ID))
      .where('l.partner_ref', partnerRef)
      .whereNotNull('u.last_success_at')
      .select('l.row', 'u.last_success_at');
  const [first] = found;
  const row = jsonOf<RegisterRow>(first?.row);
  return row ? { readAt: first.last_success_at, row } : undefined;
}
