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
 * The portal benchmark's table, and its JSON in --out.
 */

import fs from 'node:fs';
import path from 'node:path';
import { fmt, log, table } from '../lib/output';
import { GOALS, type TableResult } from './measure';

/** The figures of the report's header lines; the rest goes to the JSON. */
interface UiResult {
  node: string;
  cpus: number;
  cpuModel?: string;
  loadAverageAtStart: number[];
  loadAverageAtEnd: number[];
  browser: string;
  build: string;
  database: string;
  partners: number;
  identities: number;
  findings: number;
  accessReviews: number;
  guestPendingReviews: number;
  tables: Record<string, TableResult>;
}

/** Prints the table and writes the JSON (every sample) to `out`. */
export function report(result: UiResult, out: string): void {
  const tables = Object.values(result.tables);
  const rows = [
    [
      '',
      'switches',
      'rendered median',
      'p95',
      'commit median',
      'API median',
      'p95',
      'overhead',
      'switch / API',
      'tr in DOM (max)',
    ],
    ...tables.map(t => [
      t.table,
      t.switches,
      `${fmt(t.rendered.medianMs, 1)} ms`,
      `${fmt(t.rendered.p95Ms, 1)} ms`,
      `${fmt(t.commit.medianMs, 1)} ms`,
      `${fmt(t.api.medianMs, 1)} ms`,
      `${fmt(t.api.p95Ms, 1)} ms`,
      `${fmt(t.overheadMs, 1)} ms`,
      `${t.ratio}x`,
      t.maxRows,
    ]),
  ];
  const breakdown = [
    [
      'medians, in the switch',
      'click to fetch start',
      'fetch',
      'response to commit',
      'commit to rendered',
    ],
    ...tables.map(t => [
      t.table,
      t.fetchStart ? `${fmt(t.fetchStart.medianMs, 1)} ms` : '',
      t.apiInSwitch ? `${fmt(t.apiInSwitch.medianMs, 1)} ms` : '',
      t.afterResponse ? `${fmt(t.afterResponse.medianMs, 1)} ms` : '',
      `${fmt(t.commitToRendered.medianMs, 1)} ms`,
    ]),
  ];
  const lines = [
    '',
    `${fmt(result.partners)} partners, ${fmt(
      result.identities,
    )} identities, ${fmt(result.findings)} open findings, ${fmt(
      result.accessReviews,
    )} access reviews (${fmt(
      result.guestPendingReviews,
    )} pending for the guest's team); ${result.database}; ${result.browser}; ${
      result.build
    }`,
    `node ${result.node}, ${result.cpus} CPUs (${
      result.cpuModel
    }); load average ${result.loadAverageAtStart.join(
      ' / ',
    )} at start, ${result.loadAverageAtEnd.join(' / ')} at end`,
    '',
    table(rows),
    '',
    table(breakdown),
    '',
    ...tables.map(
      t =>
        `${t.table}: p95 ${fmt(t.rendered.p95Ms, 1)} ms (goal <= ${
          GOALS.switchMs
        } ms: ${t.goalMet.switch ? 'met' : 'NOT met'}), at most ${
          t.maxRows
        } tr in the DOM (goal <= ${GOALS.maxRows}: ${
          t.goalMet.rows ? 'met' : 'NOT met'
        })`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n\n`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  log(`results written to ${path.relative(process.cwd(), out)}`);
}
