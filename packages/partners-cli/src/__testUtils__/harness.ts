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
import { partnersEntityDataParser } from '@partner-governance/plugin-catalog-backend-module-partners';
import { runCli } from '../cli';

// The harness of the in-process tests of the `partners` command line. Every
// test writes its own estate into a temporary directory (importing this
// registers the hooks that make and remove it) and always passes --config
// explicitly: the default (./app-config.yaml) depends on the working
// directory, which a jest worker must not change.

export const NOW = '2026-06-01';
export const ESC = '\u001b[';

// --- fixtures -------------------------------------------------------------------

type Fields = Record<string, string | undefined>;

/** `key: value` lines; a field set to undefined is left out. */
function render(fields: Fields, indent: string): string[] {
  return Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${indent}${key}: ${value}`);
}

/** One identity of an integration; clean as of NOW unless overridden. */
export function identity(overrides: Fields = {}): string {
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
export function partner(
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
export function integration(
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
export const docs = (...documents: string[]) =>
  documents.map(d => `---\n${d}`).join('');

export const ORG = docs(
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

export let root: string;
export let estate: string;
export let config: string;

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
export async function write(
  name: string,
  content: string | Buffer,
): Promise<string> {
  const file = path.join(estate, name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  return file;
}

/** The clean estate: 2 org entities, a partner and its integration. */
export async function writeCleanEstate() {
  await write('org.yaml', ORG);
  return write('acme.yaml', docs(partner(), integration()));
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(
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
export async function runJson(
  command: 'report' | 'validate',
  ...extra: string[]
) {
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

export const ruleIds = (report: { findings: Array<{ ruleId: string }> }) =>
  report.findings.map(f => f.ruleId).sort();

/**
 * What the catalog, with the partners module installed, reads in a file: the
 * documents it turns into entities and the documents it reports.
 */
export async function catalogReading(text: string) {
  const entities: unknown[] = [];
  let errors = 0;
  for await (const result of partnersEntityDataParser({
    data: Buffer.from(text),
    location: { type: 'file', target: 'x' },
  })) {
    if (result.type === 'entity') {
      entities.push(result.entity);
    } else {
      errors += 1;
    }
  }
  return { entities, errors };
}
