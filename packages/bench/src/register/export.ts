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
 * The register benchmark's export: a CRM export of partners as CSV, seeded
 * and deterministic, in the documented columns, with a few rows of each
 * kind a real export gets wrong.
 */

import { DAY, prng } from '../lib/prng';

const HEADER =
  'partner name,crm account,contract start,contract end,status,renewal date,commercial owner';

const WORDS = [
  'Ashcombe',
  'Bramble',
  'Cinder',
  'Corvid',
  'Drift',
  'Fenwick',
  'Glimmer',
  'Halloway',
  'Kelder',
  'Linden',
  'Meridale',
  'Oldharbor',
  'Pinemoor',
  'Quarry',
  'Salt',
  'Tidewell',
  'Wren',
  'Thorn',
  'Marlow',
  'Eastbrook',
];
const KINDS = [
  'Hosting',
  'Insight',
  'Referrals',
  'IT Services',
  'Integration Works',
  'Data Labs',
  'Consulting',
  'Support',
  'Cloud Partners',
  'Resale',
  'Managed Services',
  'Digital',
  'Commerce',
  'Systems',
  'Analytics',
];
const STATUSES = [
  'active',
  'active',
  'active',
  'renewing',
  'notice',
  'terminated',
  'expired',
];

/** The share of rows with a date the register cannot read. */
const BAD_DATE_SHARE = 0.01;
/** The share of rows that name a partner an earlier row names. */
const DUPLICATE_SHARE = 0.005;

const day = (days: number) => new Date(days * DAY).toISOString().slice(0, 10);

/** One row's cells, in the header's order. */
function rowOf(index: number, random: () => number, today: number): string[] {
  const pick = <T>(list: readonly T[]) =>
    list[Math.floor(random() * list.length)];
  const start = today - Math.floor(random() * 1500);
  const end = start + 365 + Math.floor(random() * 1100);
  const name = `${pick(WORDS)} ${pick(KINDS)} ${index}`;
  const quoted = random() < 0.05 ? `"${name}, Ltd"` : name;
  return [
    quoted,
    `KBP-${100000 + index}`,
    day(start),
    random() < BAD_DATE_SHARE ? '31/12/2027' : day(end),
    pick(STATUSES),
    random() < 0.7 ? day(end - 90) : '',
    `owner-${Math.floor(random() * 40)}@kestrelbay.example`,
  ];
}

/**
 * An export of `rows` partners: the header, then one line per partner, of
 * which about 1% has a date in another format and 0.5% repeats the first
 * partner's name (both refused, the others kept). Every `changedEvery`-th
 * row gets another status, as a later export of the same CRM would.
 */
export function registerExport(options: {
  rows: number;
  seed: number;
  now: string;
  changedEvery?: number;
}): string {
  const random = prng(options.seed);
  const today = Math.floor(Date.parse(options.now) / DAY);
  const lines = [HEADER];
  let first = '';
  for (let i = 0; i < options.rows; i++) {
    const cells = rowOf(i, random, today);
    if (i === 0) {
      first = cells[0];
    } else if (random() < DUPLICATE_SHARE) {
      cells[0] = first;
      cells[1] = `KBP-D${i}`;
    }
    if (options.changedEvery && i % options.changedEvery === 0) {
      cells[4] = cells[4] === 'notice' ? 'active' : 'notice';
    }
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}
