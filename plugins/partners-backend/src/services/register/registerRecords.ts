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

import Papa from 'papaparse';
import {
  REGISTER_COLUMNS,
  REQUIRED_COLUMNS,
  type RegisterColumn,
} from './registerKeys';

/** The formats an export comes in. */
export type RegisterFormat = 'csv' | 'json';

/** The formats, by the file extension that names each. */
export const REGISTER_FORMATS: readonly RegisterFormat[] = ['csv', 'json'];

/** Characters the CSV parser reads between two turns of the event loop. */
const CSV_CHUNK = 64 * 1024;

/**
 * A row of the export: where it is, and its values (at the positions the
 * visitor's `columnAt` gives) or why it has none.
 */
export type RegisterRecord =
  | { row: number; cells: readonly unknown[] }
  | { row: number; problem: string };

/**
 * Where each column's value is in a row's cells, and what is done with each
 * row as it is read.
 */
type RecordVisitor = (
  record: RegisterRecord,
  columnAt: Partial<Record<RegisterColumn, number>>,
) => void;

/** A run of characters a header ignores: all but letters and digits. */
const IGNORED_IN_HEADERS = /[^\p{L}\p{N}]+/gu;

/**
 * A column header as a key: lower case, letters and digits only, so that
 * `Contract End`, `contract_end` and `contractEnd` name one column.
 */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(IGNORED_IN_HEADERS, '');
}

const isBlank = (record: string[]) => record.every(cell => cell.trim() === '');

/**
 * The rows of a CSV text (RFC 4180: comma-separated, fields quoted with `"`
 * as they need), parsed a slice at a time and each handed to `visit` as the
 * parser gives it, so that the event loop turns between slices and nothing
 * but the kept rows stays in memory. papaparse reads it: about five times
 * as fast as csv-parse on a register export (BENCHMARKS.md).
 */
function visitCsv(
  content: Buffer,
  columns: Readonly<Record<RegisterColumn, string>>,
  visit: RecordVisitor,
): Promise<number> {
  // the export is bounded (maxBytes) before it is parsed; each value is
  // bounded by the checks of its column after
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  let failure: unknown;
  let header: string[] | undefined;
  let columnAt: Partial<Record<RegisterColumn, number>> = {};
  let line = 0;
  let rows = 0;
  const visitSlice = (records: string[][], problem?: Papa.ParseError) => {
    if (problem) {
      // the export as a whole is refused: only the code of the problem and
      // its row (within the slice, as papaparse counts) are said
      const at = Math.min(problem.row ?? 0, records.length);
      throw new Error(
        `the export is not CSV (${problem.code} at row ${line + at + 1})`,
      );
    }
    for (const record of records) {
      // a spreadsheet's row: the header is row 1
      line += 1;
      if (!header) {
        if (isBlank(record)) {
          throw new Error('the export has no header row');
        }
        header = record;
        columnAt = columnIndexes(header, columns);
      } else if (!isBlank(record)) {
        rows += 1;
        visit(
          record.length === header.length
            ? { row: line, cells: record }
            : {
                row: line,
                problem: `has ${record.length} fields where the header has ${header.length}`,
              },
          columnAt,
        );
      }
    }
  };
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(text, {
      delimiter: ',',
      quoteChar: '"',
      escapeChar: '"',
      chunkSize: CSV_CHUNK,
      chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
        try {
          visitSlice(results.data, results.errors[0]);
        } catch (error) {
          failure = error;
          parser.abort();
          return;
        }
        parser.pause();
        setImmediate(() => parser.resume());
      },
      complete: () => {
        if (failure) {
          reject(failure);
        } else if (!header) {
          reject(new Error('the export has no header row'));
        } else {
          resolve(rows);
        }
      },
    });
  });
}

/** Where each documented column is in a CSV header; throws for a missing or doubled one. */
function columnIndexes(
  header: string[],
  columns: Readonly<Record<RegisterColumn, string>>,
): Partial<Record<RegisterColumn, number>> {
  const keys = header.map(headerKey);
  const found: Partial<Record<RegisterColumn, number>> = {};
  for (const column of Object.keys(REGISTER_COLUMNS) as RegisterColumn[]) {
    const key = headerKey(columns[column]);
    const index = keys.indexOf(key);
    if (index < 0) {
      if (REQUIRED_COLUMNS.includes(column)) {
        throw new Error(`the export has no column "${columns[column]}"`);
      }
      continue;
    }
    if (keys.indexOf(key, index + 1) >= 0) {
      throw new Error(
        `the export has more than one column "${columns[column]}"`,
      );
    }
    found[column] = index;
  }
  return found;
}

function visitJson(
  text: string,
  columns: Readonly<Record<RegisterColumn, string>>,
  visit: RecordVisitor,
): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's messages quote the text
    throw new Error('the export is not JSON');
  }
  if (!Array.isArray(parsed)) {
    throw new Error('the export is not a JSON list of partners');
  }
  const order = Object.keys(REGISTER_COLUMNS) as RegisterColumn[];
  const byKey = new Map(
    order.map((column, at) => [headerKey(columns[column]), at]),
  );
  const columnAt = Object.fromEntries(order.map((column, at) => [column, at]));
  parsed.forEach((entry, index) => {
    const row = index + 1;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      visit({ row, problem: 'is not an object' }, columnAt);
      return;
    }
    const cells: unknown[] = [];
    for (const [key, value] of Object.entries(entry)) {
      const at = byKey.get(headerKey(key));
      if (at !== undefined) {
        cells[at] = value;
      }
    }
    visit({ row, cells }, columnAt);
  });
  return parsed.length;
}

/**
 * Hands each row of an export to `visit`, with its values, blank CSV rows
 * left out; returns how many there were. Throws when the export is not CSV
 * or JSON, a CSV export lacks a documented column, or there is no row.
 */
export async function visitRegisterRecords(
  content: Buffer,
  options: {
    format: RegisterFormat;
    columns: Readonly<Record<RegisterColumn, string>>;
  },
  visit: RecordVisitor,
): Promise<number> {
  const rows =
    options.format === 'csv'
      ? await visitCsv(content, options.columns, visit)
      : visitJson(
          content.toString('utf8').replace(/^\uFEFF/, ''),
          options.columns,
          visit,
        );
  if (rows === 0) {
    throw new Error('the export lists no partners');
  }
  return rows;
}
