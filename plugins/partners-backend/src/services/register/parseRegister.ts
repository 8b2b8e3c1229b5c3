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

import { toDayNumber } from '@partner-governance/plugin-partners-common';
import { redactSecretsOfAll } from '@partner-governance/plugin-partners-node';
import { visitRegisterRecords, type RegisterFormat } from './registerRecords';
import {
  crmKey,
  nameKey,
  REGISTER_STATUSES,
  type RegisterColumn,
  type RegisterRow,
} from './registerKeys';

/** The longest value of each column, in characters. */
const REGISTER_LIMITS: Readonly<Record<RegisterColumn, number>> = {
  partnerName: 253,
  crmAccount: 100,
  contractStart: 40,
  contractEnd: 40,
  status: 40,
  renewalDate: 40,
  commercialOwner: 253,
};

/** How many refused rows a read keeps to show, of however many there are. */
export const MAX_KEPT_ROW_ERRORS = 100;

/** The columns that hold free text, which the secret guard reads. */
const TEXT_COLUMNS = ['partnerName', 'crmAccount', 'commercialOwner'] as const;

const DATE_COLUMNS = ['contractStart', 'contractEnd', 'renewalDate'] as const;

/** Control characters (C0, DEL, C1): never part of a register value. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A row the register did not keep, and why: the row and the column (as
 * config names it), never the value.
 */
export interface RegisterRowError {
  row: number;
  column?: string;
  message: string;
}

/** What a read of the export kept, and what it refused. */
export interface ParsedRegister {
  rows: RegisterRow[];
  /** The first {@link MAX_KEPT_ROW_ERRORS} refused rows, in row order. */
  errors: RegisterRowError[];
  /** How many rows were refused in all. */
  refused: number;
}

/** How to read an export: its format and the header of each column. */
export interface RegisterReadOptions {
  format: RegisterFormat;
  columns: Readonly<Record<RegisterColumn, string>>;
}

/** A row's values, and where each column's is, before they are checked. */
interface RawValues {
  cells: readonly unknown[];
  columnAt: Partial<Record<RegisterColumn, number>>;
}

/** A problem with one value of a row. */
class RowProblem extends Error {
  constructor(readonly column: RegisterColumn, message: string) {
    super(message);
  }
}

function textOf(
  values: RawValues,
  column: RegisterColumn,
  required = false,
): string | undefined {
  const at = values.columnAt[column];
  const raw = at === undefined ? undefined : values.cells[at];
  if (raw === undefined || raw === null) {
    if (required) {
      throw new RowProblem(column, 'is empty');
    }
    return undefined;
  }
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    return String(raw);
  }
  if (typeof raw !== 'string') {
    throw new RowProblem(column, 'is not text');
  }
  const text = raw.trim();
  if (text === '') {
    if (required) {
      throw new RowProblem(column, 'is empty');
    }
    return undefined;
  }
  const max = REGISTER_LIMITS[column];
  if (text.length > max) {
    throw new RowProblem(column, `is longer than ${max} characters`);
  }
  if (CONTROL.test(text)) {
    throw new RowProblem(column, 'holds a control character');
  }
  return text;
}

/** A date column's value and its day, or the problem with it. */
function dateOf(
  values: RawValues,
  column: (typeof DATE_COLUMNS)[number],
): { date?: string; day?: number } {
  const date = textOf(values, column);
  if (date === undefined) {
    return {};
  }
  const day = toDayNumber(date);
  if (day === undefined) {
    throw new RowProblem(column, 'is not an ISO-8601 date');
  }
  return { date, day };
}

/** A row's values checked one by one: its row, or the first problem. */
function rowOf(row: number, values: RawValues): RegisterRow {
  const partnerName = textOf(values, 'partnerName', true)!;
  const key = nameKey(partnerName);
  if (key === '') {
    throw new RowProblem('partnerName', 'holds no letter or digit');
  }
  const crmAccount = textOf(values, 'crmAccount');
  const status = textOf(values, 'status', true)!;
  const contractStatus = REGISTER_STATUSES.get(status.toLowerCase());
  if (!contractStatus) {
    throw new RowProblem(
      'status',
      `is none of ${[...REGISTER_STATUSES.keys()].join(', ')}`,
    );
  }
  const start = dateOf(values, 'contractStart');
  const end = dateOf(values, 'contractEnd');
  const renewal = dateOf(values, 'renewalDate');
  if (start.day !== undefined && end.day !== undefined && end.day < start.day) {
    throw new RowProblem('contractEnd', 'is before the contract start');
  }
  const commercialOwner = textOf(values, 'commercialOwner');
  // assigned one by one: no key for what the row leaves empty
  const result: RegisterRow = {
    row,
    partnerName,
    nameKey: key,
    status,
    contractStatus,
  };
  if (crmAccount) result.crmAccount = crmAccount;
  if (start.date) result.contractStart = start.date;
  if (end.date) result.contractEnd = end.date;
  if (renewal.date) result.renewalDate = renewal.date;
  if (commercialOwner) result.commercialOwner = commercialOwner;
  return result;
}

/** Collects refused rows: all counted, the first few kept. */
class Refusals {
  readonly kept: RegisterRowError[] = [];
  count = 0;

  constructor(private readonly columns: RegisterReadOptions['columns']) {}

  add(row: number, column: RegisterColumn | undefined, message: string) {
    this.count += 1;
    if (this.kept.length < MAX_KEPT_ROW_ERRORS) {
      this.kept.push({
        row,
        ...(column && { column: this.columns[column] }),
        message,
      });
    }
  }
}

/** Where a finding is in the list of the rows' free text: `[position]`. */
const FINDING_PATH = /^\[(\d+)\]$/;

/** The rows whose free text holds a secret value, by index, and where. */
async function secretColumns(
  rows: RegisterRow[],
): Promise<Map<number, RegisterColumn>> {
  // the free text of every row in one flat list, row after row, each row's
  // in the order of TEXT_COLUMNS: one document to scan, and no list per row
  const texts: Array<string | undefined> = [];
  for (const row of rows) {
    texts.push(row.partnerName, row.crmAccount, row.commercialOwner);
  }
  const [{ findings }] = await redactSecretsOfAll([texts]);
  const found = new Map<number, RegisterColumn>();
  for (const { path } of findings) {
    const at = FINDING_PATH.exec(path);
    if (!at) {
      // never expected of a flat list; were it to happen, nothing is kept
      throw new Error('the secret guard found a value no row holds');
    }
    const position = Number(at[1]);
    const index = Math.floor(position / TEXT_COLUMNS.length);
    if (!found.has(index)) {
      found.set(index, TEXT_COLUMNS[position % TEXT_COLUMNS.length]);
    }
  }
  return found;
}

/**
 * The first refusals of two lists, each in row order, as one list in row
 * order: the first {@link MAX_KEPT_ROW_ERRORS} of all.
 */
function inRowOrder(
  early: RegisterRowError[],
  late: Array<[number, RegisterColumn, string]>,
  columns: RegisterReadOptions['columns'],
): RegisterRowError[] {
  const merged: RegisterRowError[] = [];
  let e = 0;
  let l = 0;
  while (
    merged.length < MAX_KEPT_ROW_ERRORS &&
    (e < early.length || l < late.length)
  ) {
    if (l >= late.length || (e < early.length && early[e].row < late[l][0])) {
      merged.push(early[e++]);
    } else {
      const [row, column, message] = late[l++];
      merged.push({ row, column: columns[column], message });
    }
  }
  return merged;
}

/**
 * Reads a partner register export (CSV with a header row, or a JSON list
 * of objects) into its rows: each row checked on its own, and refused with
 * its row number, column and why when a value is missing, too long, not a
 * date or a known status, holds a control character or a secret value, or
 * names a partner or CRM account an earlier row names. Throws, keeping
 * nothing, when the export as a whole cannot be read: not CSV or JSON, a
 * documented column missing, no rows, or no row that could be kept.
 */
export async function parseRegister(
  content: Buffer,
  options: RegisterReadOptions,
): Promise<ParsedRegister> {
  const refusals = new Refusals(options.columns);
  const checked: RegisterRow[] = [];
  const total = await visitRegisterRecords(
    content,
    options,
    (record, columnAt) => {
      if ('problem' in record) {
        refusals.add(record.row, undefined, record.problem);
        return;
      }
      try {
        checked.push(rowOf(record.row, { cells: record.cells, columnAt }));
      } catch (error) {
        if (!(error instanceof RowProblem)) {
          throw error;
        }
        refusals.add(record.row, error.column, error.message);
      }
    },
  );

  const secrets = await secretColumns(checked);
  const rows: RegisterRow[] = [];
  const byName = new Map<string, number>();
  const byCrm = new Map<string, number>();
  const late: Array<[number, RegisterColumn, string]> = [];
  checked.forEach((row, index) => {
    const secret = secrets.get(index);
    if (secret) {
      late.push([row.row, secret, 'holds a secret value']);
      return;
    }
    const sameName = byName.get(row.nameKey);
    const crm = row.crmAccount && crmKey(row.crmAccount);
    const sameCrm = crm ? byCrm.get(crm) : undefined;
    if (sameName !== undefined) {
      late.push([
        row.row,
        'partnerName',
        `names the same partner as row ${sameName}; the first is kept`,
      ]);
    } else if (sameCrm !== undefined) {
      late.push([
        row.row,
        'crmAccount',
        `names the same CRM account as row ${sameCrm}; the first is kept`,
      ]);
    } else {
      byName.set(row.nameKey, row.row);
      if (crm) {
        byCrm.set(crm, row.row);
      }
      rows.push(row);
    }
  });
  const errors = inRowOrder(refusals.kept, late, options.columns);
  const refused = refusals.count + late.length;

  if (rows.length === 0) {
    const first = errors[0];
    throw new Error(
      `none of the ${total} rows of the export could be kept; the first: row ${
        first.row
      }${first.column ? `, ${first.column}` : ''} ${first.message}`,
    );
  }
  return { rows, errors, refused };
}
