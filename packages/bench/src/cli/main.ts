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
 * The CLI benchmark: the estate, the check that the report reads it as
 * expected, the alternating repetitions, the child processes, the table.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, loadAverage, log, printResult, table } from '../lib/output';
import { median, time } from '../lib/timing';
import { breakdown } from './breakdown';
import { measureChild, type Operation } from './child';
import { generateEstate, type CliEstate } from './estate';
import { baseline, report } from './operations';
import type { CliBenchOptions } from './options';

/** What the repetitions time: the two operations, and the report on one thread. */
type Timed = Operation | 'oneThread';
const TIMED: Timed[] = ['baseline', 'report', 'oneThread'];
const LABELS: Record<Timed, string> = {
  baseline: '(a) read + raw js-yaml parse',
  report: '(b) partners report --format json',
  oneThread: '(c) the same, --threads 1',
};

/**
 * Warm-up, and a check that the estate is what we think it is: the
 * report's findings by rule.
 */
async function check(estate: CliEstate, now: string) {
  const checked = await report(estate.dir, estate.config, now, {
    keepOutput: true,
  });
  const parsed: {
    entities: number;
    errors: unknown[];
    findings: Array<{ ruleId: string }>;
  } = JSON.parse(checked.output ?? '');
  if (parsed.errors.length > 0 || parsed.entities !== estate.documents) {
    throw new Error(
      `Unexpected report: ${parsed.entities} entities, ${
        parsed.errors.length
      } errors, first: ${JSON.stringify(parsed.errors[0])}`,
    );
  }
  const base = await baseline(estate.dir);
  if (base.documents !== estate.documents) {
    throw new Error(
      `Baseline parsed ${base.documents} documents, expected ${estate.documents}`,
    );
  }
  const findingsByRule: Record<string, number> = {};
  for (const f of parsed.findings)
    findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
  log(
    `  report: ${parsed.findings.length} findings over ${
      Object.keys(findingsByRule).length
    } rules, ${fmt(checked.bytes / 1e6, 1)} MB of JSON`,
  );
  return { findings: parsed.findings.length, findingsByRule };
}

export async function main(options: CliBenchOptions): Promise<void> {
  const startLoad = loadAverage();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'partners-bench-'));
  try {
    log(
      `Generating ${options.partners} partners x ${options.integrations} integrations x ${options.identities} identities (seed ${options.seed}) in ${root}`,
    );
    const genStart = Date.now();
    const estate = generateEstate(root, options);
    log(
      `  ${estate.files} files, ${estate.documents} documents, ${
        estate.identities
      } identities, ${fmt(estate.bytes / 1e6, 1)} MB in ${fmt(
        (Date.now() - genStart) / 1000,
        1,
      )} s`,
    );
    const { findings, findingsByRule } = await check(estate, options.now);

    const times: Record<Timed, number[]> = {
      baseline: [],
      report: [],
      oneThread: [],
    };
    for (let rep = 0; rep < options.reps; rep++) {
      // Rotate which goes first, so none always runs on a warmer heap.
      const order = TIMED.map((_, i) => TIMED[(i + rep) % TIMED.length]);
      for (const mode of order) {
        const { ms } = await time<unknown>(() =>
          mode === 'baseline'
            ? baseline(estate.dir)
            : report(estate.dir, estate.config, options.now, {
                threads: mode === 'oneThread' ? 1 : undefined,
              }),
        );
        times[mode].push(ms);
        log(`  rep ${rep + 1}/${options.reps} ${mode.padEnd(8)} ${fmt(ms)} ms`);
      }
    }

    log('  peak RSS: one child process each');
    const child = {
      baseline: measureChild('baseline', estate, options.now),
      report: measureChild('report', estate, options.now),
    };

    const stages = options.breakdown
      ? await breakdown(estate, options)
      : undefined;

    const results = Object.fromEntries(
      TIMED.map(mode => {
        const med = median(times[mode]);
        return [
          mode,
          {
            medianMs: Math.round(med),
            minMs: Math.round(Math.min(...times[mode])),
            maxMs: Math.round(Math.max(...times[mode])),
            identitiesPerSec: Math.round(estate.identities / (med / 1000)),
            documentsPerSec: Math.round(estate.documents / (med / 1000)),
            mbPerSec: Number((estate.bytes / 1e6 / (med / 1000)).toFixed(2)),
            ...(mode !== 'oneThread' && {
              childMs: Math.round(child[mode].ms),
              childRssBeforeMb: Math.round(child[mode].rssBeforeKb / 1024),
              childPeakRssMb: Math.round(child[mode].maxRssKb / 1024),
            }),
          },
        ];
      }),
    ) as Record<Timed, OperationResult>;
    const goal = 2;
    const ratioOf = (mode: Timed) =>
      Number((results[mode].medianMs / results.baseline.medianMs).toFixed(2));
    const ratio = ratioOf('report');
    const oneThreadRatio = ratioOf('oneThread');
    const result = {
      benchmark: 'partners-cli report vs raw YAML parse',
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverageAtStart: startLoad,
      loadAverageAtEnd: loadAverage(),
      partners: options.partners,
      integrationsPerPartner: options.integrations,
      identitiesPerIntegration: options.identities,
      seed: options.seed,
      now: options.now,
      files: estate.files,
      documents: estate.documents,
      identities: estate.identities,
      megabytes: Number((estate.bytes / 1e6).toFixed(2)),
      findings,
      findingsByRule,
      reps: options.reps,
      results,
      ratio,
      oneThreadRatio,
      goal,
      ...(stages && {
        breakdownMs: Object.fromEntries(
          Object.entries(stages).map(([k, v]) => [k, Math.round(v)]),
        ),
      }),
    };

    const out = [
      '',
      `${fmt(estate.files)} files, ${fmt(estate.documents)} documents, ${fmt(
        estate.identities,
      )} identities, ${fmt(estate.bytes / 1e6, 1)} MB; ${
        options.reps
      } alternating reps; node ${process.version}, ${os.cpus().length} CPUs`,
      table([
        [
          '',
          'median ms',
          'min ms',
          'max ms',
          'identities/s',
          'documents/s',
          'MB/s',
          'peak RSS MB',
        ],
        ...TIMED.map(mode => {
          const r = results[mode];
          return [
            LABELS[mode],
            fmt(r.medianMs),
            fmt(r.minMs),
            fmt(r.maxMs),
            fmt(r.identitiesPerSec),
            fmt(r.documentsPerSec),
            fmt(r.mbPerSec, 1),
            r.childPeakRssMb === undefined ? '' : fmt(r.childPeakRssMb),
          ];
        }),
      ]),
      `ratio report / baseline: ${ratio}x (goal <= ${goal}x: ${
        ratio <= goal ? 'met' : 'NOT met'
      }); on one thread ${oneThreadRatio}x`,
    ];
    if (stages) {
      out.push('', 'breakdown of the report (each stage on its own, ms):');
      out.push(table(Object.entries(stages).map(([k, v]) => [k, fmt(v)])));
    }
    printResult(out, result, options.out);
  } finally {
    if (options.keep) {
      log(`kept ${root}`);
    } else {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}

/** The figures of one operation. */
interface OperationResult {
  medianMs: number;
  minMs: number;
  maxMs: number;
  identitiesPerSec: number;
  documentsPerSec: number;
  mbPerSec: number;
  /** Measured once more in a child process of its own (not for oneThread). */
  childMs?: number;
  childRssBeforeMb?: number;
  childPeakRssMb?: number;
}
