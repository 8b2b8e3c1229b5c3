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
 * Benchmark of `partners report` against a raw YAML parse of the same files.
 *
 *   yarn bench:cli [--partners 10000] [--integrations 2] [--identities 5]
 *                  [--reps 5] [--seed 1] [--now 2026-11-28] [--out file.json]
 *                  [--breakdown] [--keep]
 *
 * It writes a seeded, deterministic estate (one multi-document YAML file per
 * partner holding the Partner and its integrations, plus one file of groups
 * and users) into a temporary directory, then measures, alternating, several
 * repetitions of
 *   (a) baseline: read every file and parse its documents raw (js-yaml's
 *                 loadAll with its core schema, as the shared reader parses);
 *   (b) report:   `partners report <dir> --format json` in-process (runCli,
 *                 output to a byte-counting sink), on the threads it picks;
 *   (c) the same report with `--threads 1`.
 * It prints the median wall times, throughput, the report/baseline ratio and
 * the peak RSS of each, measured once more in a separate child process each.
 * --breakdown also times the stages of the report on their own.
 */

import { runChild } from './child';
import { parse } from './options';

async function run() {
  const options = parse(process.argv.slice(2));
  if (options.child) {
    await runChild({ ...options, child: options.child });
    return;
  }
  // A child measures one operation: the others' modules load here.
  const { main }: typeof import('./main') = require('./main');
  await main(options);
}

run().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
