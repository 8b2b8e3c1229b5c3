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
 * Load on one endpoint: autocannon in a child process of the read API
 * benchmark, off the servers' event loop.
 */

import { spawn } from 'node:child_process';
import { lastJsonLine, nodeArgs } from '../lib/child';

/** What one load run measured. */
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  bytesPerResponse: number;
}

/** The part of autocannon's interface the load run uses. */
interface AutocannonResult {
  requests: { total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  latency: { p50: number; p99: number; max: number };
  throughput: { total: number };
}

type Autocannon = (
  options: { url: string; connections: number; duration: number },
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

/**
 * In the child: autocannon against `url` with `concurrency` connections: a
 * one-second warm-up, then `seconds` measured. Prints the summary as one
 * JSON line.
 */
export async function loadChild(options: {
  url: string;
  concurrency: number;
  seconds: number;
}): Promise<void> {
  // Only the load child needs autocannon; it ships no type declarations.
  const autocannon: Autocannon = require('autocannon');
  const run = (opts: { url: string; connections: number; duration: number }) =>
    new Promise<AutocannonResult>((resolve, reject) => {
      autocannon(opts, (error, result) =>
        error ? reject(error) : resolve(result),
      );
    });
  const base = { url: options.url, connections: options.concurrency };
  await run({ ...base, duration: 1 });
  const result = await run({ ...base, duration: options.seconds });
  const summary: LoadResult = {
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
    seconds: result.duration,
    // total over the measured time: autocannon's per-second average
    // misses seconds when the machine starves its sampler
    rps: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    bytesPerResponse: Math.round(
      result.throughput.total / Math.max(1, result.requests.total),
    ),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

/** One load run on `url` in a child process of the benchmark. */
export function runLoad(
  url: string,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      nodeArgs(require.resolve('./index'), [
        '--child',
        'load',
        '--url',
        url,
        '--concurrency',
        String(concurrency),
        '--seconds',
        String(seconds),
      ]),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    child.on('exit', code => {
      if (code !== 0) {
        reject(new Error(`load child exited ${code}: ${err}`));
      } else {
        resolve(lastJsonLine(out));
      }
    });
  });
}
