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

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type * as KeyvRedisModule from '@keyv/redis';

/** Names a Redis server for the tests instead of 127.0.0.1:6379. */
const REDIS_URL_ENV = 'PARTNERS_TEST_REDIS_URL';
const DEFAULT_URL = 'redis://127.0.0.1:6379';

/** A Redis server for the tests of one file. */
export interface TestRedis {
  /** Its URL; set once the file's `beforeAll` hooks ran. */
  readonly url: string;
  /** The keys that start with `prefix`. */
  keys(prefix: string): Promise<string[]>;
  /** Deletes the keys that start with `prefix`. */
  deleteKeys(prefix: string): Promise<void>;
}

/** `@keyv/redis` itself, whether or not the test file records its stores. */
const keyvRedis = () =>
  jest.requireActual<typeof KeyvRedisModule>('@keyv/redis');

type Client = ReturnType<typeof KeyvRedisModule.createClient>;

/** Every Redis store the cache service opened while `recordingKeyvRedis` was in place. */
const openedStores: Array<{ disconnect(): Promise<void> }> = [];

/**
 * `@keyv/redis` as the cache service loads it, each store it opens
 * recorded. The cache service of `@backstage/backend-defaults` keeps its
 * Redis connections open when the backend stops; `testRedis` closes the
 * recorded ones after the file's tests. In a test file:
 * `jest.mock('@keyv/redis', () => require('./__testUtils__/redis').recordingKeyvRedis())`.
 */
export function recordingKeyvRedis(): Record<string, unknown> {
  const actual = keyvRedis();
  class RecordedKeyvRedis<T> extends actual.default<T> {
    constructor(...args: ConstructorParameters<typeof actual.default>) {
      super(...args);
      openedStores.push(this);
    }
  }
  return { ...actual, __esModule: true, default: RecordedKeyvRedis };
}

/** A client that fails at once instead of reconnecting. */
async function connect(url: string): Promise<Client> {
  const client = keyvRedis().createClient({
    url,
    socket: { connectTimeout: 2_000, reconnectStrategy: false },
  });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** Whether a Redis server answers PING at `url`. */
async function answersPing(url: string): Promise<boolean> {
  let client: Client | undefined;
  try {
    client = await connect(url);
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    await client?.disconnect().catch(() => {});
  }
}

/** A TCP port nothing listens on, as the system hands them out. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A throwaway `redis-server`: no persistence, its files in a temp dir. */
async function startServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'partners-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let output = '';
  const server: ChildProcess = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1'],
      ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      ...['--dir', dir],
    ],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<string>(resolve => {
    server.once('error', error => resolve(String(error)));
    server.once('exit', code => resolve(`exit code ${code}`));
  });
  server.stdout?.on('data', chunk => (output += chunk));
  server.stderr?.on('data', chunk => (output += chunk));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await exited;
    }
    await fs.rm(dir, { recursive: true, force: true });
  };

  let failure: string | undefined;
  exited.then(reason => (failure = reason));
  const deadline = Date.now() + 10_000;
  while (!failure && Date.now() < deadline) {
    if (await answersPing(url)) {
      return { url, stop };
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(
    `Could not start redis-server on ${url} (${
      failure ?? 'no answer to PING in 10 seconds'
    })${output ? `:\n${output}` : ''}`,
  );
}

/**
 * A Redis server for the tests of the enclosing file or describe block: the
 * one `PARTNERS_TEST_REDIS_URL` names, else one answering on
 * 127.0.0.1:6379, else a `redis-server` (Debian's package of that name)
 * started on a free port and stopped after the tests. Without any of them
 * the tests fail, saying so: they are never skipped.
 */
export function testRedis(): TestRedis {
  let url = '';
  let client: Client | undefined;
  let stopServer: (() => Promise<void>) | undefined;
  const connected = () => {
    if (!client) {
      throw new Error('testRedis: no Redis yet; use it in tests or hooks');
    }
    return client;
  };
  const keys = async (prefix: string) => {
    const found: string[] = [];
    for await (const key of connected().scanIterator({
      MATCH: `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`,
      COUNT: 500,
    })) {
      found.push(key);
    }
    return found;
  };

  beforeAll(async () => {
    const named = process.env[REDIS_URL_ENV];
    if (named) {
      if (!(await answersPing(named))) {
        throw new Error(`${REDIS_URL_ENV} is ${named}, which answers no PING`);
      }
      url = named;
    } else if (await answersPing(DEFAULT_URL)) {
      url = DEFAULT_URL;
    } else {
      try {
        const server = await startServer();
        url = server.url;
        stopServer = server.stop;
      } catch (error) {
        throw new Error(
          `These tests need Redis: no server answers on 127.0.0.1:6379, ` +
            `${REDIS_URL_ENV} is unset, and starting redis-server failed. ` +
            `Install Debian's redis-server package (apt-get install ` +
            `redis-server), run a server on 127.0.0.1:6379 or set ` +
            `${REDIS_URL_ENV}. ${String(error)}`,
        );
      }
    }
    client = await connect(url);
  }, 30_000);

  afterAll(async () => {
    await Promise.all(
      openedStores.splice(0).map(store => store.disconnect().catch(() => {})),
    );
    await client?.disconnect().catch(() => {});
    client = undefined;
    await stopServer?.();
  });

  return {
    get url() {
      return url;
    },
    keys,
    async deleteKeys(prefix) {
      if (!client) {
        return; // no server: beforeAll failed, and said why
      }
      const found = await keys(prefix);
      if (found.length) {
        await connected().del(found);
      }
    },
  };
}
