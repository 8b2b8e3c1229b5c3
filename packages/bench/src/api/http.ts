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
 * The read API benchmark's client side: GETs one at a time over a
 * keep-alive connection, and alternating timed fetchers.
 */

import http from 'node:http';
import { median, msSince, quantile } from '../lib/timing';

/** GET over node:http: status, body text and its size in bytes. */
function httpGet(
  url: string,
  agent: http.Agent,
): Promise<{ status?: number; text: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, res => {
      const chunks: Buffer[] = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode,
          text: body.toString('utf8'),
          bytes: body.length,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** The page size the benchmark asks for, and the bare endpoints' default. */
export const LIMIT = 25;

const clientAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** A 200 response's JSON body and its size in bytes; anything else throws. */
export async function getJson<T>(
  url: string,
): Promise<{ body: T; bytes: number }> {
  const res = await httpGet(url, clientAgent);
  if (res.status !== 200) {
    throw new Error(`GET ${url}: ${res.status} ${res.text.slice(0, 500)}`);
  }
  return { body: JSON.parse(res.text), bytes: res.bytes };
}

/** `fn`'s wall time in ms (no GC first) and its result. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: msSince(t0), result };
}

/** Median and p99 of one fetcher's times. */
export interface LatencyStat {
  medianMs: number;
  p99Ms: number;
  n: number;
}

/** Alternates the fetchers, `n` times each, one at a time: median and p99 per fetcher. */
export async function alternate(
  fetchers: Array<() => Promise<unknown>>,
  n: number,
): Promise<LatencyStat[]> {
  const times: number[][] = fetchers.map(() => []);
  for (let i = 0; i < n; i++) {
    const order = i % 2 ? [...fetchers.keys()].reverse() : [...fetchers.keys()];
    for (const f of order) {
      times[f].push((await timed(fetchers[f])).ms);
    }
  }
  return times.map(list => ({
    medianMs: Number(median(list).toFixed(2)),
    p99Ms: Number(quantile(list, 0.99).toFixed(2)),
    n: list.length,
  }));
}
