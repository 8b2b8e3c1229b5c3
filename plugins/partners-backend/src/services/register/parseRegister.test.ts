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

import fs from 'node:fs';
import path from 'node:path';
import {
  MAX_KEPT_ROW_ERRORS,
  parseRegister,
  type RegisterReadOptions,
} from './parseRegister';
import { REGISTER_COLUMNS } from './registerKeys';

const CSV: RegisterReadOptions = {
  format: 'csv',
  columns: { ...REGISTER_COLUMNS },
};
const JSON_FORMAT: RegisterReadOptions = { ...CSV, format: 'json' };

const HEADER =
  'partner name,crm account,contract start,contract end,status,renewal date,commercial owner';

const csv = (...lines: string[]) => Buffer.from([HEADER, ...lines].join('\n'));

/** A token of the shape GitHub issues, made here so no file holds one. */
const GITHUB_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}123456`;

describe('parseRegister', () => {
  it('reads a CSV export: every documented column, quoted values, the status as the kind names it', async () => {
    const parsed = await parseRegister(
      csv(
        'Acme Corp,KBP-1,2025-01-01,2027-12-31,active,2027-09-30,Dana Reyes',
        '"Marlow, Finch & Co",,2026-11-02,2027-11-01,Renewing,,',
        'Old Partner,KBP-3,,2025-04-30T00:00:00Z,terminated,,',
      ),
      CSV,
    );
    expect(parsed).toEqual({
      rows: [
        {
          row: 2,
          partnerName: 'Acme Corp',
          nameKey: 'acme-corp',
          crmAccount: 'KBP-1',
          contractStart: '2025-01-01',
          contractEnd: '2027-12-31',
          status: 'active',
          contractStatus: 'active',
          renewalDate: '2027-09-30',
          commercialOwner: 'Dana Reyes',
        },
        {
          row: 3,
          partnerName: 'Marlow, Finch & Co',
          nameKey: 'marlow-finch-co',
          contractStart: '2026-11-02',
          contractEnd: '2027-11-01',
          status: 'Renewing',
          contractStatus: 'active',
        },
        {
          row: 4,
          partnerName: 'Old Partner',
          nameKey: 'old-partner',
          crmAccount: 'KBP-3',
          contractEnd: '2025-04-30T00:00:00Z',
          status: 'terminated',
          contractStatus: 'terminated',
        },
      ],
      errors: [],
      refused: 0,
    });
  });

  it('reads a JSON export of objects keyed by the columns in any spelling', async () => {
    const parsed = await parseRegister(
      Buffer.from(
        `\uFEFF${JSON.stringify([
          {
            partnerName: 'Acme Corp',
            crm_account: 1093,
            'Contract Start': '2025-01-01',
            contractEnd: '2027-12-31',
            STATUS: 'notice',
            renewalDate: null,
            commercialOwner: 'Dana Reyes',
            notes: 'ignored, never stored',
          },
        ])}`,
      ),
      JSON_FORMAT,
    );
    expect(parsed.rows).toEqual([
      {
        row: 1,
        partnerName: 'Acme Corp',
        nameKey: 'acme-corp',
        crmAccount: '1093',
        contractStart: '2025-01-01',
        contractEnd: '2027-12-31',
        status: 'notice',
        contractStatus: 'notice',
        commercialOwner: 'Dana Reyes',
      },
    ]);
  });

  it('reads the columns under the headers config gives, in any order', async () => {
    const parsed = await parseRegister(
      Buffer.from(
        [
          'State,Account Name,Ends,Starts',
          'expired,Acme Corp,2025-12-31,2024-01-01',
        ].join('\r\n'),
      ),
      {
        format: 'csv',
        columns: {
          ...REGISTER_COLUMNS,
          partnerName: 'Account Name',
          contractStart: 'Starts',
          contractEnd: 'Ends',
          status: 'State',
        },
      },
    );
    expect(parsed.rows).toEqual([
      expect.objectContaining({
        partnerName: 'Acme Corp',
        contractStart: '2024-01-01',
        contractEnd: '2025-12-31',
        contractStatus: 'expired',
      }),
    ]);
  });

  it('refuses bad rows one by one, naming row and column and never the value, and keeps the others', async () => {
    const long = 'x'.repeat(254);
    const parsed = await parseRegister(
      csv(
        'Good One,KBP-1,2025-01-01,2027-12-31,active,,',
        ',KBP-2,2025-01-01,2027-12-31,active,,',
        'Bad Date,KBP-3,2025-01-01,30/06/2027,active,,',
        'Bad Status,KBP-4,2025-01-01,2027-12-31,paused,,',
        `${long},KBP-5,2025-01-01,2027-12-31,active,,`,
        'Backwards,KBP-6,2027-01-01,2025-12-31,active,,',
        `Leaky,KBP-7,2025-01-01,2027-12-31,active,,${GITHUB_TOKEN}`,
        'Good One Again,KBP-1,2025-01-01,2027-12-31,active,,',
        'GOOD ONE,KBP-9,2025-01-01,2027-12-31,active,,',
        'Too Few,KBP-10',
        '"Ctl\u0007Char",KBP-11,2025-01-01,2027-12-31,active,,',
        '---,KBP-12,2025-01-01,2027-12-31,active,,',
        'No Status,KBP-13,2025-01-01,2027-12-31,,,',
        'Good Two,KBP-14,,,expired,,',
      ),
      CSV,
    );
    expect(parsed.rows.map(row => row.partnerName)).toEqual([
      'Good One',
      'Good Two',
    ]);
    expect(parsed.refused).toBe(12);
    expect(parsed.errors).toEqual([
      { row: 3, column: 'partner name', message: 'is empty' },
      { row: 4, column: 'contract end', message: 'is not an ISO-8601 date' },
      {
        row: 5,
        column: 'status',
        message:
          'is none of active, renewing, notice, terminated, cancelled, expired',
      },
      {
        row: 6,
        column: 'partner name',
        message: 'is longer than 253 characters',
      },
      {
        row: 7,
        column: 'contract end',
        message: 'is before the contract start',
      },
      { row: 8, column: 'commercial owner', message: 'holds a secret value' },
      {
        row: 9,
        column: 'crm account',
        message: 'names the same CRM account as row 2; the first is kept',
      },
      {
        row: 10,
        column: 'partner name',
        message: 'names the same partner as row 2; the first is kept',
      },
      { row: 11, message: 'has 2 fields where the header has 7' },
      {
        row: 12,
        column: 'partner name',
        message: 'holds a control character',
      },
      {
        row: 13,
        column: 'partner name',
        message: 'holds no letter or digit',
      },
      { row: 14, column: 'status', message: 'is empty' },
    ]);
    expect(JSON.stringify(parsed.errors)).not.toContain(GITHUB_TOKEN);
  });

  it('names the column that holds a secret value, in any of the free-text columns, and the first of two', async () => {
    const url = 'https://svc:Sup3rS3cretPassw0rd@crm.internal.example/api';
    const parsed = await parseRegister(
      csv(
        `${GITHUB_TOKEN},KBP-1,,,active,,`,
        `Second,${GITHUB_TOKEN},,,active,,`,
        'Clean,,,,active,,',
        `Fourth,,,,active,,${url}`,
        `${GITHUB_TOKEN},,,,active,,${url}`,
        'Also Clean,KBP-6,,,active,,owner@example.com',
      ),
      CSV,
    );
    expect(parsed.rows.map(row => row.partnerName)).toEqual([
      'Clean',
      'Also Clean',
    ]);
    expect(parsed.errors).toEqual([
      { row: 2, column: 'partner name', message: 'holds a secret value' },
      { row: 3, column: 'crm account', message: 'holds a secret value' },
      { row: 5, column: 'commercial owner', message: 'holds a secret value' },
      { row: 6, column: 'partner name', message: 'holds a secret value' },
    ]);
    expect(JSON.stringify(parsed)).not.toMatch(/ghp_|Sup3rS3cret/);
  });

  it('refuses JSON entries that are not objects or hold values that are not text', async () => {
    const parsed = await parseRegister(
      Buffer.from(
        JSON.stringify([
          'Acme Corp',
          { 'partner name': 'Good', status: 'active' },
          { 'partner name': { nested: true }, status: 'active' },
          { 'partner name': 'Flag', status: true },
        ]),
      ),
      JSON_FORMAT,
    );
    expect(parsed.rows.map(row => row.partnerName)).toEqual(['Good']);
    expect(parsed.errors).toEqual([
      { row: 1, message: 'is not an object' },
      { row: 3, column: 'partner name', message: 'is not text' },
      { row: 4, column: 'status', message: 'is not text' },
    ]);
  });

  it('skips blank rows, counts rows as a spreadsheet does, and keeps the first 100 refusals of many', async () => {
    const bad = Array.from(
      { length: 150 },
      (_, i) => `Partner ${i},,2025-01-01,not-a-date,active,,`,
    );
    const parsed = await parseRegister(
      csv('', ',,,,,,', 'Kept,,,,active,,', ...bad),
      CSV,
    );
    expect(parsed.rows).toEqual([
      expect.objectContaining({ row: 4, partnerName: 'Kept' }),
    ]);
    expect(parsed.refused).toBe(150);
    expect(parsed.errors).toHaveLength(MAX_KEPT_ROW_ERRORS);
    expect(parsed.errors[0].row).toBe(5);
    expect(parsed.errors[99].row).toBe(104);
  });

  it('reads a value whose bytes straddle a 64 KiB boundary', async () => {
    // the boundary falls between the two bytes of the "ü" of the last row:
    // the export is decoded whole before the parser reads it a slice of
    // characters at a time
    const slice = 64 * 1024;
    let text = `${HEADER}\n`;
    for (let i = 0; Buffer.byteLength(text) + 200 < slice; i++) {
      text += `Filler ${i},,,,active,,\n`;
    }
    const padding = slice - 18 - Buffer.byteLength(text);
    text += `Pad${'d'.repeat(
      padding,
    )},,,,active,,\nZürich Partners,,,,active,,\n`;
    const content = Buffer.from(text);
    expect(content.subarray(0, slice).toString('utf8')).toMatch(/\nZ\uFFFD$/);
    const parsed = await parseRegister(content, CSV);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows[parsed.rows.length - 1].partnerName).toBe(
      'Zürich Partners',
    );
  }, 30_000);

  it.each([
    ['an empty export', '', 'csv', 'the export has no header row'],
    ['a header alone', HEADER, 'csv', 'the export lists no partners'],
    [
      'a missing column',
      'partner name,contract start,status\nAcme,2025-01-01,active',
      'csv',
      'the export has no column "contract end"',
    ],
    [
      'a doubled column',
      `${HEADER},Status\nAcme,,,,active,,,active`,
      'csv',
      'the export has more than one column "status"',
    ],
    [
      'an unclosed quote',
      `${HEADER}\n"Acme,,,,active,,`,
      'csv',
      'the export is not CSV (MissingQuotes at row 2)',
    ],
    [
      'text that is not JSON',
      '[{"partner name": "Acme',
      'json',
      'the export is not JSON',
    ],
    [
      'JSON that is not a list',
      '{"partners": []}',
      'json',
      'the export is not a JSON list of partners',
    ],
    ['an empty JSON list', '[]', 'json', 'the export lists no partners'],
    [
      'no row that can be kept',
      `${HEADER}\nAcme,,2025-01-01,31/12/2027,active,,\nBeta,,,,,,x`,
      'csv',
      'none of the 2 rows of the export could be kept; the first: row 2, contract end is not an ISO-8601 date',
    ],
  ])(
    'fails as a whole on %s, keeping nothing',
    async (_, text, format, message) => {
      await expect(
        parseRegister(Buffer.from(text), {
          ...CSV,
          format: format as 'csv' | 'json',
        }),
      ).rejects.toThrow(message);
    },
  );

  it('never quotes the export in a whole-file error', async () => {
    const text = `${HEADER}\n"${GITHUB_TOKEN}"x,,,,active,,`;
    const error = await parseRegister(Buffer.from(text), CSV).catch(e => e);
    expect(error.message).toBe(
      'the export is not CSV (InvalidQuotes at row 2)',
    );
    expect(error.message).not.toContain(GITHUB_TOKEN);
    const json = await parseRegister(
      Buffer.from(`[${GITHUB_TOKEN}]`),
      JSON_FORMAT,
    ).catch(e => e);
    expect(json.message).toBe('the export is not JSON');
  });

  it('reads the example register: 21 partners and the one row with a date it cannot read', async () => {
    const file = path.resolve(
      __dirname,
      '../../../../../examples/register/partners.csv',
    );
    const parsed = await parseRegister(fs.readFileSync(file), CSV);
    expect(parsed.rows).toHaveLength(21);
    expect(parsed.errors).toEqual([
      { row: 23, column: 'contract end', message: 'is not an ISO-8601 date' },
    ]);
  });
});
