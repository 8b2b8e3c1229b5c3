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

import type { EvidencePack } from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { ACME, ACME_API, SECRET_REFS } from './__testUtils__/evidenceEstate';
import { evidenceRouter } from './__testUtils__/evidenceRouter';
import { EVIDENCE_CSV_COLUMNS } from './services/evidenceCsv';

jest.setTimeout(90_000);

/** Cells of a CSV file (RFC 4180: quoted fields, doubled quotes, newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        value += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        value += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(value);
      value = '';
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      if (c === '\r') {
        i += 1;
      }
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else {
      value += c;
    }
  }
  if (value || row.length) {
    row.push(value);
    rows.push(row);
  }
  return rows;
}

describe('evidence pack route', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = evidenceRouter(databases, databaseId);
    const { get, exported } = fx;

    it('exports one CSV file that parses back, with a stable column set and no formula cells', async () => {
      const json: EvidencePack = await (await get('acme')).json();
      const response = await get('acme', '?format=csv');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        'text/csv; charset=utf-8',
      );
      expect(response.headers.get('content-disposition')).toBe(
        'attachment; filename="acme-evidence-2026-11-30.csv"',
      );
      const text = await response.text();
      for (const secretRef of SECRET_REFS) {
        expect(text).not.toContain(secretRef);
      }

      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual([...EVIDENCE_CSV_COLUMNS]);
      for (const row of rows) {
        expect(row).toHaveLength(EVIDENCE_CSV_COLUMNS.length);
      }
      const records = rows.map(row =>
        Object.fromEntries(header.map((column, i) => [column, row[i]])),
      );
      const count = (section: string) =>
        records.filter(r => r.section === section).length;
      expect(count('partner')).toBe(1);
      expect(count('ownership')).toBe(json.ownership.length);
      expect(count('integration')).toBe(2);
      expect(count('identity')).toBe(4);
      expect(count('review')).toBe(2);
      expect(count('exception')).toBe(2);
      expect(count('offboarding-checklist')).toBe(1);
      expect(count('offboarding-item')).toBe(2);
      expect(count('finding')).toBe(4);
      expect(count('framework')).toBe(json.frameworks.length);
      expect(
        records
          .filter(r => r.section === 'scorecard')
          .map(r => [r.title, r.count]),
      ).toEqual([
        ['control adherence', `${json.scorecard.controlAdherence.passing}`],
        ['usage', '1'],
        ['open exceptions', '1'],
        ['incidents last year', '1'],
      ]);
      // the seeded events, then the JSON export just before
      expect(
        records.filter(r => r.section === 'audit-event').map(r => r.type),
      ).toEqual(['review.decided', 'exception.approved', 'evidence.exported']);
      expect(records).toHaveLength(
        1 +
          json.ownership.length +
          2 +
          4 +
          2 +
          2 +
          1 +
          2 +
          4 +
          json.frameworks.length +
          4 +
          3,
      );

      // no cell starts with a character a spreadsheet runs
      for (const row of rows) {
        for (const value of row) {
          expect(value).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
      const partner = records.find(r => r.section === 'partner')!;
      expect(partner).toMatchObject({
        ref: ACME,
        title: 'Acme Corp',
        stage: 'offboarding',
        tier: 'high',
        message: "'+44 20 7946 0000",
      });
      expect(
        records.find(
          r => r.section === 'finding' && r.rule_id === 'owner-missing',
        ),
      ).toMatchObject({
        status: 'open',
        severity: 'high',
        message: `'=HYPERLINK("http://evil.example","click")`,
        frameworks: 'GV.SC-02;GV.RR-02;CIS 5.5',
      });
      expect(
        records.find(
          r => r.section === 'offboarding-item' && r.type === 'close',
        ),
      ).toMatchObject({ comment: `'@SUM(1+1)*cmd|"/C calc"!A0` });
      expect(
        records.find(r => r.section === 'review' && r.id === '1'),
      ).toMatchObject({
        status: 'revoked',
        comment: "'-revoke the admin account",
        decided_by: 'user:default/jane',
      });
      expect(
        records.find(
          r => r.section === 'identity' && r.identity === 'acme-api-key',
        ),
      ).toMatchObject({
        integration: ACME_API,
        type: 'api-key',
        status: 'active',
        owner: 'group:default/payments',
        scopes: 'orders:read;orders:write',
        privileged: 'false',
        expires: '2026-12-31',
      });

      expect((await exported()).map(e => JSON.parse(e.after))).toEqual([
        { format: 'json' },
        { format: 'csv' },
      ]);
    });
  });
});
