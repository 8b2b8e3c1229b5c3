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

import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ESC,
  ORG,
  docs,
  estate,
  identity,
  integration,
  partner,
  run,
  runJson,
  write,
} from './__testUtils__/harness';

// What the walk leaves out, says so, and never follows; and what the text
// output never lets through to a terminal.

/** The control characters of a text, but for its line ends. */
const controlCharacters = (text: string) =>
  [...text].filter(c => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && c !== '\n') || (code >= 0x7f && code <= 0x9f);
  });

describe('paths the walk does not follow', () => {
  beforeEach(async () => {
    await write('org.yaml', ORG);
    await write('partners/acme.yaml', docs(partner(), integration()));
  });

  it('a symbolic link to a directory outside the tree is listed, not followed', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'partners-out-'));
    try {
      await fs.writeFile(
        path.join(outside, 'ghost.yaml'),
        docs(partner('ghost', { type: 'wholesaler' })),
      );
      await fs.symlink(outside, path.join(estate, 'linked'));
      await fs.symlink(
        path.join(outside, 'ghost.yaml'),
        path.join(estate, 'ghost.yaml'),
      );
      const { code, report } = await runJson('report');
      expect(report.entities).toBe(4);
      expect(report.errors).toEqual([]);
      expect(report.skipped).toEqual([
        {
          path: path.join(estate, 'ghost.yaml'),
          reason: 'a symbolic link, not followed',
        },
        {
          path: path.join(estate, 'linked'),
          reason: 'a symbolic link, not followed',
        },
      ]);
      expect(code).toBe(0);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('a symbolic link to a device, given by name, is listed, not read', async () => {
    const link = path.join(estate, 'zero.yaml');
    await fs.symlink('/dev/zero', link);
    const { stdout } = await run(['report', link, '--format', 'json']);
    expect(JSON.parse(stdout)).toEqual({
      entities: 0,
      errors: [],
      findings: [],
      skipped: [{ path: link, reason: 'a symbolic link, not followed' }],
    });
  });

  it('a FIFO is listed, not opened (a read would block)', async () => {
    const fifo = path.join(estate, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const { report } = await runJson('report');
    expect(report.skipped).toEqual([
      { path: fifo, reason: 'not a regular file (a device, FIFO or socket)' },
    ]);
    expect(report.entities).toBe(4);
  });

  it('hidden files and directories are listed', async () => {
    await write('.github/partners.yaml', docs(partner('ghost')));
    await write('.ghost.yaml', docs(partner('ghost')));
    await write('.gitignore', 'node_modules\n');
    const { report } = await runJson('report');
    expect(report.skipped).toEqual([
      { path: path.join(estate, '.ghost.yaml'), reason: 'a hidden file' },
      { path: path.join(estate, '.github'), reason: 'a hidden directory' },
    ]);
  });

  it('the text output says what was not read', async () => {
    await write('.github/partners.yaml', docs(partner('ghost')));
    const { stdout } = await run(['report', estate]);
    expect(stdout).toContain(
      `Not read\n  ${path.join(estate, '.github')}: a hidden directory\n`,
    );
    expect(stdout).toMatch(/, 1 paths not read\n$/);
  });
});

describe('control characters never reach the terminal', () => {
  it('in a file name', async () => {
    await write('org.yaml', ORG);
    const name = `evil${ESC}2J\r\u0007.yaml`;
    await write(name, docs(partner('acme', { type: 'wholesaler' })));
    const { stdout } = await run(['report', estate]);
    expect(controlCharacters(stdout)).toEqual([]);
    expect(stdout).toContain('evil\\u001b[2J\\u000d\\u0007.yaml');
  });

  it('in an identity name, which the schema rejects', async () => {
    await write('org.yaml', ORG);
    await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [
          identity({ name: `"orders\\u001b[31mclient\\nforged line"` }),
        ]),
      ),
    );
    const { code, stdout } = await run(['report', estate]);
    expect(code).toBe(1);
    expect(stdout).toContain('spec.identities[0].name');
    expect(controlCharacters(stdout)).toEqual([]);
  });
});
