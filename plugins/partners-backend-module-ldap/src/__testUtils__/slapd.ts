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
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Where Debian's slapd package installs the daemon and its modules. */
const SLAPD = '/usr/sbin/slapd';
const SCHEMAS = '/etc/ldap/schema';
const MODULES = '/usr/lib/ldap';

/** A slapd of a test, in a directory of its own. */
export interface TestDirectory {
  url: string;
  baseDn: string;
  adminDn: string;
  adminPassword: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

async function answers(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts OpenLDAP's slapd (the Debian package) in a temporary directory on
 * a free port: an MDB database for dc=example,dc=com with the ppolicy
 * overlay (a default policy with lockout, so a locked account cannot bind)
 * and the lastbind overlay (authTimestamp). The test adds the entries.
 */
export async function startTestDirectory(): Promise<TestDirectory> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partners-slapd-'));
  fs.mkdirSync(path.join(dir, 'data'));
  const port = await freePort();
  const baseDn = 'dc=example,dc=com';
  const adminDn = `cn=admin,${baseDn}`;
  const adminPassword = 'test-admin';
  fs.writeFileSync(
    path.join(dir, 'slapd.conf'),
    [
      `include ${SCHEMAS}/core.schema`,
      `include ${SCHEMAS}/cosine.schema`,
      `include ${SCHEMAS}/inetorgperson.schema`,
      `modulepath ${MODULES}`,
      'moduleload back_mdb',
      'moduleload ppolicy',
      'moduleload lastbind',
      `pidfile ${path.join(dir, 'slapd.pid')}`,
      'database mdb',
      'maxsize 104857600',
      `suffix "${baseDn}"`,
      `rootdn "${adminDn}"`,
      `rootpw ${adminPassword}`,
      `directory ${path.join(dir, 'data')}`,
      'overlay lastbind',
      'overlay ppolicy',
      `ppolicy_default "cn=default,ou=policies,${baseDn}"`,
      '',
    ].join('\n'),
  );
  const url = `ldap://127.0.0.1:${port}`;
  const slapd: ChildProcess = spawn(
    SLAPD,
    ['-d', '0', '-f', path.join(dir, 'slapd.conf'), '-h', `${url}/`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  slapd.stderr?.on('data', chunk => {
    stderr += chunk;
  });
  const exited = new Promise<void>(resolve =>
    slapd.once('exit', () => resolve()),
  );
  for (let attempt = 0; !(await answers(port)); attempt++) {
    if (attempt > 100 || slapd.exitCode !== null) {
      slapd.kill();
      throw new Error(`slapd did not start: ${stderr}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return {
    url,
    baseDn,
    adminDn,
    adminPassword,
    async stop() {
      slapd.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
