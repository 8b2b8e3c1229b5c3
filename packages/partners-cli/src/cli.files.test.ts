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

import { RULES } from '@partner-governance/plugin-partners-common';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  NOW,
  identity,
  partner,
  integration,
  docs,
  ORG,
  estate,
  config,
  write,
  writeCleanEstate,
  run,
  runJson,
  ruleIds,
} from './__testUtils__/harness';

describe('a clean estate', () => {
  it('reports no errors and no findings and exits 0', async () => {
    await writeCleanEstate();
    const { code, report } = await runJson('report');
    expect(report).toEqual({
      entities: 4,
      errors: [],
      findings: [],
      skipped: [],
    });
    expect(code).toBe(0);
  });

  it('validates with exit 0, and accepts secretRef: vault:...', async () => {
    const file = await writeCleanEstate();
    expect(await fs.readFile(file, 'utf8')).toContain(
      'secretRef: vault:partners/acme/orders-client',
    );
    const { code, report } = await runJson('validate');
    expect(report).toEqual({
      entities: 4,
      errors: [],
      findings: [],
      skipped: [],
    });
    expect(code).toBe(0);
  });

  it('accepts a single file as well as a directory, and several paths', async () => {
    const file = await writeCleanEstate();
    const org = path.join(estate, 'org.yaml');
    const result = await run([
      'report',
      file,
      org,
      '--format',
      'json',
      '--config',
      config,
      '--now',
      NOW,
    ]);
    expect(JSON.parse(result.stdout)).toEqual({
      entities: 4,
      errors: [],
      findings: [],
      skipped: [],
    });
    expect(result.code).toBe(0);
  });

  it('prints a summary line in text', async () => {
    await writeCleanEstate();
    const result = await run([
      'report',
      estate,
      '--config',
      config,
      '--now',
      NOW,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '4 entities, 0 errors, 0 findings (0 critical, 0 high, 0 medium, 0 low)\n',
    );
  });
});

describe('reading files', () => {
  it('reads CRLF line endings and a byte order mark, and counts lines right', async () => {
    await write('org.yaml', ORG);
    const text = `\ufeff# comment\n${docs(
      partner(),
      integration(),
      '- not a mapping\n',
    )}`;
    const file = await write('acme.yaml', text.replace(/\n/g, '\r\n'));
    const { report } = await runJson('report');
    expect(report.errors).toEqual([
      { file, message: 'The document starting at line 37 is not a mapping' },
    ]);
    expect(report.entities).toBe(5);
    expect(report.findings).toEqual([]);
  });

  it('walks directories recursively, in order, leaving out and listing hidden entries and node_modules, ignoring other files', async () => {
    await write('org.yaml', ORG);
    await write('partners/acme.yml', docs(partner()));
    await write('partners/deeper/acme-orders.YAML', docs(integration()));
    await write(
      '.hidden/ghost.yaml',
      docs(partner('ghost', { type: 'wholesaler' })),
    );
    await write(
      'node_modules/pkg/ghost.yaml',
      docs(partner('ghost', { type: 'wholesaler' })),
    );
    await write('README.md', '# not YAML: {');
    const { code, report } = await runJson('report');
    expect(report).toEqual({
      entities: 4,
      errors: [],
      findings: [],
      skipped: [
        { path: path.join(estate, '.hidden'), reason: 'a hidden directory' },
        { path: path.join(estate, 'node_modules'), reason: 'node_modules' },
      ],
    });
    expect(code).toBe(0);
  });

  it('reads a file given by name whatever its extension', async () => {
    await write('org.yaml', ORG);
    const file = await write('acme.txt', docs(partner(), integration()));
    const result = await run([
      'report',
      file,
      path.join(estate, 'org.yaml'),
      '--format',
      'json',
      '--config',
      config,
      '--now',
      NOW,
    ]);
    expect(JSON.parse(result.stdout)).toEqual({
      entities: 4,
      errors: [],
      findings: [],
      skipped: [],
    });
  });
});

describe('findings and --fail-on', () => {
  beforeEach(async () => {
    await write('org.yaml', ORG);
  });

  /** One medium finding: rotation overdue (high-tier partner, no raise). */
  const writeMediumOnly = () =>
    write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [
          identity({ lastRotated: '2025-12-01' }),
        ]),
      ),
    );

  /** One high finding: expired but active. */
  const writeHigh = () =>
    write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [identity({ expires: '2026-05-01' })]),
      ),
    );

  /** Critical findings: the contract ended while an identity is active. */
  const writeCritical = () =>
    write(
      'acme.yaml',
      docs(
        partner('acme', {
          contract: '{ start: 2024-01-01, end: 2026-03-31, status: expired }',
        }),
        integration(),
      ),
    );

  it('reports a finding below the threshold and exits 0 (default --fail-on high)', async () => {
    await writeMediumOnly();
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([]);
    expect(report.findings).toEqual([
      {
        ruleId: 'identity-rotation-overdue',
        severity: 'medium',
        entityRef: 'partnerintegration:default/acme-orders',
        identity: 'orders-client',
        message:
          'Identity "orders-client" was last rotated 182 days ago (limit 90)',
        frameworks: RULES['identity-rotation-overdue'].frameworks,
      },
    ]);
    expect(code).toBe(0);
  });

  it('exits 1 when --fail-on is at or below the finding severity', async () => {
    await writeMediumOnly();
    expect((await runJson('report', '--fail-on', 'medium')).code).toBe(1);
    expect((await runJson('report', '--fail-on', 'low')).code).toBe(1);
    expect((await runJson('report', '--fail-on', 'high')).code).toBe(0);
    expect((await runJson('report', '--fail-on', 'none')).code).toBe(0);
  });

  it('exits 1 on a high finding by default, 0 with --fail-on critical or none', async () => {
    await writeHigh();
    const { code, report } = await runJson('report');
    expect(ruleIds(report)).toEqual(['identity-expired-active']);
    expect(report.findings[0].severity).toBe('high');
    expect(code).toBe(1);
    expect((await runJson('report', '--fail-on', 'critical')).code).toBe(0);
    expect((await runJson('report', '--fail-on', 'none')).code).toBe(0);
  });

  it('exits 1 on a critical finding with --fail-on critical, 0 with none', async () => {
    await writeCritical();
    const { code, report } = await runJson('report', '--fail-on', 'critical');
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'contract-ended-access-active',
        severity: 'critical',
        entityRef: 'partnerintegration:default/acme-orders',
        identity: 'orders-client',
        frameworks: RULES['contract-ended-access-active'].frameworks,
      }),
    ]);
    expect(code).toBe(1);
    expect((await runJson('report', '--fail-on', 'none')).code).toBe(0);
  });

  it('validate never returns findings', async () => {
    await writeCritical();
    const { code, report } = await runJson('validate');
    expect(report).toEqual({
      entities: 4,
      errors: [],
      findings: [],
      skipped: [],
    });
    expect(code).toBe(0);
  });

  it('--now moves the rotation boundary: exactly 90 days is fine, 91 is overdue', async () => {
    await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [
          identity({ lastRotated: '2026-01-01' }),
        ]),
      ),
    );
    const at = (now: string) =>
      run([
        'report',
        estate,
        '--format',
        'json',
        '--config',
        config,
        '--now',
        now,
      ]).then(r => JSON.parse(r.stdout));
    expect((await at('2026-04-01')).findings).toEqual([]);
    expect((await at('2026-04-02')).findings).toEqual([
      expect.objectContaining({
        ruleId: 'identity-rotation-overdue',
        message:
          'Identity "orders-client" was last rotated 91 days ago (limit 90)',
      }),
    ]);
    // A full timestamp counts as its calendar day.
    expect((await at('2026-04-01T23:59:59Z')).findings).toEqual([]);
  });

  it('reads the policy and the access packages from the partners: key of --config', async () => {
    await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [
          identity({
            lastRotated: '2026-05-01',
            scopes: '[orders:read, orders:write]',
          }),
        ]),
      ),
    );
    const before = await runJson('report');
    expect(ruleIds(before.report)).toEqual(['identity-overprivileged']);
    await fs.writeFile(
      config,
      [
        'partners:',
        '  policy:',
        '    rotationMaxDays: 30',
        '  accessPackages:',
        '    orders-read:',
        '      scopes: [orders:read, orders:write]',
        '',
      ].join('\n'),
    );
    const after = await runJson('report');
    expect(after.report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'identity-rotation-overdue',
        message:
          'Identity "orders-client" was last rotated 31 days ago (limit 30)',
      }),
    ]);
  });
});
