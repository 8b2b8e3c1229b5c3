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

import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { REGISTER_COLUMNS } from './registerKeys';
import { visitRegisterRecords, type RegisterRecord } from './registerRecords';

const OPTIONS = { format: 'csv' as const, columns: { ...REGISTER_COLUMNS } };
const HEADER = Object.values(REGISTER_COLUMNS);

/** Every record a CSV text holds, as the register's reader hands them on. */
async function recordsOf(text: string): Promise<RegisterRecord[]> {
  const records: RegisterRecord[] = [];
  await visitRegisterRecords(Buffer.from(text), OPTIONS, record => {
    records.push(record);
  });
  return records;
}

describe('visitRegisterRecords', () => {
  it('reads back what a CSV writer wrote, whatever the values hold and wherever its slices end', async () => {
    // values with quotes, commas, line breaks and non-ASCII text, after
    // enough filler rows that some fall across the parser's 64 Ki slices
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('"', '""', ',', '\n', '\r\n', 'a "b", c', 'Zürich\nAG'),
    );
    const row = fc.array(value, { minLength: 7, maxLength: 7 });
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 4000 }),
        fc.array(row, { minLength: 1, maxLength: 40 }),
        fc.constantFrom('\n', '\r\n'),
        async (filler, rows, eol) => {
          // a row of empty or blank values is no row to the reader
          const written = rows.filter(cells =>
            cells.some(cell => cell.trim() !== ''),
          );
          const fillerRows = Array.from({ length: filler }, (_, i) => [
            `Filler ${i}`,
            '',
            '',
            '',
            'active',
            '',
            '',
          ]);
          const text = stringify([HEADER, ...fillerRows, ...rows], {
            record_delimiter: eol === '\n' ? 'unix' : 'windows',
          });
          const records = await recordsOf(text);
          expect(records.slice(filler)).toEqual(
            written.map(cells => ({
              row: expect.any(Number),
              cells,
            })),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses the export at a broken quote in any slice of the parser, naming its row', async () => {
    // the parser reads 64 Ki characters at a time: row 6,002 is in its third
    const filler = Array.from(
      { length: 6000 },
      (_, i) => `Partner ${i},,,,active,,`,
    );
    const text = [
      HEADER.join(','),
      ...filler,
      '"Broken"x,,,,active,,',
      'After,,,,active,,',
    ].join('\n');
    expect(text.length).toBeGreaterThan(2 * 64 * 1024);
    await expect(recordsOf(text)).rejects.toThrow(
      'the export is not CSV (InvalidQuotes at row 6002)',
    );
    await expect(
      recordsOf(`${HEADER.join(',')}\n"Acme,,,,active,,`),
    ).rejects.toThrow('the export is not CSV (MissingQuotes at row 2)');
  });
});
