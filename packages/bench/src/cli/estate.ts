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
 * The CLI benchmark's estate: one multi-document YAML file per partner
 * holding the Partner and its integrations, one file of groups and users,
 * and the app-config with the partners policy.
 */

import fs from 'node:fs';
import path from 'node:path';
import type { PartnerIdentity } from '@partner-governance/plugin-partners-common';
import { identityDraw, integrationDraw, partnerBasics } from '../lib/generate';
import { ACCESS_PACKAGES, GROUPS, USERS } from '../lib/org';
import { dayOf, estateRandom, prng, type EstateRandom } from '../lib/prng';

/** The size and seed of the estate. */
interface CliEstateOptions {
  partners: number;
  integrations: number;
  identities: number;
  seed: number;
  now: string;
}

/** Where the estate was written, and what it holds. */
export interface CliEstate {
  dir: string;
  config: string;
  files: number;
  bytes: number;
  documents: number;
  identities: number;
}

function configYaml(): string {
  const lines = [
    'partners:',
    '  policy:',
    '    reviewCadenceDays: { critical: 30, high: 90, medium: 180, low: 365 }',
    '    rotationMaxDays: 90',
    '    dormantAfterDays: 90',
    '    contractNoticeDays: 30',
    '    exceptionMaxDays: 180',
    '  accessPackages:',
  ];
  for (const [name, pkg] of Object.entries(ACCESS_PACKAGES)) {
    lines.push(
      `    ${name}:`,
      `      description: Standard access package ${name}`,
      `      scopes: [${pkg.scopes.join(', ')}]`,
      `      environments: [${pkg.environments.join(', ')}]`,
      `      privileged: ${pkg.privileged}`,
    );
  }
  lines.push(
    '  sensitiveData: [customer-pii, payment-data, health-data, credentials]',
    '',
  );
  return lines.join('\n');
}

/** The organisation file: GROUPS teams and USERS users, each in one team. */
export function orgYaml(): string {
  const docs = [];
  for (let g = 0; g < GROUPS; g++) {
    docs.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata:',
        `  name: team-${g}`,
        `  description: Engineering team ${g}`,
        'spec:',
        '  type: team',
        '  profile:',
        `    displayName: Team ${g}`,
        `    email: team-${g}@example.com`,
        '  children: []',
      ].join('\n'),
    );
  }
  for (let u = 0; u < USERS; u++) {
    docs.push(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: User',
        'metadata:',
        `  name: user-${u}`,
        'spec:',
        '  profile:',
        `    displayName: User ${u}`,
        `    email: user-${u}@example.com`,
        `  memberOf: [team-${u % GROUPS}]`,
      ].join('\n'),
    );
  }
  return `---\n${docs.join('\n---\n')}\n`;
}

/** An identity as an item of `identities:`, one field a line. */
function identityLines(identity: PartnerIdentity): string[] {
  return Object.entries(identity).map(
    ([key, value], index) =>
      `${index ? '      ' : '    - '}${key}: ${
        Array.isArray(value) ? `[${value.join(', ')}]` : value
      }`,
  );
}

/**
 * One partner file: the Partner and its integrations. Most of the estate is
 * clean; a few percent of partners, integrations and identities trip a rule,
 * so the report carries a realistic number of findings.
 */
function partnerYaml(
  index: number,
  options: CliEstateOptions,
  r: EstateRandom,
): string {
  const name = `partner-${String(index).padStart(5, '0')}`;
  const { stage, tier, type, sensitive, aiSupplier, contractEnd } =
    partnerBasics(r);
  const dataAccess = sensitive
    ? '[customer-pii, order-history]'
    : '[order-history]';
  const lines = [
    '---',
    'apiVersion: partners.governance.dev/v1alpha1',
    'kind: Partner',
    'metadata:',
    `  name: ${name}`,
    `  title: Partner ${index}`,
    `  description: Generated ${type} partner number ${index} for the partners CLI benchmark.`,
    `  tags: [${type}, bench]`,
    '  annotations:',
    `    partners.governance.dev/crm-account: KBP-${10000 + index}`,
    'spec:',
    `  type: ${type}`,
    // 1% of owners and 2% of custodians name nobody in the catalog.
    `  owner: ${r.owner()}`,
    '  lifecycle:',
    `    stage: ${stage}`,
  ];
  // A few partners have no owner for their current stage.
  const stageOwners = new Map([['onboarding', r.user()]]);
  if (stage !== 'offboarded') {
    stageOwners.set(stage, r.user());
  }
  if (r.chance(0.03)) {
    stageOwners.delete(stage);
  }
  lines.push(
    stageOwners.size
      ? `    stageOwners: { ${[...stageOwners]
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')} }`
      : '    stageOwners: {}',
  );
  lines.push(
    '  risk:',
    `    tier: ${tier}`,
    `    criticality: ${r.pick(['low', 'medium', 'high'])}`,
    `    dataAccess: ${dataAccess}`,
    '    dueDiligence:',
  );
  if (stage === 'onboarding' || !r.chance(0.03)) {
    lines.push(
      `      completed: ${r.date(300 + Math.floor(r.random() * 300))}`,
    );
  }
  lines.push(
    `      reference: DD-${index}`,
    '    ai:',
    `      supplies: ${aiSupplier}`,
    ...(aiSupplier && r.chance(0.3) ? [] : ['      contingencyPlan: PLAN-1']),
    '  contract:',
    `    start: ${r.date(900)}`,
    `    end: ${contractEnd}`,
    '    status: active',
    `  lastActivity: ${r.date(
      r.chance(0.03) ? 200 : Math.floor(r.random() * 30),
    )}`,
    `  supportChannels: [slack:partner-${index}, email:partner-${index}@example.com]`,
  );
  if (r.chance(0.2)) {
    lines.push(
      '  incidents:',
      `    - date: ${r.date(Math.floor(r.random() * 300))}`,
      `      severity: ${r.pick(['low', 'medium', 'high'])}`,
      '      summary: Generated incident for the benchmark.',
      `      reference: INC-${index}`,
    );
  }

  for (let i = 0; i < options.integrations; i++) {
    const integration = `${name}-int-${i}`;
    const draw = integrationDraw(r, name, stage);
    const { spec } = draw;
    lines.push(
      '---',
      'apiVersion: partners.governance.dev/v1alpha1',
      'kind: PartnerIntegration',
      'metadata:',
      `  name: ${integration}`,
      `  title: Integration ${i} of partner ${index}`,
      `  description: Generated integration using the ${draw.packageName} access package.`,
      'spec:',
      `  partner: ${spec.partner}`,
      `  type: ${spec.type}`,
      `  owner: ${spec.owner}`,
      `  environment: ${spec.environment}`,
      ...(spec.accessPackage ? [`  accessPackage: ${spec.accessPackage}`] : []),
      '  accesses:',
      ...draw.accesses.map(target => `    - ${target}`),
      '  identities:',
    );
    for (let k = 0; k < options.identities; k++) {
      lines.push(
        ...identityLines(identityDraw(r, draw, `${name}/${integration}`, k)),
      );
    }
  }
  lines.push('');
  return lines.join('\n');
}

/** Writes the estate under `root`: estate/ and app-config.yaml. */
export function generateEstate(
  root: string,
  options: CliEstateOptions,
): CliEstate {
  const dir = path.join(root, 'estate');
  fs.mkdirSync(path.join(dir, 'partners'), { recursive: true });
  const r = estateRandom(prng(options.seed), dayOf(options.now));
  let bytes = 0;
  const write = (file: string, text: string) => {
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  };
  write(path.join(dir, 'org.yaml'), orgYaml());
  for (let p = 0; p < options.partners; p++) {
    write(
      path.join(dir, 'partners', `partner-${String(p).padStart(5, '0')}.yaml`),
      partnerYaml(p, options, r),
    );
  }
  const config = path.join(root, 'app-config.yaml');
  fs.writeFileSync(config, configYaml());
  return {
    dir,
    config,
    files: options.partners + 1,
    bytes,
    documents: GROUPS + USERS + options.partners * (1 + options.integrations),
    identities: options.partners * options.integrations * options.identities,
  };
}
