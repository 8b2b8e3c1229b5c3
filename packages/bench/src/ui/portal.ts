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
 * The portal the benchmark measures: `yarn start` (or, with --production,
 * the backend serving the built app) with a config overlay, in a process
 * group of its own.
 */

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { DbLocation } from '../lib/databases';
import { ROOT, type UiOptions } from './options';

const STARTUP_MS = 10 * 60 * 1000;

export const sleep = (ms: number) =>
  new Promise<void>(resolve => setTimeout(resolve, ms));

/** Whether something listens on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls `check` every second until it returns a value other than undefined. */
async function poll<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  alive?: () => void,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    alive?.();
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(1000);
  }
  throw new Error(
    `Timed out waiting for ${what}: ${(last as Error)?.message ?? last}`,
  );
}

/**
 * Where the app is served: the frontend dev server, or with --production
 * the backend, which serves the built bundle (packages/app/dist) itself.
 */
export function frontendUrl(options: UiOptions): string {
  const port = options.production
    ? options['backend-port']
    : options['frontend-port'];
  return `http://localhost:${port}`;
}

/**
 * The config overlay: other ports, the partners plugin's database pointed at
 * the seeded one, the index sync a day away.
 */
export function overlay(options: UiOptions, location: DbLocation) {
  const frontend = frontendUrl(options);
  const backend = `http://localhost:${options['backend-port']}`;
  let partnersDb;
  if ('filename' in location) {
    // Same client as the base config (better-sqlite3), a file of its own.
    // backend-defaults joins `directory` and `filename` (an absolute
    // filename alone would end up relative to the backend's directory).
    partnersDb = {
      connection: {
        directory: path.dirname(location.filename),
        filename: path.basename(location.filename),
      },
    };
  } else {
    const url = new URL(location.url);
    partnersDb = {
      client: 'pg',
      // The base config is SQLite: do not ask it to create the database.
      ensureExists: false,
      connection: {
        host: url.hostname,
        port: Number(url.port || 5432),
        user: decodeURIComponent(url.username || 'postgres'),
        ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
        database: location.database,
      },
    };
  }
  return {
    app: { baseUrl: frontend },
    backend: {
      baseUrl: backend,
      listen: { port: options['backend-port'] },
      cors: { origin: frontend },
      database: { plugin: { partners: partnersDb } },
    },
    partners: {
      sync: {
        schedule: {
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          initialDelay: { hours: 24 },
        },
      },
      notifications: { enabled: false },
    },
  };
}

/** The running portal. */
interface Portal {
  pid?: number;
  /** Throws if the portal has exited. */
  alive(): void;
  /** SIGTERM to the process group, SIGKILL after 15 s. */
  stop(): Promise<void>;
}

/**
 * `yarn start` with the overlay, or with --production only the backend
 * serving the built app, in a process group of its own.
 */
export function startPortal(
  options: UiOptions,
  configFile: string,
  logFile: string,
): Portal {
  const out = fs.openSync(logFile, 'a');
  const configArgs = [
    '--config',
    path.join(ROOT, 'app-config.yaml'),
    '--config',
    configFile,
  ];
  const child = spawn(
    'yarn',
    options.production
      ? ['workspace', 'backend', 'start', ...configArgs]
      : ['start', ...configArgs],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, BROWSER: 'none', FORCE_COLOR: '0' },
    },
  );
  fs.closeSync(out);
  let exited:
    | { code: number | null; signal: NodeJS.Signals | null }
    | undefined;
  const exit = new Promise(resolve =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );
  return {
    pid: child.pid,
    alive() {
      if (exited) {
        throw new Error(
          `the portal exited (${exited.code ?? exited.signal}), see ${logFile}`,
        );
      }
    },
    async stop() {
      const signalGroup = (signal: NodeJS.Signals | 0) => {
        if (child.pid === undefined) return false; // it never started
        try {
          process.kill(-child.pid, signal);
          return true;
        } catch {
          return false; // the group is gone
        }
      };
      if (!signalGroup('SIGTERM')) return;
      const done = await Promise.race([
        exit.then(() => true),
        sleep(15_000).then(() => false),
      ]);
      // Children of the group may outlive yarn: wait for the group to empty.
      for (let i = 0; i < 30 && signalGroup(0); i++) {
        await sleep(500);
      }
      if (!done || signalGroup(0)) {
        signalGroup('SIGKILL');
      }
    },
  };
}

export function buildLabel(options: UiOptions): string {
  return options.production
    ? 'production build (yarn workspace app build), served by the backend'
    : 'yarn start (frontend dev server, development build)';
}

/** `yarn workspace app build`: the production bundle in packages/app/dist. */
export function buildApp(logFile: string): Promise<void> {
  const out = fs.openSync(logFile, 'a');
  const child = spawn('yarn', ['workspace', 'app', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', out, out],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  fs.closeSync(out);
  return new Promise((resolve, reject) =>
    child.once('exit', code =>
      code === 0
        ? resolve()
        : reject(new Error(`the app build failed (${code}), see ${logFile}`)),
    ),
  );
}

async function getJson<T>(
  url: string,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await fetch(url, { headers });
  if (!response.ok) {
    throw new Error(`GET ${url}: ${response.status}`);
  }
  return response.json();
}

/**
 * Waits for the backend, the frontend and the guest's team's reviews;
 * returns the guest's Authorization header.
 */
export async function waitForPortal(
  options: UiOptions,
  portal: Portal,
): Promise<Record<string, string>> {
  const frontend = frontendUrl(options);
  const backend = `http://localhost:${options['backend-port']}`;
  const alive = () => portal.alive();
  await poll(
    'the partners backend',
    async () => (await fetch(`${backend}/api/partners/health`)).ok || undefined,
    STARTUP_MS,
    alive,
  );
  await poll(
    'the frontend',
    async () => (await fetch(frontend)).ok || undefined,
    STARTUP_MS,
    alive,
  );
  // The guest's team membership comes from the catalog: wait until it is
  // ingested, so the token carries group:default/team-orders.
  return poll(
    'a pending review assigned to the guest',
    async () => {
      const refresh = await getJson<{
        backstageIdentity: { token: string };
      }>(`${backend}/api/auth/guest/refresh`, {
        'x-requested-with': 'XMLHttpRequest',
      });
      const headers = {
        authorization: `Bearer ${refresh.backstageIdentity.token}`,
      };
      const page = await getJson<{ items: unknown[] }>(
        `${backend}/api/partners/reviews?assignee=me&status=pending&limit=1`,
        headers,
      );
      return page.items.length ? headers : undefined;
    },
    STARTUP_MS,
    alive,
  );
}
