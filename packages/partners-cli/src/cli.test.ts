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
import os from 'node:os';
import path from 'node:path';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import { runCli } from './cli';

// In-process tests of the `partners` command line. Every test writes its own
// estate into a temporary directory and always passes --config explicitly:
// the default (./app-config.yaml) depends on the working directory, which a
// jest worker must not change.

const NOW = '2026-06-01';
const ESC = '\u001b[';

// --- fixtures -------------------------------------------------------------------

type Fields = Record<string, string | undefined>;

/** `key: value` lines; a field set to undefined is left out. */
function render(fields: Fields, indent: string): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${indent}${key}: ${value}`);
}

/** One identity of an integration; clean as of NOW unless overridden. */
function identity(overrides: Fields = {}): string {
  const [first, ...rest] = render(
    {
      name: 'orders-client',
      type: 'oauth-client',
      scopes: '[orders:read]',
      environment: 'production',
      secretRef: 'vault:partners/acme/orders-client',
      issued: '2026-01-10',
      lastRotated: '2026-05-01',
      expires: '2027-01-10',
      lastUsed: '2026-05-30',
      status: 'active',
      ...overrides,
    },
    '',
  );
  return [`    - ${first}`, ...rest.map(line => `      ${line}`)].join('\n');
}

/** A Partner, clean as of NOW unless overridden. */
function partner(
  name = 'acme',
  spec: Fields = {},
  metadata: string[] = [],
): string {
  return [
    'apiVersion: partners.governance.dev/v1alpha1',
    'kind: Partner',
    'metadata:',
    `  name: ${name}`,
    ...metadata.map(line => `  ${line}`),
    'spec:',
    ...render(
      {
        type: 'reseller',
        owner: 'group:team-a',
        lifecycle:
          '{ stage: measurement, stageOwners: { measurement: user:alice } }',
        risk: '{ tier: high, dueDiligence: { completed: 2025-01-15 } }',
        contract: '{ start: 2025-01-01, end: 2028-12-31, status: active }',
        lastActivity: '2026-05-30',
        ...spec,
      },
      '  ',
    ),
    '',
  ].join('\n');
}

/** A PartnerIntegration of `partner:acme`, clean as of NOW unless overridden. */
function integration(
  name = 'acme-orders',
  spec: Fields = {},
  identities: string[] = [identity()],
): string {
  return [
    'apiVersion: partners.governance.dev/v1alpha1',
    'kind: PartnerIntegration',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    ...render(
      {
        partner: 'partner:acme',
        type: 'api',
        owner: 'group:team-a',
        environment: 'production',
        accessPackage: 'orders-read',
        ...spec,
      },
      '  ',
    ),
    ...(identities.length ? ['  identities:', ...identities] : []),
    '',
  ].join('\n');
}

/** A multi-document YAML file. */
const docs = (...documents: string[]) =>
  documents.map(d => `---\n${d}`).join('');

const ORG = docs(
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata:',
    '  name: team-a',
    'spec:',
    '  type: team',
    '  children: []',
    '',
  ].join('\n'),
  [
    'apiVersion: backstage.io/v1alpha1',
    'kind: User',
    'metadata:',
    '  name: alice',
    'spec:',
    '  memberOf: [team-a]',
    '',
  ].join('\n'),
);

const CONFIG = [
  'partners:',
  '  accessPackages:',
  '    orders-read:',
  '      scopes: [orders:read]',
  '      environments: [production]',
  '',
].join('\n');

// --- harness ------------------------------------------------------------------------

let root: string;
let estate: string;
let config: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'partners-cli-test-'));
  estate = path.join(root, 'estate');
  await fs.mkdir(estate);
  config = path.join(root, 'app-config.yaml');
  await fs.writeFile(config, CONFIG);
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Writes a file of the estate and returns its path. */
async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(estate, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  return file;
}

/** The clean estate: 2 org entities, a partner and its integration. */
async function writeCleanEstate() {
  await write('org.yaml', ORG);
  return write('acme.yaml', docs(partner(), integration()));
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(
  args: string[],
  options: { tty?: boolean; env?: Record<string, string> } = {},
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
      isTTY: options.tty ?? false,
    },
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    },
    env: options.env ?? {},
  });
  return { code, stdout, stderr };
}

/** `partners <command> <estate> --format json --config <temp> --now NOW ...`. */
async function runJson(command: 'report' | 'validate', ...extra: string[]) {
  const result = await run([
    command,
    estate,
    '--format',
    'json',
    '--config',
    config,
    '--now',
    NOW,
    ...extra,
  ]);
  expect(result.stderr).toBe('');
  return { ...result, report: JSON.parse(result.stdout) };
}

const ruleIds = (report: { findings: Array<{ ruleId: string }> }) =>
  report.findings.map(f => f.ruleId).sort();

// --- tests -------------------------------------------------------------------------------

describe('a clean estate', () => {
  it('reports no errors and no findings and exits 0', async () => {
    await writeCleanEstate();
    const { code, report } = await runJson('report');
    expect(report).toEqual({ entities: 4, errors: [], findings: [] });
    expect(code).toBe(0);
  });

  it('validates with exit 0, and accepts secretRef: vault:...', async () => {
    const file = await writeCleanEstate();
    expect(await fs.readFile(file, 'utf8')).toContain(
      'secretRef: vault:partners/acme/orders-client',
    );
    const { code, report } = await runJson('validate');
    expect(report).toEqual({ entities: 4, errors: [], findings: [] });
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

describe('bad input', () => {
  beforeEach(async () => {
    await write('org.yaml', ORG);
  });

  it('reports malformed YAML by file and line, and still reads the other documents', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner('acme', { lifecycle: '{ stage: measurement }' }),
        'apiVersion: partners.governance.dev/v1alpha1\nkind: PartnerIntegration\nmetadata:\n  name: broken\nspec: { partner: acme, type: [api\n',
        integration(),
      ),
    );
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([
      {
        file,
        message:
          'Malformed YAML in the document starting at line 14 at line 19, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
    ]);
    // The org (2), the partner and the integration; the broken document is not an entity.
    expect(report.entities).toBe(4);
    // The sibling partner was evaluated.
    expect(report.findings).toEqual([
      expect.objectContaining({
        ruleId: 'stage-owner-missing',
        entityRef: 'partner:default/acme',
      }),
    ]);
    expect(code).toBe(1);
  });

  it('reports a wrong type with the field path', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner('acme', { owner: '5' }),
        integration('acme-orders', {}, [identity({ privileged: '"yes"' })]),
      ),
    );
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partner:default/acme',
        path: 'spec.owner',
        message: expect.stringContaining('must be string'),
      },
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[0].privileged',
        message: expect.stringContaining('must be boolean'),
      },
    ]);
    expect(report.entities).toBe(4);
    expect(code).toBe(1);
  });

  it('reports an unknown enum value with the field path and the allowed values', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner('acme', { type: 'wholesaler' }),
        integration('acme-orders', {}, [
          identity(),
          identity({ name: 'second', status: 'paused' }),
        ]),
      ),
    );
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partner:default/acme',
        path: 'spec.type',
        message: expect.stringMatching(
          /must be equal to one of the allowed values.*reseller/,
        ),
      },
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[1].status',
        message: expect.stringMatching(
          /must be equal to one of the allowed values.*revoked/,
        ),
      },
    ]);
    expect(code).toBe(1);
  });

  it('reports a missing required field with its path', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner('acme', { owner: undefined }),
        integration('acme-orders', {}, [identity({ type: undefined })]),
      ),
    );
    const { code, report } = await runJson('validate');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partner:default/acme',
        path: 'spec.owner',
        message: expect.stringContaining("must have required property 'owner'"),
      },
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[0].type',
        message: expect.stringContaining("must have required property 'type'"),
      },
    ]);
    expect(code).toBe(1);
  });

  it('reports envelope problems: no kind, no metadata, an unknown root field, a document that is not a mapping', async () => {
    const file = await write(
      'misc.yaml',
      docs(
        'apiVersion: backstage.io/v1alpha1\nmetadata:\n  name: no-kind\n',
        'apiVersion: backstage.io/v1alpha1\nkind: Group\n',
        partner('acme').replace('spec:', 'extra: 1\nspec:'),
        '- just\n- a list\n',
      ),
    );
    const { report } = await runJson('validate');
    expect(report.errors).toEqual([
      {
        file,
        path: 'kind',
        message: expect.stringContaining("must have required property 'kind'"),
      },
      {
        file,
        path: 'metadata',
        message: expect.stringContaining(
          "must have required property 'metadata'",
        ),
      },
      {
        file,
        entityRef: 'partner:default/acme',
        path: 'extra',
        message: expect.stringContaining('Unknown root field'),
      },
      { file, message: 'The document starting at line 22 is not a mapping' },
    ]);
    expect(report.entities).toBe(6);
  });

  it('reports a date that is not a real calendar date', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [identity({ issued: '2026-02-30' })]),
      ),
    );
    const { report } = await runJson('validate');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[0].issued',
        message: expect.stringContaining('must be a real calendar date'),
      },
    ]);
  });

  it('reports one bad document of a multi-document file and evaluates the others', async () => {
    const file = await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-bad', {}, [
          identity({ type: 'password-in-a-drawer' }),
        ]),
        integration('acme-good', {}, [
          identity({
            name: 'no-expiry-key',
            type: 'api-key',
            expires: undefined,
          }),
        ]),
      ),
    );
    const { code, report } = await runJson('report', '--fail-on', 'none');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partnerintegration:default/acme-bad',
        path: 'spec.identities[0].type',
        message: expect.stringContaining(
          'must be equal to one of the allowed values',
        ),
      },
    ]);
    expect(report.entities).toBe(5);
    expect(report.findings).toEqual([
      {
        ruleId: 'identity-no-expiry',
        severity: 'low',
        entityRef: 'partnerintegration:default/acme-good',
        identity: 'no-expiry-key',
        message: expect.stringContaining('has no expiry date'),
        frameworks: ['NHI7'],
      },
    ]);
    // Errors fail the run whatever --fail-on says.
    expect(code).toBe(1);
  });

  it('rejects a file that holds a secret value, naming the field, and evaluates the rest', async () => {
    const value = ['Zq7xLm2v', 'Kp9wRt4s'].join('-');
    const file = await write(
      'acme.yaml',
      docs(
        partner(),
        integration('acme-orders', {}, [identity({ password: value })]),
      ),
    );
    const { code, report, stdout } = await runJson('report');
    expect(report.errors).toEqual([
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.identities[0].password',
        message: expect.stringContaining(
          'spec.identities[0].password holds a secret value',
        ),
      },
    ]);
    expect(report.entities).toBe(4);
    expect(stdout).not.toContain(value);
    expect(code).toBe(1);
  });

  it('reports a file that is not UTF-8 and reads the other files', async () => {
    const bad = await write(
      'latin1.yaml',
      Buffer.concat([
        Buffer.from(
          'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: caf',
        ),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ]),
    );
    await write('acme.yaml', docs(partner(), integration()));
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([
      { file: bad, message: 'File is not valid UTF-8 text' },
    ]);
    expect(report.entities).toBe(4);
    expect(report.findings).toEqual([]);
    expect(code).toBe(1);
  });

  it('reports an entity defined twice, in two files', async () => {
    const first = await write('a.yaml', docs(partner()));
    const second = await write('b.yaml', docs(partner('ACME'), integration()));
    const { code, report } = await runJson('validate');
    expect(report.errors).toEqual([
      {
        file: second,
        entityRef: 'partner:default/acme',
        path: 'metadata.name',
        message: `Duplicate entity partner:default/acme: already defined in ${first}`,
      },
    ]);
    expect(report.entities).toBe(5);
    expect(code).toBe(1);
  });

  it('reports an integration whose partner is not among the given files', async () => {
    const file = await write(
      'orphan.yaml',
      docs(integration('orphan-api', { partner: 'partner:ghost' })),
    );
    for (const command of ['validate', 'report'] as const) {
      const { code, report } = await runJson(command);
      expect(report.errors).toEqual([
        {
          file,
          entityRef: 'partnerintegration:default/orphan-api',
          path: 'spec.partner',
          message:
            'Partner partner:default/ghost is not defined in the given files',
        },
      ]);
      expect(report.findings).toEqual([]);
      expect(code).toBe(1);
    }
  });

  it('says so when the partner of an integration is there but not valid', async () => {
    const file = await write(
      'acme.yaml',
      docs(partner('acme', { type: 'wholesaler' }), integration()),
    );
    const { report } = await runJson('validate');
    expect(report.errors).toEqual([
      expect.objectContaining({
        file,
        entityRef: 'partner:default/acme',
        path: 'spec.type',
      }),
      {
        file,
        entityRef: 'partnerintegration:default/acme-orders',
        path: 'spec.partner',
        message:
          'Partner partner:default/acme is not valid (see its own error)',
      },
    ]);
  });

  it('resolves a partner given as a bare name in the integration namespace', async () => {
    await write(
      'acme.yaml',
      docs(partner(), integration('acme-orders', { partner: 'acme' })),
    );
    const { code, report } = await runJson('report');
    expect(report.errors).toEqual([]);
    expect(code).toBe(0);
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

  it('walks directories recursively, in order, skipping hidden entries, node_modules and other files', async () => {
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
    expect(report).toEqual({ entities: 4, errors: [], findings: [] });
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
        frameworks: ['NHI7', 'PR.AA-01'],
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
        frameworks: ['NHI1', 'GV.SC-10', 'CIS 15.7'],
      }),
    ]);
    expect(code).toBe(1);
    expect((await runJson('report', '--fail-on', 'none')).code).toBe(0);
  });

  it('validate never returns findings', async () => {
    await writeCritical();
    const { code, report } = await runJson('validate');
    expect(report).toEqual({ entities: 4, errors: [], findings: [] });
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

describe('text output', () => {
  const SEVERITY_RANK: Record<string, number> = {
    ERROR: 4,
    CRITICAL: 3,
    HIGH: 2,
    MEDIUM: 1,
    LOW: 0,
  };

  /** Parses the text report into file -> entity -> the first word of each line. */
  function parseText(text: string): Record<string, Record<string, string[]>> {
    const groups: Record<string, Record<string, string[]>> = {};
    let file: Record<string, string[]> | undefined;
    let entity: string[] | undefined;
    const lines = text.split('\n');
    for (const line of lines.slice(0, lines.length - 2)) {
      if (line === '') {
        file = entity = undefined;
      } else if (line.startsWith('    ')) {
        entity!.push(line.trim().split(/\s+/)[0]);
      } else if (line.startsWith('  ')) {
        entity = file![line.trim()] = [];
      } else {
        file = groups[line] = {};
      }
    }
    return groups;
  }

  async function writeMixedEstate() {
    await write('org.yaml', ORG);
    const acme = await write(
      'acme.yaml',
      docs(
        partner('acme', { lifecycle: '{ stage: measurement }' }),
        integration('acme-orders', {}, [
          identity({ lastRotated: '2025-12-01', expires: '2026-05-01' }),
          identity({
            name: 'webhook-key',
            type: 'api-key',
            secretRef: 'vault:partners/acme/webhook',
            expires: undefined,
          }),
        ]),
      ),
    );
    const broken = await write(
      'broken.yaml',
      docs(integration('broken-api', { type: 'carrier-pigeon' })),
    );
    return { acme, broken };
  }

  it('groups lines under file, then entity, worst first', async () => {
    const { acme, broken } = await writeMixedEstate();
    const json = (await runJson('report')).report;
    // The engine lists the identity's findings medium, high, low ...
    expect(
      json.findings
        .filter(
          (f: { entityRef: string }) =>
            f.entityRef === 'partnerintegration:default/acme-orders',
        )
        .map((f: { severity: string }) => f.severity),
    ).toEqual(['medium', 'high', 'low']);

    const result = await run([
      'report',
      estate,
      '--config',
      config,
      '--now',
      NOW,
    ]);
    expect(result.code).toBe(1);
    // ... and the text lists them worst first, under their file and entity.
    expect(parseText(result.stdout)).toEqual({
      [acme]: {
        'partner:default/acme': ['MEDIUM'],
        'partnerintegration:default/acme-orders': ['HIGH', 'MEDIUM', 'LOW'],
      },
      [broken]: {
        'partnerintegration:default/broken-api': ['ERROR'],
      },
    });
    for (const entities of Object.values(parseText(result.stdout))) {
      for (const severities of Object.values(entities)) {
        const ranks = severities.map(s => SEVERITY_RANK[s]);
        expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      }
    }
    expect(result.stdout).toContain(
      '    HIGH     identity-expired-active  Identity "orders-client" expired on 2026-05-01 and is still active [NHI7, NHI1]',
    );
    expect(result.stdout).toContain(
      '    ERROR    spec.type: must be equal to one of the allowed values',
    );
    expect(result.stdout.trimEnd().split('\n').pop()).toBe(
      '5 entities, 1 errors, 4 findings (0 critical, 1 high, 2 medium, 1 low)',
    );
  });

  it('has no colour when stdout is not a TTY', async () => {
    await writeMixedEstate();
    const result = await run(
      ['report', estate, '--config', config, '--now', NOW],
      { tty: false },
    );
    expect(result.stdout).not.toContain(ESC);
  });

  it('has colour on a TTY, unless NO_COLOR is set', async () => {
    await writeMixedEstate();
    const tty = await run(
      ['report', estate, '--config', config, '--now', NOW],
      { tty: true },
    );
    expect(tty.stdout).toContain(`${ESC}31mHIGH`);
    expect(tty.stdout).toContain(`${ESC}1;31mERROR`);
    // Same content once the escapes are gone.
    const plain = await run([
      'report',
      estate,
      '--config',
      config,
      '--now',
      NOW,
    ]);
    // eslint-disable-next-line no-control-regex
    expect(tty.stdout.replace(/\u001b\[[0-9;]*m/g, '')).toBe(plain.stdout);

    const noColor = await run(
      ['report', estate, '--config', config, '--now', NOW],
      { tty: true, env: { NO_COLOR: '1' } },
    );
    expect(noColor.stdout).not.toContain(ESC);
  });

  it('never colours JSON, even on a TTY', async () => {
    await writeMixedEstate();
    const result = await run(
      ['report', estate, '--format', 'json', '--config', config, '--now', NOW],
      { tty: true },
    );
    expect(result.stdout).not.toContain(ESC);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
  });
});

describe('secret values never appear in any output', () => {
  // Assembled at runtime, so that this file does not itself look like it
  // holds credentials.
  const join = (...parts: string[]) => parts.join('');
  const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'.repeat(2);
  const PEM = join(
    '-----BEGIN ',
    'RSA PRIV',
    'ATE KEY-----\n',
    PEM_BODY,
    '\n-----END ',
    'RSA PRIV',
    'ATE KEY-----',
  );
  const AWS = join('AK', 'IA', 'Z7LMNOPQRSTUV234');
  const GITHUB = join('gh', 'p_', 'a1B2c3D4e5F6g7H8i9J0'.repeat(2));
  const SLACK = join('xo', 'xb-', '1234567890-', 'AbCdEfGhIjKlMnOp');
  const JWT = join(
    'ey',
    'JhbGciOiJIUzI1NiJ9',
    '.',
    'ey',
    'JzdWIiOiJwYXJ0bmVyIn0',
    '.',
    'c2lnbmF0dXJlLXZhbHVl',
  );
  const keyed = (key: string) => join('Zq7xLm2v', '-', key, '-', 'Kp9wRt4s');

  /** Everything of the secret that must not be echoed. */
  const fragments = (secret: string) =>
    secret === PEM
      ? [PEM_BODY, PEM.split('\n')[0]]
      : [secret, secret.toLowerCase()];

  /**
   * Runs report and validate in both formats (on a TTY, so with colour) and
   * checks that no part of the secret is in stdout or stderr. Returns the
   * errors of the JSON report.
   */
  async function expectNoLeak(
    secret: string,
  ): Promise<Array<Record<string, string>>> {
    let errors: Array<Record<string, string>> = [];
    for (const format of ['json', 'text']) {
      for (const command of ['report', 'validate']) {
        const result = await run(
          [
            command,
            estate,
            '--format',
            format,
            '--config',
            config,
            '--now',
            NOW,
          ],
          { tty: true },
        );
        expect(result.code).toBe(1);
        for (const fragment of fragments(secret)) {
          expect(result.stdout).not.toContain(fragment);
          expect(result.stderr).not.toContain(fragment);
        }
        if (format === 'json') {
          errors = JSON.parse(result.stdout).errors;
        }
      }
    }
    expect(errors.length).toBeGreaterThan(0);
    return errors;
  }

  beforeEach(async () => {
    await write('org.yaml', ORG);
  });

  const shapes: Array<[string, string, (secret: string) => string, string]> = [
    [
      'a PEM private key in a description',
      PEM,
      s =>
        docs(
          partner('acme', {}, [
            'description: |',
            ...s.split('\n').map(l => `  ${l}`),
          ]),
          integration(),
        ),
      'metadata.description',
    ],
    [
      'an AWS access key as a secretRef',
      AWS,
      s =>
        docs(
          partner(),
          integration('acme-orders', {}, [identity({ secretRef: s })]),
        ),
      'spec.identities[0].secretRef',
    ],
    [
      'a GitHub token in an annotation',
      GITHUB,
      s =>
        docs(
          partner('acme', {}, ['annotations:', `  example.com/note: ${s}`]),
          integration(),
        ),
      'metadata.annotations["example.com/note"]',
    ],
    [
      'a Slack token in a scope',
      SLACK,
      s =>
        docs(
          partner(),
          integration('acme-orders', {}, [
            identity({ scopes: `[orders:read, ${s}]` }),
          ]),
        ),
      'spec.identities[0].scopes[1]',
    ],
    [
      'a JWT as an identity name',
      JWT,
      s =>
        docs(
          partner(),
          integration('acme-orders', {}, [identity({ name: s })]),
        ),
      'spec.identities[0].name',
    ],
  ];

  it.each(shapes)('%s', async (_name, secret, file, expectedPath) => {
    await write('acme.yaml', file(secret));
    const errors = await expectNoLeak(secret);
    expect(errors[0]).toEqual(
      expect.objectContaining({
        path: expectedPath,
        message: expect.stringContaining('holds a secret value'),
      }),
    );
  });

  it.each(['password', 'secret', 'token', 'apiKey', 'clientSecret'])(
    'a value under the key %s',
    async key => {
      const secret = keyed(key);
      await write(
        'acme.yaml',
        docs(
          partner(),
          integration('acme-orders', {}, [identity({ [key]: secret })]),
        ),
      );
      const errors = await expectNoLeak(secret);
      expect(errors).toEqual([
        expect.objectContaining({
          entityRef: 'partnerintegration:default/acme-orders',
          path: `spec.identities[0].${key}`,
          message: expect.stringContaining(`a value under the key "${key}"`),
        }),
      ]);
    },
  );

  it('a GitHub token as the entity name (the entity ref is withheld)', async () => {
    const file = await write('acme.yaml', docs(partner(GITHUB)));
    const errors = await expectNoLeak(GITHUB);
    expect(errors).toEqual([
      {
        file,
        path: 'metadata.name',
        message: expect.stringContaining(
          'metadata.name holds a secret value (a GitHub token)',
        ),
      },
    ]);
  });

  it('an AWS key as the namespace', async () => {
    const file = await write(
      'acme.yaml',
      docs(partner('acme', {}, [`namespace: ${AWS}`])),
    );
    const errors = await expectNoLeak(AWS);
    expect(errors).toEqual([
      {
        file,
        path: 'metadata.namespace',
        message: expect.stringContaining('(an AWS access key)'),
      },
    ]);
  });

  it('a token-shaped mapping key', async () => {
    await write('acme.yaml', docs(partner('acme', { [GITHUB]: 'x' })));
    const errors = await expectNoLeak(GITHUB);
    expect(errors).toEqual([
      expect.objectContaining({
        entityRef: 'partner:default/acme',
        path: 'spec',
        message:
          'must NOT have additional properties - additionalProperty: <withheld>',
      }),
    ]);
  });

  describe('in a malformed YAML document whose broken line holds it', () => {
    /** The entities the catalog's own parser reads in a file. */
    const catalogEntityCount = (text: string, file: string) => {
      let count = 0;
      try {
        for (const result of parseEntityYaml(text, {
          type: 'file',
          target: file,
        })) {
          count += result.type === 'entity' ? 1 : 0;
        }
      } catch {
        // the catalog stops reading a file at a document it cannot resolve
      }
      return count;
    };

    const broken: Array<[string, (secret: string) => string]> = [
      ['an unterminated quote', s => `  password: "${s}\n  other: 1\n`],
      ['an unclosed flow sequence', s => `  scopes: [${s}, \n`],
      [
        'a bad indentation',
        s => `  password: ${s}\n     bad: indentation\n   worse: 1\n`,
      ],
      ['an undefined alias', s => `  notes: *${s}\n`],
      ['an unknown tag', s => `  notes: !<${s}> value\n`],
      ['a duplicated key', s => `  token: ${s}\n  token: ${s}\n`],
    ];
    const secrets: Array<[string, string]> = [
      ['GitHub token', GITHUB],
      ['AWS key', AWS],
      ['password value', keyed('password')],
    ];
    const cases = broken.flatMap(([how, line]) =>
      secrets.map(
        ([what, secret]) => [`${how}, ${what}`, secret, line] as const,
      ),
    );

    it.each(cases)('%s', async (_name, secret, line) => {
      const text = docs(
        `apiVersion: partners.governance.dev/v1alpha1\nkind: Partner\nmetadata:\n  name: broken\nspec:\n${line(
          secret,
        )}`,
        partner(),
        integration(),
      );
      const file = await write('acme.yaml', text);
      await expectNoLeak(secret);
      const { report } = await runJson('report');
      // One error for the broken document, whichever the YAML reading makes
      // of it; the other documents are read as the catalog reads them.
      expect(report.errors).toEqual([expect.objectContaining({ file })]);
      // the org file's two, and the entities the catalog reads in this file
      expect(report.entities).toBe(2 + catalogEntityCount(text, file));
    });
  });

  it('a secret in the app-config does not appear in the config error', async () => {
    await writeCleanEstate();
    await fs.writeFile(config, `backend:\n  auth:\n    key: *${GITHUB}\n`);
    const result = await run(['report', estate, '--config', config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Invalid config/);
    expect(result.stderr).not.toContain(GITHUB);
    expect(result.stderr).not.toContain(GITHUB.toLowerCase());
  });

  it('a secret on the command line does not appear in the usage error', async () => {
    await writeCleanEstate();
    const result = await run([
      'report',
      estate,
      '--config',
      config,
      `--${GITHUB}`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option/);
    expect(result.stderr).not.toContain(GITHUB);
  });
});
