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
 * Shared pieces of the partners-backend benchmarks (bench/sync.js and
 * bench/api.js) and of the portal benchmark (packages/e2e-tests/bench/ui.js):
 * argument parsing, a seeded estate of Partner and PartnerIntegration
 * entities as the catalog returns them, a catalog stub, fresh migrated
 * databases (SQLite file or PostgreSQL), the store's row mapping for the
 * raw-insert floor, synthetic findings and access reviews, and timing
 * helpers.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const utils = require('@partner-governance/bench-utils');

const { NOW, DAY, prng, GROUPS, USERS, ACCESS_PACKAGES, PACKAGE_NAMES } = utils;

const PACKAGE_DIR = path.resolve(__dirname, '..');
const MIGRATIONS_DIR = path.join(PACKAGE_DIR, 'migrations');
/** The store's rows per INSERT statement (DatabaseIdentityIndexStore BATCH). */
const BATCH = 50;
const PAGE = 500;
const PG_URL =
  process.env.PARTNERS_BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';

// --- arguments ---------------------------------------------------------------

function parseArgs(argv, defaults, flags = []) {
  const options = utils.parseArgs(argv, defaults, { flags });
  if (!['sqlite', 'pg', 'both'].includes(options.db)) {
    throw new Error(`--db must be sqlite, pg or both, got ${options.db}`);
  }
  return options;
}

// --- estate ------------------------------------------------------------------

/** One in HOT_EVERY integrations also accesses HOT_COMPONENT. */
const HOT_COMPONENT = 'component:checkout-hub';
const HOT_EVERY = 20;

/**
 * The estate as the catalog returns it to the sync (only the fields the sync
 * asks for: apiVersion, kind, metadata name/namespace/title/description,
 * spec), in the shapes of examples/partners/*.yaml and of
 * packages/partners-cli/bench/cli.js. Dates are strings, as the catalog
 * reads YAML with the core schema.
 */
function generateEntities(options) {
  const random = prng(options.seed);
  const today = Math.floor(Date.parse(options.now ?? NOW) / DAY);
  const pick = list => list[Math.floor(random() * list.length)];
  const chance = p => random() < p;
  const date = daysAgo =>
    new Date((today - daysAgo) * DAY).toISOString().slice(0, 10);
  const group = () => `group:team-${Math.floor(random() * GROUPS)}`;
  const owner = () => (chance(0.01) ? 'group:team-disbanded' : group());
  const user = () => `user:user-${Math.floor(random() * USERS)}`;
  const entities = [];
  let identities = 0;
  let integrationIndex = 0;

  for (let index = 0; index < options.partners; index++) {
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
    let contractEnd = date(-400 - Math.floor(random() * 400));
    if (chance(0.02)) {
      contractEnd = date(-10);
    } else if (chance(0.01)) {
      contractEnd = date(30);
    }
    const stageOwners = { onboarding: user() };
    if (stage !== 'offboarded') {
      stageOwners[stage] = user();
    }
    if (chance(0.03)) {
      delete stageOwners[stage];
    }
    const spec = {
      type,
      owner: owner(),
      lifecycle: { stage, stageOwners },
      risk: {
        tier,
        criticality: pick(['low', 'medium', 'high']),
        dataAccess: sensitive
          ? ['customer-pii', 'order-history']
          : ['order-history'],
        dueDiligence: {
          ...(stage === 'onboarding' || !chance(0.03)
            ? { completed: date(300 + Math.floor(random() * 300)) }
            : {}),
          reference: `DD-${index}`,
        },
        ai: {
          supplies: aiSupplier,
          ...(aiSupplier && chance(0.3) ? {} : { contingencyPlan: 'PLAN-1' }),
        },
      },
      contract: { start: date(900), end: contractEnd, status: 'active' },
      lastActivity: date(chance(0.03) ? 200 : Math.floor(random() * 30)),
      supportChannels: [
        `slack:partner-${index}`,
        `email:partner-${index}@example.com`,
      ],
    };
    if (chance(0.2)) {
      spec.incidents = [
        {
          date: date(Math.floor(random() * 300)),
          severity: pick(['low', 'medium', 'high']),
          summary: 'Generated incident for the benchmark.',
          reference: `INC-${index}`,
        },
      ];
    }
    entities.push({
      apiVersion: 'partners.governance.dev/v1alpha1',
      kind: 'Partner',
      metadata: {
        name,
        namespace: 'default',
        title: `Partner ${index}`,
        description: `Generated ${type} partner number ${index} for the partners backend benchmark.`,
      },
      spec,
    });

    for (let i = 0; i < options.integrations; i++) {
      const packageName = pick(PACKAGE_NAMES);
      const pkg = ACCESS_PACKAGES[packageName];
      const environment = pkg.environments[0];
      const integration = `${name}-int-${i}`;
      const ispec = {
        partner: `partner:${name}`,
        type: pick(['api', 'sandbox', 'data-feed', 'support-tooling', 'sso']),
        owner: owner(),
        environment,
      };
      if (stage === 'onboarding' || !chance(0.02)) {
        ispec.accessPackage = packageName;
      }
      ispec.accesses = [
        `api:api-${Math.floor(random() * 50)}`,
        `component:service-${Math.floor(random() * 200)}`,
      ];
      if (integrationIndex++ % HOT_EVERY === 0) {
        ispec.accesses.push(HOT_COMPONENT);
      }
      ispec.identities = [];
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
        const identity = {
          name: `identity-${k}`,
          type: pick([
            'api-key',
            'oauth-client',
            'service-account',
            'token',
            'certificate',
            'webhook-secret',
          ]),
          scopes,
          environment: chance(0.01) ? 'sandbox' : environment,
          secretRef: `vault:partners/${name}/${integration}/identity-${
            chance(0.005) ? 0 : k
          }`,
          issued: date(rotated + 200),
          lastRotated: date(rotated),
        };
        if (!chance(0.03)) {
          identity.expires = date(
            chance(0.01) ? 5 : -200 - Math.floor(random() * 200),
          );
        }
        identity.lastUsed = date(
          chance(0.03) ? 120 : Math.floor(random() * 20),
        );
        if (chance(0.1)) {
          identity.custodian = chance(0.2) ? 'user:departed' : user();
        }
        if (pkg.privileged && chance(0.5)) {
          identity.privileged = true;
        }
        identity.status = chance(0.05) ? 'revoked' : 'active';
        ispec.identities.push(identity);
        identities += 1;
      }
      entities.push({
        apiVersion: 'partners.governance.dev/v1alpha1',
        kind: 'PartnerIntegration',
        metadata: {
          name: integration,
          namespace: 'default',
          title: `Integration ${i} of partner ${index}`,
          description: `Generated integration using the ${packageName} access package.`,
        },
        spec: ispec,
      });
    }
  }
  return { entities, identities };
}

/**
 * A copy of the estate in which every 100th integration changed: one
 * identity's lastUsed moved a day and its first identity renamed (so the
 * store both upserts and marks one identity gone).
 */
function changeOnePercent(entities) {
  let n = 0;
  let changed = 0;
  const out = entities.map(entity => {
    if (entity.kind !== 'PartnerIntegration' || n++ % 100 !== 0) {
      return entity;
    }
    changed += 1;
    const copy = structuredClone(entity);
    const identities = copy.spec.identities;
    if (identities.length) {
      identities[0].name = `${identities[0].name}-rotated`;
      identities[identities.length - 1].lastUsed = NOW;
    }
    copy.spec.accesses = [
      ...copy.spec.accesses.slice(1),
      'component:new-target',
    ];
    return copy;
  });
  return { entities: out, changed };
}

/** A CatalogService stub: streamEntities yields pages of PAGE entities. */
function catalogStub(entities) {
  return {
    async *streamEntities(_request, _options) {
      for (let i = 0; i < entities.length; i += PAGE) {
        // A page is a fresh array, as a catalog client returns it.
        yield entities.slice(i, i + PAGE);
      }
    },
  };
}

const noopLogger = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return this;
  },
};
const auth = { getOwnServiceCredentials: async () => ({}) };

// --- the TypeScript sources --------------------------------------------------

let sources;
function loadSources() {
  if (!sources) {
    require('@backstage/cli/config/nodeTransform.cjs');
    sources = {
      store: require(path.join(
        PACKAGE_DIR,
        'src/database/DatabaseIdentityIndexStore',
      )),
      sync: require(path.join(PACKAGE_DIR, 'src/services/IdentityIndexSync')),
      common: require('@partner-governance/plugin-partners-common'),
      model: require('@backstage/catalog-model'),
    };
  }
  return sources;
}

/**
 * The rows DatabaseIdentityIndexStore.apply writes for a first sync, built
 * the same way (same columns, same ref normalisation, same hash) — the store
 * does not export its mapping, so it is replicated here.
 */
function buildRows(entities, now) {
  const { common, model } = loadSources();
  const { createHash } = require('node:crypto');
  const refKey = (ref, defaultKind, defaultNamespace) => {
    if (!ref) return undefined;
    try {
      return common.entityRefKey(
        model.parseEntityRef(ref, { defaultKind, defaultNamespace }),
      );
    } catch {
      return undefined;
    }
  };
  const rows = {
    partners: [],
    integrations: [],
    identities: [],
    integration_accesses: [],
  };
  for (const entity of entities) {
    const namespace = entity.metadata.namespace ?? 'default';
    const ref = common.entityRefKey({
      kind: entity.kind,
      namespace,
      name: entity.metadata.name,
    });
    const json = JSON.stringify(entity);
    const hash = createHash('sha256').update(json).digest('hex');
    const ownerRef =
      refKey(entity.spec.owner, 'Group', namespace) ?? entity.spec.owner;
    if (entity.kind === 'Partner') {
      rows.partners.push({
        entity_ref: ref,
        title: entity.metadata.title ?? null,
        type: entity.spec.type,
        stage: entity.spec.lifecycle.stage,
        tier: entity.spec.risk.tier,
        owner_ref: ownerRef,
        contract_end: entity.spec.contract?.end ?? null,
        contract_status: entity.spec.contract?.status ?? null,
        entity: json,
        hash,
        synced_at: now,
        gone_at: null,
      });
      continue;
    }
    rows.integrations.push({
      entity_ref: ref,
      partner_ref:
        refKey(entity.spec.partner, 'Partner', namespace) ??
        entity.spec.partner,
      title: entity.metadata.title ?? null,
      type: entity.spec.type,
      owner_ref: ownerRef,
      environment: entity.spec.environment ?? null,
      access_package: entity.spec.accessPackage ?? null,
      entity: json,
      hash,
      synced_at: now,
      gone_at: null,
    });
    for (const identity of entity.spec.identities ?? []) {
      rows.identities.push({
        integration_ref: ref,
        name: identity.name,
        type: identity.type,
        status: common.identityStatus(identity),
        custodian_ref:
          refKey(identity.custodian, 'Group', namespace) ?? ownerRef,
        scopes: JSON.stringify(identity.scopes ?? []),
        privileged: identity.privileged ?? false,
        environment: identity.environment ?? entity.spec.environment ?? null,
        secret_ref: identity.secretRef ?? null,
        issued: identity.issued ?? null,
        last_rotated: identity.lastRotated ?? null,
        rotation_days: identity.rotationDays ?? null,
        expires: identity.expires ?? null,
        last_used: identity.lastUsed ?? null,
        shared_with: JSON.stringify(identity.sharedWith ?? []),
        gone_at: null,
      });
    }
    const targets = new Set(
      (entity.spec.accesses ?? []).flatMap(t => {
        const key = refKey(t, 'Component', namespace);
        return key ? [key] : [];
      }),
    );
    for (const target of targets) {
      rows.integration_accesses.push({
        integration_ref: ref,
        target_ref: target,
      });
    }
  }
  return rows;
}

const TABLES = [
  'partners',
  'integrations',
  'identities',
  'integration_accesses',
];

/** The floor: plain batched INSERTs of the rows, BATCH rows each, one transaction. */
async function rawInsert(knex, rows) {
  let written = 0;
  await knex.transaction(async tx => {
    for (const name of TABLES) {
      const list = rows[name];
      for (let i = 0; i < list.length; i += BATCH) {
        await tx(name).insert(list.slice(i, i + BATCH));
      }
      written += list.length;
    }
  });
  return written;
}

async function countRows(knex) {
  const counts = {};
  for (const name of TABLES) {
    const [row] = await knex(name).count({ n: '*' });
    counts[name] = Number(row.n);
  }
  return counts;
}

// --- findings and access reviews ----------------------------------------------

/** Rule ids and severities of the synthetic findings. */
const RULES = [
  ['identity-rotation-overdue', 'high'],
  ['identity-dormant', 'medium'],
  ['identity-no-expiry', 'medium'],
  ['identity-unowned', 'medium'],
  ['identity-overprivileged', 'high'],
  ['identity-expired-active', 'high'],
  ['contract-ended-access-active', 'critical'],
  ['due-diligence-missing', 'high'],
];

/**
 * `count` distinct open findings (rule, entity, identity) on random partners
 * (three in ten) and integrations of the estate's rows.
 */
function findingRows(rows, count, seed, now) {
  const random = prng(seed + 7);
  const pick = list => list[Math.floor(random() * list.length)];
  const seen = new Set();
  const out = [];
  const partnerOf = ref =>
    ref.replace(/^partnerintegration:/, 'partner:').replace(/-int-\d+$/, '');
  let attempts = 0;
  while (out.length < count && attempts++ < count * 20) {
    const [ruleId, severity] = pick(RULES);
    let entityRef;
    let identity = '';
    if (random() < 0.3) {
      entityRef = pick(rows.partners).entity_ref;
    } else {
      const row = pick(rows.identities);
      entityRef = row.integration_ref;
      identity = random() < 0.7 ? row.name : '';
    }
    const key = `${ruleId}|${entityRef}|${identity}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      rule_id: ruleId,
      entity_ref: entityRef,
      identity,
      partner_ref: entityRef.startsWith('partner:')
        ? entityRef
        : partnerOf(entityRef),
      severity,
      message: `Synthetic ${ruleId} finding for the API benchmark.`,
      frameworks: JSON.stringify(['SOC2-CC6.1', 'ISO27001-A.5.15']),
      first_seen_at: now,
      last_seen_at: now,
      resolved_at: null,
    });
  }
  return out;
}

/**
 * One pending review per integration (due between 30 days ago and 60 days
 * ahead) and, for two in three, the attested review before it. Reviews are
 * assigned to the integration's owner, unless `assignee(integration, index)`
 * returns another ref (lower case) for it.
 */
function reviewRows(rows, seed, now, { assignee } = {}) {
  const random = prng(seed + 11);
  const at = days => new Date(Date.parse(now) + days * DAY).toISOString();
  const decided = [];
  const pending = [];
  rows.integrations.forEach((integration, index) => {
    const due = Math.floor(random() * 90) - 30;
    const base = {
      integration_ref: integration.entity_ref,
      partner_ref: integration.partner_ref,
      assignee_ref: assignee?.(integration, index) ?? integration.owner_ref,
    };
    if (index % 3 !== 2) {
      decided.push({
        ...base,
        status: 'attested',
        pending_key: null,
        opened_at: at(due - 194),
        due_at: at(due - 180),
        decided_at: at(due - 182),
        decided_by: 'user:default/bench-reviewer',
        comment: 'Still needed for the order sync.',
      });
    }
    pending.push({
      ...base,
      status: 'pending',
      pending_key: integration.entity_ref,
      opened_at: at(due - 14),
      due_at: at(due),
    });
  });
  return [...decided, ...pending];
}

/**
 * Fills a migrated database: the index rows (rawInsert), then the findings
 * and reviews in batches of BATCH, then ANALYZE.
 */
async function seedIndex(knex, rows, findings, reviews) {
  await rawInsert(knex, rows);
  await knex.transaction(async tx => {
    for (let i = 0; i < findings.length; i += BATCH) {
      await tx('findings').insert(findings.slice(i, i + BATCH));
    }
    for (let i = 0; i < reviews.length; i += BATCH) {
      await tx('access_reviews').insert(reviews.slice(i, i + BATCH));
    }
  });
  // Planner statistics, as a database in service would have them.
  await knex.raw('ANALYZE');
}

// --- databases -----------------------------------------------------------------

let dbSerial = 0;

/** Whether PostgreSQL answers at PG_URL. */
async function pgAvailable() {
  const knex = require('knex')({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  try {
    await knex.raw('select 1');
    return true;
  } catch (error) {
    process.stderr.write(
      `PostgreSQL not reachable at ${PG_URL}: ${error.message}\n`,
    );
    return false;
  } finally {
    await knex.destroy();
  }
}

/**
 * A fresh, migrated database: a new SQLite file in a temp directory, or a
 * new PostgreSQL database created through an admin connection. dispose()
 * closes it and removes the file or drops the database. `location` is the
 * SQLite file or the PostgreSQL connection (url and database name).
 */
async function freshDatabase(kind, { migrate = true, pool } = {}) {
  const knexFactory = require('knex');
  const serial = ++dbSerial;
  let knex;
  let dispose;
  let location;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(
      path.join(os.tmpdir(), 'partners-backend-bench-'),
    );
    const filename = path.join(dir, `bench-${serial}.sqlite3`);
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
    });
    location = { filename };
    dispose = async () => {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const name = `partners_bench_${process.pid}_${serial}`;
    const admin = knexFactory({
      client: 'pg',
      connection: `${PG_URL}/postgres`,
      pool: { min: 0, max: 1 },
    });
    await admin.raw(`CREATE DATABASE ${name}`);
    location = { url: PG_URL, database: name };
    knex = knexFactory({
      client: 'pg',
      connection: `${PG_URL}/${name}`,
      ...(pool ? { pool } : {}),
    });
    dispose = async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    };
  }
  if (migrate) {
    await knex.migrate.latest({ directory: MIGRATIONS_DIR });
  }
  return {
    knex,
    dispose,
    location,
    database: { getClient: async () => knex },
  };
}

module.exports = {
  PACKAGE_DIR,
  MIGRATIONS_DIR,
  NOW,
  BATCH,
  PAGE,
  HOT_COMPONENT,
  TABLES,
  parseArgs,
  prng,
  generateEntities,
  changeOnePercent,
  catalogStub,
  noopLogger,
  auth,
  loadSources,
  buildRows,
  rawInsert,
  countRows,
  RULES,
  findingRows,
  reviewRows,
  seedIndex,
  pgAvailable,
  freshDatabase,
  gc: utils.gc,
  time: utils.time,
  median: utils.median,
  quantile: utils.quantile,
  fmt: utils.fmt,
  table: utils.table,
  machine: utils.machine,
  log: utils.log,
};
