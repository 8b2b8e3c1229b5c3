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
 * Output of the benchmarks: numbers, aligned tables, the machine a result
 * was measured on, progress on stderr.
 */

import fs from 'node:fs';
import os from 'node:os';

export function fmt(n: number, digits = 0): string {
  return Number(n).toLocaleString('en-US', {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

/** Rows of cells as aligned columns: the first left-aligned, the rest right. */
export function table(rows: Array<Array<string | number>>): string {
  const widths = rows[0].map((_, c) =>
    Math.max(...rows.map(r => String(r[c]).length)),
  );
  return rows
    .map(r =>
      r
        .map((cell, c) =>
          c === 0
            ? String(cell).padEnd(widths[c])
            : String(cell).padStart(widths[c]),
        )
        .join('  '),
    )
    .join('\n');
}

/** The load average, to two decimals. */
export function loadAverage(): number[] {
  return os.loadavg().map(n => Number(n.toFixed(2)));
}

/** What a result was measured on. */
export function machine() {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    loadAverage: loadAverage(),
  };
}

/** A line of progress on stderr. */
export function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** Prints the result's table and JSON line; writes the JSON to `out` if given. */
export function printResult(
  lines: string[],
  result: object,
  out: string | undefined,
): void {
  process.stdout.write(`${lines.join('\n')}\n\n${JSON.stringify(result)}\n`);
  if (out) {
    fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  }
}
