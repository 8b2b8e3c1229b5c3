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

import type { RegisterRow } from '../services/register/registerKeys';
import { changesBetween, rowsOfSnapshot, snapshotOf } from './registerSnapshot';
import { registerRow } from '../__testUtils__/registerRows';

const row = registerRow;

const snap = (rows: RegisterRow[]) => snapshotOf(rows).snapshot;
const lines = (rows: RegisterRow[]) => snapshotOf(rows).lines;

const ACME = row('Acme Corp', {
  crmAccount: 'KBP-1',
  contractStart: '2025-01-01',
  contractEnd: '2027-12-31',
  renewalDate: '2027-09-30',
  commercialOwner: 'Dana "D" Reyes\nSales',
});
const BETA = row('Beta', { row: 3 });
const GAMMA = row('Gamma', { row: 4 });

describe('the register snapshot', () => {
  it('keeps rows whole and in order, with no field for what a row leaves empty', () => {
    const snapshot = snap([ACME, BETA]);
    // one line per row, whatever the text holds
    expect(snapshot.split('\n')).toHaveLength(2);
    expect(rowsOfSnapshot(snapshot)).toEqual([ACME, BETA]);
    expect(rowsOfSnapshot(snapshot)[1]).not.toHaveProperty('crmAccount');
    expect(rowsOfSnapshot(snap([]))).toEqual([]);
    expect(rowsOfSnapshot(null)).toEqual([]);
  });

  it('leaves out a line that is not a row', () => {
    const snapshot = [
      snap([ACME]),
      '{"nameKey":"x"}',
      '["too","short"]',
      'not json',
      snap([BETA]),
    ].join('\n');
    expect(rowsOfSnapshot(snapshot)).toEqual([ACME, BETA]);
  });

  it('counts what changed by partner: new, changed, gone, and nothing for the same rows', async () => {
    const before = snap([ACME, BETA, GAMMA]);
    expect(await changesBetween(null, lines([ACME, BETA, GAMMA]))).toEqual({
      inserted: 3,
      updated: 0,
      deleted: 0,
    });
    expect(await changesBetween(before, lines([ACME, BETA, GAMMA]))).toEqual({
      inserted: 0,
      updated: 0,
      deleted: 0,
    });
    const after = lines([
      { ...ACME, status: 'terminated', contractStatus: 'terminated' },
      // the same fields at another row number is a change
      { ...GAMMA, row: 3 },
      row('Delta', { row: 4 }),
    ]);
    expect(await changesBetween(before, after)).toEqual({
      inserted: 1,
      updated: 2,
      deleted: 1,
    });
    // the same lines at other places are the same rows
    expect(await changesBetween(before, lines([GAMMA, ACME]))).toEqual({
      inserted: 0,
      updated: 0,
      deleted: 1,
    });
    expect(await changesBetween(before, [])).toEqual({
      inserted: 0,
      updated: 0,
      deleted: 3,
    });
  });

  it('compares registers larger than one slice of the event loop', async () => {
    const rows = Array.from({ length: 4500 }, (_, i) =>
      row(`P ${i}`, { row: i + 2 }),
    );
    const changed = rows.map((r, i) =>
      i % 20 === 0
        ? { ...r, status: 'notice', contractStatus: 'notice' as const }
        : r,
    );
    expect(await changesBetween(snap(rows), lines(changed))).toEqual({
      inserted: 0,
      updated: 225,
      deleted: 0,
    });
  });
});
