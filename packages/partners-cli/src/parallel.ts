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
 * Reading and checking many files on several threads. The files are cut
 * into chunks; this thread and its workers each take the next chunk from a
 * shared counter until none is left, so a worker that starts late or a
 * slower chunk does not hold the others up. A worker sends each chunk back
 * as JSON text, which this thread parses several times faster than it would
 * take the same documents by structured clone. The result is the one
 * validateFiles gives on one thread, in the same order.
 */

import { availableParallelism } from 'node:os';
import {
  Worker,
  isMainThread,
  parentPort,
  workerData,
} from 'node:worker_threads';
import { validateFiles, type CheckedFiles } from './validateFiles';

/**
 * Below this many files a worker costs more than it saves: starting one and
 * loading its modules takes about 300 ms (two threads were measured slower
 * than one under about 4,000 files).
 */
const PARALLEL_MIN_FILES = 5000;
const MAX_THREADS = 4;
/**
 * A chunk is 1 / (threads × CHUNK_SHARE) of the files left, and at least
 * MIN_CHUNK_FILES: smaller chunks balance better, and each costs a call of
 * secretlint.
 */
const CHUNK_SHARE = 4;
const MIN_CHUNK_FILES = 100;

/** What a worker is given, under this marker in its workerData. */
const WORKER_MARKER = 'partnersCliValidateFiles';

interface WorkerInput {
  files: readonly string[];
  /** Where each chunk starts in `files`, and where the last one ends. */
  bounds: number[];
  /** An Int32Array's buffer: the next chunk to take. */
  next: SharedArrayBuffer;
}

/** A worker's message: one chunk checked, or all its chunks sent. */
type WorkerMessage =
  | { chunk: number; json: string }
  | { chunk: number; checked: CheckedFiles }
  | { done: true };

/** The threads to use for this many files, this one included. */
export function defaultThreads(files: number): number {
  return files < PARALLEL_MIN_FILES
    ? 1
    : Math.min(availableParallelism(), MAX_THREADS);
}

/**
 * Cuts `count` files into chunks that get smaller towards the end, so that
 * the threads finish close together: each takes a share of what is left.
 */
function chunkBounds(
  count: number,
  threads: number,
  minChunkFiles: number,
): number[] {
  const bounds = [0];
  for (let start = 0; start < count; ) {
    const size = Math.max(
      minChunkFiles,
      Math.ceil((count - start) / (threads * CHUNK_SHARE)),
    );
    start = Math.min(count, start + size);
    bounds.push(start);
  }
  return bounds;
}

/** Takes chunks off the shared counter until none is left. */
async function takeChunks(
  input: WorkerInput,
  check: (chunk: number, files: string[]) => Promise<void>,
) {
  const next = new Int32Array(input.next);
  const { files, bounds } = input;
  for (
    let chunk = Atomics.add(next, 0, 1);
    chunk < bounds.length - 1;
    chunk = Atomics.add(next, 0, 1)
  ) {
    await check(chunk, files.slice(bounds[chunk], bounds[chunk + 1]));
  }
}

/**
 * Whether JSON would change a value: it writes non-finite numbers as null
 * and -0 as 0 (YAML's `.inf`, `.nan` and `-0`).
 */
function changedByJson(value: unknown): boolean {
  if (typeof value === 'number') {
    return !Number.isFinite(value) || Object.is(value, -0);
  }
  if (value === null || typeof value !== 'object') {
    return false;
  }
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    if (changedByJson(child)) {
      return true;
    }
  }
  return false;
}

/** In a worker: check chunks and send each back, then say so. */
async function serveChunks(port: NonNullable<typeof parentPort>) {
  await takeChunks(workerData[WORKER_MARKER], async (chunk, files) => {
    let checked: CheckedFiles;
    try {
      checked = await validateFiles(files);
    } catch {
      // Not sent: the main thread checks the chunk again and throws there.
      return;
    }
    const message: WorkerMessage = checked.documents.some(d =>
      changedByJson(d.entity),
    )
      ? { chunk, checked }
      : { chunk, json: JSON.stringify(checked) };
    port.postMessage(message);
  });
  port.postMessage({ done: true } satisfies WorkerMessage);
}

if (!isMainThread && parentPort && workerData?.[WORKER_MARKER]) {
  void serveChunks(parentPort);
}

/**
 * The worker's program: this module, through Backstage's TypeScript
 * transform when it runs from source.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
if (workerData.transform) require(workerData.transform);
require(workerData.module);
`;

/** Starts a worker; resolves once it has sent every chunk it took, or died. */
function startWorker(
  input: WorkerInput,
  onChunk: (chunk: number, checked: CheckedFiles) => void,
): { worker: Worker; finished: Promise<void> } {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      module: __filename,
      transform: __filename.endsWith('.ts')
        ? require.resolve('@backstage/cli/config/nodeTransform.cjs')
        : undefined,
      [WORKER_MARKER]: input,
    },
  });
  const finished = new Promise<void>(resolve => {
    worker.on('message', (message: WorkerMessage) => {
      if ('done' in message) {
        resolve();
      } else {
        onChunk(
          message.chunk,
          'json' in message ? JSON.parse(message.json) : message.checked,
        );
      }
    });
    // A worker that fails leaves its chunks to this thread.
    worker.on('error', () => resolve());
    worker.on('exit', () => resolve());
  });
  return { worker, finished };
}

/** How {@link validateFilesInParallel} shares the files out. */
export interface ParallelOptions {
  /** Threads, this one included; one starts no worker. */
  threads: number;
  /** The smallest chunk, in files. */
  minChunkFiles?: number;
  /**
   * Whether this thread checks chunks too. When false the workers check
   * them all (and this thread only what they did not send back).
   */
  checkHere?: boolean;
}

/**
 * validateFiles on several threads: the same documents and errors in the
 * same order. A chunk a worker did not send back (it failed, or could not
 * start) is checked on this thread, so that its error is thrown here.
 */
export async function validateFilesInParallel(
  files: readonly string[],
  options: ParallelOptions,
): Promise<CheckedFiles> {
  const { minChunkFiles = MIN_CHUNK_FILES, checkHere = true } = options;
  const bounds = chunkBounds(files.length, options.threads, minChunkFiles);
  // No more threads than chunks.
  const workers = Math.min(options.threads, bounds.length - 1) - 1;
  if (workers < 1) {
    return validateFiles(files);
  }
  const input: WorkerInput = {
    files,
    bounds,
    next: new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT),
  };
  const results: Array<CheckedFiles | undefined> = [];
  const started = Array.from({ length: workers }, () =>
    startWorker(input, (chunk, checked) => {
      results[chunk] = checked;
    }),
  );
  try {
    if (checkHere) {
      await takeChunks(input, async (chunk, chunkFiles) => {
        results[chunk] = await validateFiles(chunkFiles);
        // Take the chunks the workers sent meanwhile: parsing them here makes
        // this thread take fewer chunks, so the threads still finish together.
        await new Promise(resolve => setImmediate(resolve));
      });
    }
    await Promise.all(started.map(s => s.finished));
    for (let chunk = 0; chunk < bounds.length - 1; chunk++) {
      results[chunk] ??= await validateFiles(
        files.slice(bounds[chunk], bounds[chunk + 1]),
      );
    }
  } finally {
    await Promise.all(started.map(s => s.worker.terminate()));
  }
  return {
    documents: results.flatMap(r => r!.documents),
    readErrors: results.flatMap(r => r!.readErrors),
  };
}
