#!/usr/bin/env node
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
 * Benchmark of `partners report` against a raw YAML parse of the same files.
 *
 *   yarn bench:cli [--partners 10000] [--integrations 2] [--identities 5]
 *                  [--reps 5] [--seed 1] [--now 2026-11-28] [--out file.json]
 *                  [--breakdown] [--keep]
 *
 * It writes a seeded, deterministic estate (one multi-document YAML file per
 * partner holding the Partner and its integrations, plus one file of groups
 * and users) into a temporary directory, then measures, alternating, several
 * repetitions of
 *   (a) baseline: read every file and parse its documents as the catalog
 *                 does (the yaml library's parseAllDocuments, then toJSON);
 *   (b) report:   `partners report <dir> --format json` in-process (runCli,
 *                 output to a byte-counting sink).
 * It prints the median wall times, throughput, the report/baseline ratio and
 * the peak RSS of each, measured once more in a separate child process each.
 * --breakdown also times the stages of the report on their own.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const {
  NOW,
  DAY,
  prng,
  GROUPS,
  USERS,
  ACCESS_PACKAGES,
  PACKAGE_NAMES,
  time,
  median,
  fmt,
  table,
  ...utils
} = require('@partner-governance/bench-utils');

const PACKAGE_DIR = path.resolve(__dirname, '..');

// --- arguments ---------------------------------------------------------------

function parseArgs(argv) {
  return utils.parseArgs(
    argv,
    {
      partners: 10000,
      integrations: 2,
      identities: 5,
      reps: 5,
      seed: 1,
      now: NOW,
      out: undefined,
      breakdown: false,
      keep: false,
      child: undefined,
      dir: undefined,
      config: undefined,
    },
    {
      flags: ['breakdown', 'keep'],
      usage:
        'usage: node bench/cli.js [--partners N] [--integrations M] [--identities K] [--reps R] [--seed S] [--now DATE] [--out FILE] [--breakdown] [--keep]',
    },
  );
}

// --- estate generator --------------------------------------------------------

function configYaml() {
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

function orgYaml() {
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

/**
 * One partner file: the Partner and its integrations. Most of the estate is
 * clean; a few percent of partners, integrations and identities trip a rule,
 * so the report carries a realistic number of findings.
 */
function partnerYaml(index, options, random, today) {
  const pick = list => list[Math.floor(random() * list.length)];
  const chance = p => random() < p;
  const date = daysAgo =>
    new Date((today - daysAgo) * DAY).toISOString().slice(0, 10);
  const group = () => `group:team-${Math.floor(random() * GROUPS)}`;
  // 1% of owners and 2% of custodians name nobody in the catalog.
  const owner = () => (chance(0.01) ? 'group:team-disbanded' : group());
  const user = () => `user:user-${Math.floor(random() * USERS)}`;

  const name = `partner-${String(index).padStart(5, '0')}`;
  const stage = chance(0.01)
    ? 'offboarded'
    : pick([
        'onboarding',
        'enablement',
        'measurement',
        'measurement',
        'measurement',
        'offboarding',
      ]);
  const tier = pick(['low', 'medium', 'high', 'high', 'critical']);
  const type = pick([
    'referral',
    'reseller',
    'integrator',
    'co-support',
    'managed-service',
    'strategic-alliance',
  ]);
  const sensitive = tier === 'high' || tier === 'critical';
  const aiSupplier = chance(0.05);
  const dataAccess = sensitive
    ? '[customer-pii, order-history]'
    : '[order-history]';
  // 2% end within the notice period, 1% ended a month ago.
  let contractEnd = date(-400 - Math.floor(random() * 400));
  if (chance(0.02)) {
    contractEnd = date(-10);
  } else if (chance(0.01)) {
    contractEnd = date(30);
  }
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
    `  owner: ${owner()}`,
    '  lifecycle:',
    `    stage: ${stage}`,
  ];
  // A few partners have no owner for their current stage.
  const stageOwners = new Map([['onboarding', user()]]);
  if (stage !== 'offboarded') {
    stageOwners.set(stage, user());
  }
  if (chance(0.03)) {
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
    `    criticality: ${pick(['low', 'medium', 'high'])}`,
    `    dataAccess: ${dataAccess}`,
    '    dueDiligence:',
  );
  if (stage === 'onboarding' || !chance(0.03)) {
    lines.push(`      completed: ${date(300 + Math.floor(random() * 300))}`);
  }
  lines.push(
    `      reference: DD-${index}`,
    '    ai:',
    `      supplies: ${aiSupplier}`,
    ...(aiSupplier && chance(0.3) ? [] : ['      contingencyPlan: PLAN-1']),
    '  contract:',
    `    start: ${date(900)}`,
    `    end: ${contractEnd}`,
    '    status: active',
    `  lastActivity: ${date(chance(0.03) ? 200 : Math.floor(random() * 30))}`,
    `  supportChannels: [slack:partner-${index}, email:partner-${index}@example.com]`,
  );
  if (chance(0.2)) {
    lines.push(
      '  incidents:',
      `    - date: ${date(Math.floor(random() * 300))}`,
      `      severity: ${pick(['low', 'medium', 'high'])}`,
      '      summary: Generated incident for the benchmark.',
      `      reference: INC-${index}`,
    );
  }

  for (let i = 0; i < options.integrations; i++) {
    const packageName = pick(PACKAGE_NAMES);
    const pkg = ACCESS_PACKAGES[packageName];
    const environment = pkg.environments[0];
    const integration = `${name}-int-${i}`;
    lines.push(
      '---',
      'apiVersion: partners.governance.dev/v1alpha1',
      'kind: PartnerIntegration',
      'metadata:',
      `  name: ${integration}`,
      `  title: Integration ${i} of partner ${index}`,
      `  description: Generated integration using the ${packageName} access package.`,
      'spec:',
      `  partner: partner:${name}`,
      `  type: ${pick([
        'api',
        'sandbox',
        'data-feed',
        'support-tooling',
        'sso',
      ])}`,
      `  owner: ${owner()}`,
      `  environment: ${environment}`,
    );
    if (stage === 'onboarding' || !chance(0.02)) {
      lines.push(`  accessPackage: ${packageName}`);
    }
    lines.push(
      '  accesses:',
      `    - api:api-${Math.floor(random() * 50)}`,
      `    - component:service-${Math.floor(random() * 200)}`,
      '  identities:',
    );
    for (let k = 0; k < options.identities; k++) {
      const scopes = pkg.scopes.slice(
        0,
        1 + Math.floor(random() * pkg.scopes.length),
      );
      if (chance(0.02)) {
        scopes.push('admin:all');
      }
      const rotated = chance(0.05)
        ? 100 + Math.floor(random() * 100)
        : Math.floor(random() * 80);
      lines.push(
        `    - name: identity-${k}`,
        `      type: ${pick([
          'api-key',
          'oauth-client',
          'service-account',
          'token',
          'certificate',
          'webhook-secret',
        ])}`,
        `      scopes: [${scopes.join(', ')}]`,
        `      environment: ${chance(0.01) ? 'sandbox' : environment}`,
        `      secretRef: vault:partners/${name}/${integration}/identity-${
          chance(0.005) ? 0 : k
        }`,
        `      issued: ${date(rotated + 200)}`,
        `      lastRotated: ${date(rotated)}`,
      );
      if (!chance(0.03)) {
        lines.push(
          `      expires: ${date(
            chance(0.01) ? 5 : -200 - Math.floor(random() * 200),
          )}`,
        );
      }
      lines.push(
        `      lastUsed: ${date(
          chance(0.03) ? 120 : Math.floor(random() * 20),
        )}`,
      );
      if (chance(0.1)) {
        lines.push(
          `      custodian: ${chance(0.2) ? 'user:departed' : user()}`,
        );
      }
      if (pkg.privileged && chance(0.5)) {
        lines.push('      privileged: true');
      }
      lines.push(`      status: ${chance(0.05) ? 'revoked' : 'active'}`);
    }
  }
  lines.push('');
  return lines.join('\n');
}

function generateEstate(root, options) {
  const dir = path.join(root, 'estate');
  fs.mkdirSync(path.join(dir, 'partners'), { recursive: true });
  const random = prng(options.seed);
  const today = Math.floor(Date.parse(options.now) / DAY);
  let bytes = 0;
  const write = (file, text) => {
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
  };
  write(path.join(dir, 'org.yaml'), orgYaml());
  for (let p = 0; p < options.partners; p++) {
    write(
      path.join(dir, 'partners', `partner-${String(p).padStart(5, '0')}.yaml`),
      partnerYaml(p, options, random, today),
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

// --- the two measured operations --------------------------------------------

/** Files under a directory, the way the CLI walks it (sorted, recursive). */
function listYamlFiles(dir) {
  const out = [];
  const walk = current => {
    const entries = fs.readdirSync(current, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const child = path.join(current, entry.name);
      if (entry.isDirectory()) {
        walk(child);
      } else if (/\.ya?ml$/i.test(entry.name)) {
        out.push(child);
      }
    }
  };
  walk(dir);
  return out;
}

/** (a) Read every file and parse its documents as the catalog does. */
async function baseline(dir) {
  const { parseAllDocuments } = require('yaml');
  let documents = 0;
  for (const file of listYamlFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const doc of parseAllDocuments(text)) {
      const data = doc.toJSON();
      if (data !== null && data !== undefined) {
        documents += 1;
      }
    }
  }
  return { documents };
}

let cli;
function loadCli() {
  if (!cli) {
    require('@backstage/cli/config/nodeTransform.cjs');
    cli = require(path.join(PACKAGE_DIR, 'src'));
  }
  return cli;
}

/** (b) `partners report <dir> --format json`, in-process, output to a sink. */
async function report(dir, config, now, keepOutput = false) {
  const { runCli } = loadCli();
  let bytes = 0;
  const chunks = [];
  const sink = {
    write(text) {
      bytes += Buffer.byteLength(text);
      if (keepOutput) chunks.push(text);
      return true;
    },
    isTTY: false,
  };
  const stderr = [];
  const code = await runCli(
    [
      'report',
      dir,
      '--format',
      'json',
      '--config',
      config,
      '--now',
      now,
      '--fail-on',
      'none',
    ],
    { stdout: sink, stderr: { write: t => stderr.push(t) }, env: {} },
  );
  // With --fail-on none, 1 means errors in the files: the caller checks them.
  if (code !== 0 && !(code === 1 && keepOutput)) {
    throw new Error(`partners report exited ${code}: ${stderr.join('')}`);
  }
  return { bytes, output: keepOutput ? chunks.join('') : undefined };
}

// --- helpers -------------------------------------------------------------------

/** Runs one operation in a fresh child process: wall time and peak RSS. */
function inChild(mode, estate, options) {
  const result = spawnSync(
    process.execPath,
    [
      __filename,
      '--child',
      mode,
      '--dir',
      estate.dir,
      '--config',
      estate.config,
      '--now',
      options.now,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    throw new Error(
      `child ${mode} failed (${result.status}): ${result.stderr}`,
    );
  }
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

async function runChild(options) {
  if (options.child === 'report') {
    loadCli(); // module loading (and TS transpiling) is not part of the run
  } else {
    require('yaml');
  }
  const rssBefore = process.memoryUsage().rss;
  const start = process.hrtime.bigint();
  if (options.child === 'report') {
    await report(options.dir, options.config, options.now);
  } else if (options.child === 'baseline') {
    await baseline(options.dir);
  } else {
    throw new Error(`Unknown child mode ${options.child}`);
  }
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  process.stdout.write(
    `${JSON.stringify({
      mode: options.child,
      ms,
      rssBeforeKb: Math.round(rssBefore / 1024),
      maxRssKb: process.resourceUsage().maxRSS,
    })}\n`,
  );
}

// --- breakdown: where the report spends its time ------------------------------

async function breakdown(estate, options) {
  loadCli();
  require('@backstage/cli/config/nodeTransform.cjs');
  const yaml = require('yaml');
  const files = require(path.join(PACKAGE_DIR, 'src', 'files'));
  const common = require('@partner-governance/plugin-partners-common');
  const model = require('@backstage/catalog-model');
  const { ConfigReader } = require('@backstage/config');
  const config = common.readPartnersConfig(
    new ConfigReader(yaml.parse(fs.readFileSync(estate.config, 'utf8'))),
  );
  const stages = {};
  const measure = async (name, fn) => {
    const { ms, result } = await time(fn);
    stages[name] = ms;
    return result;
  };

  const list = await measure('collect files', () =>
    files.collectFiles([estate.dir]),
  );
  const docs = await measure(
    'read + split + parse (readDocuments)',
    async () => {
      const out = [];
      const problems = {
        error: e => {
          throw new Error(e.message);
        },
      };
      for (const file of list)
        out.push(...(await files.readDocuments(file, problems)));
      return out;
    },
  );
  await measure('secret scan (findSecretValues)', () => {
    for (const d of docs) common.findSecretValues(d.data);
  });
  const policies = [
    [
      'NoForeignRootFieldsEntityPolicy',
      new model.NoForeignRootFieldsEntityPolicy(),
    ],
    ['SchemaValidEntityPolicy', new model.SchemaValidEntityPolicy()],
    [
      'default namespace (shallow copy)',
      {
        enforce: async e =>
          e.metadata.namespace
            ? e
            : { ...e, metadata: { ...e.metadata, namespace: 'default' } },
      },
    ],
    ['FieldFormatEntityPolicy', new model.FieldFormatEntityPolicy()],
  ];
  const enforceAll = async (policy, input) => {
    const out = [];
    for (const e of input) out.push(await policy.enforce(e));
    return out;
  };
  let entities = docs.map(d => d.data);
  for (const [name, policy] of policies) {
    const input = entities;
    entities = await measure(`envelope: ${name}`, () =>
      enforceAll(policy, input),
    );
  }
  await measure('kind validators (ajv + dates)', async () => {
    for (const e of entities) {
      if (e.kind === 'Partner')
        common.partnerEntityV1alpha1Validator.checkSync(e);
      else if (e.kind === 'PartnerIntegration')
        common.partnerIntegrationEntityV1alpha1Validator.checkSync(e);
      else if (e.kind === 'Group')
        await model.groupEntityV1alpha1Validator.check(e);
      else if (e.kind === 'User')
        await model.userEntityV1alpha1Validator.check(e);
    }
  });
  await measure('entity refs + duplicate check', () => {
    const seen = new Set();
    for (const e of entities) {
      const { namespace = 'default', name } = e.metadata;
      seen.add(`${e.kind}:${namespace}/${name}`.toLowerCase());
    }
  });
  const findings = await measure('rules (evaluatePartnerRules)', () => {
    const owners = entities.filter(
      e => e.kind === 'Group' || e.kind === 'User',
    );
    return common.evaluatePartnerRules({
      entities,
      config,
      now: options.now,
      knownOwners: new Set(
        owners.map(e => model.stringifyEntityRef(e).toLocaleLowerCase('en-US')),
      ),
    });
  });
  await measure('format JSON', () =>
    JSON.stringify({ entities: docs.length, errors: [], findings }, null, 2),
  );
  return stages;
}

// --- main ----------------------------------------------------------------------------

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.child) {
    await runChild(options);
    return;
  }

  const startLoad = os.loadavg().map(n => Number(n.toFixed(2)));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'partners-bench-'));
  const log = text => process.stderr.write(`${text}\n`);
  try {
    log(
      `Generating ${options.partners} partners x ${options.integrations} integrations x ${options.identities} identities (seed ${options.seed}) in ${root}`,
    );
    const genStart = Date.now();
    const estate = generateEstate(root, options);
    log(
      `  ${estate.files} files, ${estate.documents} documents, ${
        estate.identities
      } identities, ${fmt(estate.bytes / 1e6, 1)} MB in ${fmt(
        (Date.now() - genStart) / 1000,
        1,
      )} s`,
    );

    // Warm-up, and a check that the estate is what we think it is.
    const check = await report(estate.dir, estate.config, options.now, true);
    const parsed = JSON.parse(check.output);
    if (parsed.errors.length > 0 || parsed.entities !== estate.documents) {
      throw new Error(
        `Unexpected report: ${parsed.entities} entities, ${
          parsed.errors.length
        } errors, first: ${JSON.stringify(parsed.errors[0])}`,
      );
    }
    const base = await baseline(estate.dir);
    if (base.documents !== estate.documents) {
      throw new Error(
        `Baseline parsed ${base.documents} documents, expected ${estate.documents}`,
      );
    }
    const findingsByRule = {};
    for (const f of parsed.findings)
      findingsByRule[f.ruleId] = (findingsByRule[f.ruleId] ?? 0) + 1;
    log(
      `  report: ${parsed.findings.length} findings over ${
        Object.keys(findingsByRule).length
      } rules, ${fmt(check.bytes / 1e6, 1)} MB of JSON`,
    );

    const times = { baseline: [], report: [] };
    for (let rep = 0; rep < options.reps; rep++) {
      // Alternate which goes first, so neither always runs on a warmer heap.
      const order = rep % 2 ? ['report', 'baseline'] : ['baseline', 'report'];
      for (const mode of order) {
        const { ms } = await time(() =>
          mode === 'baseline'
            ? baseline(estate.dir)
            : report(estate.dir, estate.config, options.now),
        );
        times[mode].push(ms);
        log(`  rep ${rep + 1}/${options.reps} ${mode.padEnd(8)} ${fmt(ms)} ms`);
      }
    }

    log('  peak RSS: one child process each');
    const child = {
      baseline: inChild('baseline', estate, options),
      report: inChild('report', estate, options),
    };

    const stages = options.breakdown
      ? await breakdown(estate, options)
      : undefined;

    const result = {
      benchmark: 'partners-cli report vs raw YAML parse',
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      loadAverageAtStart: startLoad,
      loadAverageAtEnd: os.loadavg().map(n => Number(n.toFixed(2))),
      partners: options.partners,
      integrationsPerPartner: options.integrations,
      identitiesPerIntegration: options.identities,
      seed: options.seed,
      now: options.now,
      files: estate.files,
      documents: estate.documents,
      identities: estate.identities,
      megabytes: Number((estate.bytes / 1e6).toFixed(2)),
      findings: parsed.findings.length,
      findingsByRule,
      reps: options.reps,
      results: {},
      ratio: undefined,
      goal: 2,
      ...(stages && {
        breakdownMs: Object.fromEntries(
          Object.entries(stages).map(([k, v]) => [k, Math.round(v)]),
        ),
      }),
    };
    for (const mode of ['baseline', 'report']) {
      const med = median(times[mode]);
      result.results[mode] = {
        medianMs: Math.round(med),
        minMs: Math.round(Math.min(...times[mode])),
        maxMs: Math.round(Math.max(...times[mode])),
        identitiesPerSec: Math.round(estate.identities / (med / 1000)),
        documentsPerSec: Math.round(estate.documents / (med / 1000)),
        mbPerSec: Number((estate.bytes / 1e6 / (med / 1000)).toFixed(2)),
        childMs: Math.round(child[mode].ms),
        childRssBeforeMb: Math.round(child[mode].rssBeforeKb / 1024),
        childPeakRssMb: Math.round(child[mode].maxRssKb / 1024),
      };
    }
    result.ratio = Number(
      (
        result.results.report.medianMs / result.results.baseline.medianMs
      ).toFixed(2),
    );

    const rows = [
      [
        '',
        'median ms',
        'min ms',
        'max ms',
        'identities/s',
        'documents/s',
        'MB/s',
        'peak RSS MB',
      ],
    ];
    for (const mode of ['baseline', 'report']) {
      const r = result.results[mode];
      rows.push([
        mode === 'baseline'
          ? '(a) read + parse as the catalog does'
          : '(b) partners report --format json',
        fmt(r.medianMs),
        fmt(r.minMs),
        fmt(r.maxMs),
        fmt(r.identitiesPerSec),
        fmt(r.documentsPerSec),
        fmt(r.mbPerSec, 1),
        fmt(r.childPeakRssMb),
      ]);
    }
    const out = [
      '',
      `${fmt(estate.files)} files, ${fmt(estate.documents)} documents, ${fmt(
        estate.identities,
      )} identities, ${fmt(estate.bytes / 1e6, 1)} MB; ${
        options.reps
      } alternating reps; node ${process.version}, ${os.cpus().length} CPUs`,
      table(rows),
      `ratio report / baseline: ${result.ratio}x (goal <= ${result.goal}x: ${
        result.ratio <= result.goal ? 'met' : 'NOT met'
      })`,
    ];
    if (stages) {
      out.push('', 'breakdown of the report (each stage on its own, ms):');
      out.push(table(Object.entries(stages).map(([k, v]) => [k, fmt(v)])));
    }
    process.stdout.write(`${out.join('\n')}\n\n${JSON.stringify(result)}\n`);
    if (options.out) {
      fs.writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
    }
  } finally {
    if (options.keep) {
      log(`kept ${root}`);
    } else {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }
}

main().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
