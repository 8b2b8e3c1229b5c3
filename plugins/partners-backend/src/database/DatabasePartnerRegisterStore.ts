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
import {
  crmKey,
  type ContractStatus,
  type RegisterRow,
} from '../services/register/registerKeys';
import { jsonOf } from './json';
import { migrateDatabase } from './migrateDatabase';
import { yieldToEventLoop } from './yieldToEventLoop';

/** A row of `partner_register_rows`. */
interface RegisterRowsRow {
  name_key: string;
  row_number: number;
  partner_name: string;
  crm_account: string | null;
  crm_key: string | null;
  contract_start: string | null;
  contract_end: string | null;
  status: string;
  contract_status: string;
  renewal_date: string | null;
  commercial_owner: string | null;
}

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
}

/** A row of `partner_register_links`. */
interface RegisterLinksRow {
  partner_ref: string;
  name_key: string;
}

/** The one run record: the register is one per backend. */
const RUN_ID = 'register';

/** Rows written per INSERT statement, and keys per `IN (...)` list. */
const WRITE_SLICE = 500;

/** Rows compared between two turns of the event loop. */
const COMPARE_SLICE = 2000;

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

/** What a successful read wrote. */
export interface RegisterChanges {
  inserted: number;
  updated: number;
  deleted: number;
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

function columnsOf(row: RegisterRow): RegisterRowsRow {
  return {
    name_key: row.nameKey,
    row_number: row.row,
    partner_name: row.partnerName,
    crm_account: row.crmAccount ?? null,
    crm_key: row.crmAccount ? crmKey(row.crmAccount) : null,
    contract_start: row.contractStart ?? null,
    contract_end: row.contractEnd ?? null,
    status: row.status,
    contract_status: row.contractStatus,
    renewal_date: row.renewalDate ?? null,
    commercial_owner: row.commercialOwner ?? null,
  };
}

const COLUMNS = Object.keys(
  columnsOf({
    row: 0,
    partnerName: '',
    nameKey: '',
    status: '',
    contractStatus: 'active',
  }),
) as Array<keyof RegisterRowsRow>;

function sameColumns(a: RegisterRowsRow, b: RegisterRowsRow): boolean {
  return COLUMNS.every(column => (a[column] ?? null) === (b[column] ?? null));
}

/** A stored row as the register reads it. */
function toRegisterRow(row: RegisterRowsRow): RegisterRow {
  return {
    row: Number(row.row_number),
    partnerName: row.partner_name,
    nameKey: row.name_key,
    ...(row.crm_account !== null && { crmAccount: row.crm_account }),
    ...(row.contract_start !== null && { contractStart: row.contract_start }),
    ...(row.contract_end !== null && { contractEnd: row.contract_end }),
    status: row.status,
    contractStatus: row.contract_status as ContractStatus,
    ...(row.renewal_date !== null && { renewalDate: row.renewal_date }),
    ...(row.commercial_owner !== null && {
      commercialOwner: row.commercial_owner,
    }),
  };
}

/**
 * The partner register as its last successful read held it, and how its
 * reads went. A successful read replaces the rows in one transaction,
 * writing only those that changed; a failed one leaves them as they were and
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
   * A read succeeded: the register becomes `rows` (one per name key), in
   * one transaction that writes only what changed, with the rows refused.
   * Rows the same as the last successful read's (by a hash of them) are
   * not compared one by one.
   */
  async runSucceeded(
    format: string,
    at: string,
    rows: readonly RegisterRow[],
    refused: { count: number; errors: RegisterRowError[] },
  ): Promise<RegisterChanges> {
    const next = rows.map(columnsOf);
    const hash = createHash('sha256')
      .update(JSON.stringify(next.map(row => COLUMNS.map(c => row[c]))))
      .digest('hex');
    const run = {
      last_success_at: at,
      last_error_at: null,
      last_error: null,
      rows: rows.length,
      row_errors: refused.count,
      errors: JSON.stringify(refused.errors),
      rows_hash: hash,
    };
    return this.db.transaction(async tx => {
      const last = await tx<RegisterRunsRow>('partner_register_runs')
        .where('id', RUN_ID)
        .first('rows_hash');
      if (last?.rows_hash === hash) {
        await this.upsertRun(tx, format, run);
        return { inserted: 0, updated: 0, deleted: 0 };
      }
      const existing = new Map<string, RegisterRowsRow>(
        (
          await tx<RegisterRowsRow>('partner_register_rows').select(COLUMNS)
        ).map(row => [row.name_key, row]),
      );
      const inserts: RegisterRowsRow[] = [];
      let updated = 0;
      for (const [index, columns] of next.entries()) {
        if (index > 0 && index % COMPARE_SLICE === 0) {
          await yieldToEventLoop();
        }
        const stored = existing.get(columns.name_key);
        existing.delete(columns.name_key);
        if (!stored) {
          inserts.push(columns);
        } else if (!sameColumns(stored, columns)) {
          await tx('partner_register_rows')
            .where('name_key', columns.name_key)
            .update(columns);
          updated += 1;
        }
      }
      const gone = [...existing.keys()];
      for (let i = 0; i < gone.length; i += WRITE_SLICE) {
        await tx('partner_register_rows')
          .whereIn('name_key', gone.slice(i, i + WRITE_SLICE))
          .delete();
      }
      for (let i = 0; i < inserts.length; i += WRITE_SLICE) {
        await tx('partner_register_rows').insert(
          inserts.slice(i, i + WRITE_SLICE),
        );
      }
      await this.upsertRun(tx, format, run);
      return { inserted: inserts.length, updated, deleted: gone.length };
    });
  }

  /**
   * Which row each Partner matched when the rules last ran (its ref to the
   * row's name key), in place of what was recorded: only the changes are
   * written.
   */
  async linkPartners(links: ReadonlyMap<string, string>): Promise<void> {
    await this.db.transaction(async tx => {
      const current = new Map<string, string>(
        (
          await tx<RegisterLinksRow>('partner_register_links').select(
            'partner_ref',
            'name_key',
          )
        ).map(row => [row.partner_ref, row.name_key]),
      );
      const inserts: RegisterLinksRow[] = [];
      for (const [partnerRef, nameKey] of links) {
        const was = current.get(partnerRef);
        current.delete(partnerRef);
        if (was === undefined) {
          inserts.push({ partner_ref: partnerRef, name_key: nameKey });
        } else if (was !== nameKey) {
          await tx('partner_register_links')
            .where('partner_ref', partnerRef)
            .update({ name_key: nameKey });
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
 * The register as its last successful read held it: one query for when,
 * one for the rows.
 *
 * @internal
 */
export async function readRegisterSnapshot(
  db: Knex,
): Promise<RegisterSnapshot> {
  const run = await db<RegisterRunsRow>('partner_register_runs')
    .where('id', RUN_ID)
    .whereNotNull('last_success_at')
    .first('last_success_at');
  if (!run?.last_success_at) {
    return { rows: [] };
  }
  const rows = await db<RegisterRowsRow>('partner_register_rows')
    .select(COLUMNS)
    .orderBy(['row_number', 'name_key']);
  return { readAt: run.last_success_at, rows: rows.map(toRegisterRow) };
}

/**
 * The register row a Partner matched when the rules last ran, with when the
 * register it is from was read; undefined when it matched none. One query.
 *
 * @internal
 */
export async function linkedRegisterRow(
  db: Knex,
  partnerRef: string,
): Promise<{ readAt: string; row: RegisterRow } | undefined> {
  const found: Array<RegisterRowsRow & { last_success_at: string }> = await db(
    'partner_register_links as l',
  )
    .join('partner_register_rows as r', 'r.name_key', 'l.name_key')
    .join('partner_register_runs as u', join => join.onVal('u.id', RUN_ID))
    .where('l.partner_ref', partnerRef)
    .whereNotNull('u.last_success_at')
    .select(...COLUMNS.map(column => `r.${column}`), 'u.last_success_at');
  const [first] = found;
  return first
    ? { readAt: first.last_success_at, row: toRegisterRow(first) }
    : undefined;
}
