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
 * Benchmark of the secret guard on adversarial values.
 *
 *   yarn bench:guard [--bytes 1000000] [--reps 5]
 *
 * For each value of about --bytes characters built to hit a rule's hint or a
 * pattern's worst case (repeated hints, `://` without a host, base64 runs,
 * unclosed JSON, a long run of the characters a quantifier takes), it times
 * the guard's findSecrets on a document holding the value, at that size and
 * at twice that size, and, in the same run, the baseline: the guard on a
 * benign value of the same size (prose). It prints the medians, the ratio to
 * the baseline, and the scaling from one size to twice it (2 for a linear
 * cost, 4 for a quadratic one).
 */

import { findSecrets } from '@partner-governance/plugin-partners-node';
import { median, time } from '../lib/timing';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

/** A value of `bytes` characters repeating `unit`. */
const repeat = (unit: string, bytes: number) =>
  unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

const ADVERSARIAL: Array<[string, (bytes: number) => string]> = [
  ['one character repeated', b => repeat('a', b)],
  ['token prefixes repeated', b => repeat('ghp_AKIAxoxb-sk-npm_hvs.SG.', b)],
  ['a URL scheme without a host', b => repeat('a://', b)],
  ['user:pass without an @', b => repeat('https://u:p', b)],
  ['an @ in every authority', b => repeat('s://a@', b)],
  ['JWT-like runs without a dot', b => repeat('eyJ-', b)],
  ['a base64 run', b => repeat('QUJDREVGR0g', b)],
  ['base64 runs of 40', b => repeat(`${'Q'.repeat(40)} `, b)],
  ['unclosed JSON', b => `{"password": "${repeat('x', b - 16)}`],
  ['PEM headers without a key', b => repeat('-----BEGIN ', b)],
  ['connection-string keys', b => repeat('Password=;AccountKey=;sig=', b)],
  ['a YAML tag run in an error', b => repeat('!<!<', b)],
];

async function run() {
  const bytes = flag('bytes', 1_000_000);
  const reps = flag('reps', 5);
  const prose = (b: number) =>
    repeat('The partner rotates its orders client every ninety days. ', b);
  process.stdout.write(
    `secret guard on adversarial values of ${bytes} characters, ${reps} reps, node ${process.version}\n`,
  );
  const rows: Array<Record<string, string | number>> = [];
  const medianOf = async (value: string) => {
    const document = { spec: { notes: value } };
    await findSecrets(document); // warm-up
    const runs: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      runs.push((await time(() => findSecrets(document))).ms);
    }
    return median(runs);
  };
  const baselineMs = await medianOf(prose(bytes));
  for (const [name, build] of ADVERSARIAL) {
    const guardMs = await medianOf(build(bytes));
    const doubleMs = await medianOf(build(2 * bytes));
    rows.push({
      value: name,
      guardMs: Number(guardMs.toFixed(1)),
      msPerMb: Number(((guardMs * 1e6) / bytes).toFixed(1)),
      ratio: Number((guardMs / baselineMs).toFixed(2)),
      scaling: Number((doubleMs / guardMs).toFixed(2)),
    });
  }
  process.stdout.write(
    `baseline: the guard on ${bytes} characters of prose, ${baselineMs.toFixed(
      1,
    )} ms\n`,
  );
  for (const row of rows) {
    process.stdout.write(
      `${String(row.value).padEnd(32)} ${String(row.guardMs).padStart(
        6,
      )} ms  (${String(row.msPerMb).padStart(5)} ms/MB)  ratio to prose ${
        row.ratio
      }x  twice the size: ${row.scaling}x the time\n`,
    );
  }
  const worst = Math.max(...rows.map(row => Number(row.msPerMb)));
  process.stdout.write(
    `worst: ${worst} ms per MB (goal: a 1 MB value in at most 50 ms: ${
      worst <= 50 ? 'met' : 'NOT met'
    })\n${JSON.stringify({
      benchmark: 'secret guard',
      bytes,
      reps,
      baselineMs,
      rows,
    })}\n`,
  );
}

run().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
