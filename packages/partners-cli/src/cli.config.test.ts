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

import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  identity,
  partner,
  integration,
  docs,
  root,
  estate,
  config,
  write,
  writeCleanEstate,
  run,
  runJson,
  ruleIds,
} from './__testUtils__/harness';

describe('--config, read as Backstage reads app-config', () => {
  /** An estate whose one identity was last rotated 31 days before NOW. */
  async function writeRotatedEstate() {
    await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [
          identity({ lastRotated: '2026-05-01' }),
        ]),
      ),
    );
  }

  it('substitutes ${VARIABLES} from the environment', async () => {
    await writeRotatedEstate();
    await fs.writeFile(
      config,
      'partners:\n  policy:\n    rotationMaxDays: ${ROTATION_DAYS}\n',
    );
    const args = ['report', estate, '--format', 'json'];
    const at = async (days: string) => {
      const result = await run(
        [...args, '--config', config, '--now', '2026-06-01'],
        { env: { ROTATION_DAYS: days } },
      );
      return ruleIds(JSON.parse(result.stdout));
    };
    await expect(at('30')).resolves.toEqual(['identity-rotation-overdue']);
    await expect(at(' 31 ')).resolves.toEqual([]);
  });

  it('follows $include to another file', async () => {
    await writeRotatedEstate();
    await fs.writeFile(path.join(root, 'policy.yaml'), 'rotationMaxDays: 30\n');
    await fs.writeFile(
      config,
      'partners:\n  policy:\n    $include: ./policy.yaml\n',
    );
    const result = await run([
      'report',
      estate,
      '--format',
      'json',
      '--config',
      config,
      '--now',
      '2026-06-01',
    ]);
    expect(ruleIds(JSON.parse(result.stdout))).toEqual([
      'identity-rotation-overdue',
    ]);
  });
});

describe('usage errors exit 2', () => {
  beforeEach(writeCleanEstate);

  const cases: Array<[string, () => string[], RegExp]> = [
    [
      'an unknown option',
      () => ['report', estate, '--config', config, '--bogus'],
      /unknown option '--bogus'/,
    ],
    [
      'a bad --format',
      () => ['report', estate, '--config', config, '--format', 'xml'],
      /--format.*xml/,
    ],
    [
      'a bad --fail-on',
      () => ['report', estate, '--config', config, '--fail-on', 'severe'],
      /--fail-on.*severe/,
    ],
    [
      'a bad --now',
      () => ['report', estate, '--config', config, '--now', '2026-13-01'],
      /--now must be an ISO-8601 date/,
    ],
    [
      'a --now that is not a date',
      () => ['report', estate, '--config', config, '--now', 'yesterday'],
      /--now must be an ISO-8601 date/,
    ],
    [
      'a --threads of 0',
      () => ['report', estate, '--config', config, '--threads', '0'],
      /--threads must be a whole number from 1 to 16, got "0"/,
    ],
    [
      'a --threads over the most',
      () => ['report', estate, '--config', config, '--threads', '17'],
      /--threads must be a whole number from 1 to 16, got "17"/,
    ],
    [
      'a --threads that is not a whole number',
      () => ['report', estate, '--config', config, '--threads', '1.5'],
      /--threads must be a whole number from 1 to 16, got "1.5"/,
    ],
    [
      'no paths',
      () => ['report', '--config', config],
      /missing required argument 'paths'/,
    ],
    ['no command', () => [], /Usage: partners/],
    ['an unknown command', () => ['audit', estate], /unknown command 'audit'/],
    [
      'a path that does not exist',
      () => ['validate', path.join(root, 'nowhere'), '--config', config],
      /Cannot read .*nowhere: ENOENT/,
    ],
    [
      'a --config that does not exist',
      () => ['report', estate, '--config', path.join(root, 'missing.yaml')],
      /Cannot read config .*missing\.yaml: ENOENT/,
    ],
    [
      'a --config that is a directory',
      () => ['report', estate, '--config', root],
      /Cannot read config .*: EISDIR/,
    ],
  ];

  it.each(cases)('%s', async (_name, args, message) => {
    const result = await run(args());
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });

  it('a --config with an invalid partners: value', async () => {
    await fs.writeFile(
      config,
      'partners:\n  policy:\n    rotationMaxDays: 0\n',
    );
    const result = await run(['report', estate, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /rotationMaxDays must be a whole number of days/,
    );
  });

  it('a --config that is not valid YAML', async () => {
    await fs.writeFile(config, 'partners: [\n');
    const result = await run(['report', estate, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Invalid config .*app-config\.yaml: .* at line \d+/,
    );
  });

  it('a --config that is not valid YAML quotes none of its lines', async () => {
    await fs.writeFile(
      config,
      'partners:\n  policy: [\n    hunter2-not-a-password\n',
    );
    const result = await run(['report', estate, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid config .*: .* at line \d+/);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('a --config naming an environment variable that is not set', async () => {
    await fs.writeFile(
      config,
      'partners:\n  policy:\n    rotationMaxDays: ${ROTATION_DAYS}\n',
    );
    const unset = await runJson('report');
    expect(unset.code).toBe(0);
    const result = await run(['report', estate, '--config', config], {
      env: { ROTATION_DAYS: 'soon' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rotationMaxDays/);
  });

  it('--help is not an error', async () => {
    const result = await run(['report', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--fail-on <severity>/);
  });
});
