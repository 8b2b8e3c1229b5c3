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

import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  RULES,
  RULE_MODULES,
} from '@partner-governance/plugin-partners-common';

// End to end through the real bin (TypeScript sources through the Backstage
// node transform). Each spawn takes a few seconds, so there are only a few.

jest.setTimeout(120_000);

const BIN = path.resolve(__dirname, '../bin/partners');
const REPO = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(REPO, 'examples');
const APP_CONFIG = path.join(REPO, 'app-config.yaml');

function partners(args: string[], cwd: string) {
  const result = spawnSync('node', [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    throw result.error;
  }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ESTATE = `---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-a
spec:
  type: team
  children: []
---
apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: acme
spec:
  type: integrator
  owner: group:team-a
  lifecycle: { stage: measurement, stageOwners: { measurement: group:team-a } }
  risk: { tier: high, dueDiligence: { completed: 2025-01-15 } }
  contract: { start: 2025-01-01, end: 2028-12-31, status: active }
  lastActivity: 2026-05-30
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata:
  name: acme-orders
spec:
  partner: partner:acme
  type: api
  owner: group:team-a
  environment: production
  accessPackage: orders-read
  identities:
    - name: orders-client
      type: oauth-client
      scopes: [orders:read]
      environment: production
      secretRef: vault:partners/acme/orders-client
      issued: 2026-01-10
      lastRotated: 2026-05-11
      expires: 2027-01-10
      lastUsed: 2026-05-30
`;

describe('bin/partners', () => {
  let root: string;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'partners-bin-test-'));
    await fs.mkdir(path.join(root, 'estate'));
    await fs.writeFile(path.join(root, 'estate', 'acme.yaml'), ESTATE);
    // The default config, picked up from the working directory: its policy
    // makes the identity (rotated 21 days before --now) overdue.
    await fs.writeFile(
      path.join(root, 'app-config.yaml'),
      'partners:\n  policy:\n    rotationMaxDays: 20\n  accessPackages:\n    orders-read:\n      scopes: [orders:read]\n',
    );
    await fs.writeFile(
      path.join(root, 'other-config.yaml'),
      'partners:\n  accessPackages:\n    orders-read:\n      scopes: [orders:read]\n',
    );
  });

  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('exits 0 on a clean estate, with --config', () => {
    const result = partners(
      [
        'report',
        'estate',
        '--format',
        'json',
        '--config',
        'other-config.yaml',
        '--now',
        '2026-06-01',
      ],
      root,
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      entities: 3,
      errors: [],
      findings: [],
      skipped: [],
    });
    expect(result.code).toBe(0);
  });

  it('reads ./app-config.yaml by default, and exits 1 on a finding at --fail-on', () => {
    const result = partners(
      [
        'report',
        'estate',
        '--format',
        'json',
        '--now',
        '2026-06-01',
        '--fail-on',
        'medium',
      ],
      root,
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual({
      entities: 3,
      errors: [],
      findings: [
        {
          ruleId: 'identity-rotation-overdue',
          severity: 'medium',
          entityRef: 'partnerintegration:default/acme-orders',
          identity: 'orders-client',
          message:
            'Identity "orders-client" was last rotated 21 days ago (limit 20)',
          frameworks: RULES['identity-rotation-overdue'].frameworks,
        },
      ],
      skipped: [],
    });
    expect(result.code).toBe(1);
  });

  it('exits 2 on a path that cannot be read, with nothing on stdout', () => {
    const result = partners(
      [
        'report',
        'nowhere',
        '--format',
        'json',
        '--config',
        'other-config.yaml',
      ],
      root,
    );
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^partners: Cannot read nowhere: ENOENT/);
    expect(result.code).toBe(2);
  });

  it('reports every files-only rule on the example estate, without errors', () => {
    const result = partners(
      [
        'report',
        EXAMPLES,
        '--format',
        'json',
        '--config',
        APP_CONFIG,
        '--now',
        '2026-11-28',
      ],
      root,
    );
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout);
    expect(report.errors).toEqual([]);
    expect(report.entities).toBeGreaterThan(100);
    const filesOnly = RULE_MODULES.filter(rule => rule.source === 'files').map(
      rule => rule.id,
    );
    expect(filesOnly).toHaveLength(18);
    expect(
      [
        ...new Set(report.findings.map((f: { ruleId: string }) => f.ruleId)),
      ].sort(),
    ).toEqual([...filesOnly].sort());
    // High and critical findings fail the run at the default --fail-on.
    expect(result.code).toBe(1);
  });
});
