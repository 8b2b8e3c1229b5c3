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
 * Benchmark of the partners read API over a full identity index.
 *
 *   yarn bench:api [--db sqlite|pg|both] [--partners 10000] [--integrations 2]
 *                  [--identities 5] [--findings 20000] [--depth 600]
 *                  [--fetches 200] [--seconds 4] [--reps 3] [--seed 1]
 *                  [--only NAME] [--out file.json]
 *
 * On each database it fills a fresh migrated index with the seeded estate of
 * bench/estate.js (the rows a first sync writes, inserted directly),
 * synthetic open findings and access reviews (one pending review per
 * integration and a decided one for two in three: 33k at the default size),
 * serves the plugin's router (createRouter, with mock httpAuth, an
 * allow-all permissions stub and a no-op auditor) on 127.0.0.1 with express,
 * and measures, in the same run:
 *   1. page latency at cursor depth: GET /partners?limit=25 for the first
 *      page and for the page at --depth (reached by walking the cursors),
 *      alternating, --fetches times each, one request at a time; and the same
 *      through PartnersReadModel.listPartners directly;
 *   2. GET /entities/{ref}/access for a component accessed by one in twenty
 *      integrations, and for a typical one;
 *   3. throughput and latency of GET /reviews?status=pending&limit=25,
 *      GET /entities/{ref}/access (a typical component) and
 *      GET /partners?limit=25 at 10 and 100 concurrent requests, each
 *      against a bare express + knex endpoint serving the same response
 *      (the same queries) from the same database: autocannon in a child
 *      process (--seconds per run after a one-second warm-up, plugin and
 *      bare alternating, --reps runs each). The access pages are served
 *      from the plugin's cache (the real in-memory cache service, default
 *      TTL) and measured once more with the cache off; sections 1 and 2
 *      read them uncached. --only NAME keeps the endpoints whose name
 *      contains NAME.
 * Goals: depth page / first page <= 1.5x; plugin / bare throughput >= 0.75x;
 * plugin p99 <= 25 ms at 10 concurrent.
 */

const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { isDeepStrictEqual } = require('node:util');
const bench = require('./estate');

const { fmt, log, median, quantile } = bench;
const GOALS = { depthRatio: 1.5, throughputRatio: 0.75, p99Ms: 25 };
const LIMIT = 25;
/** Integrations per page of the portal's partner access card. */
const CARD_LIMIT = 5;
const CONCURRENCY = [10, 100];
const SEVERITY_RANK = { low: 0, medium: 1, high: 2, critical: 3 };

function parse(argv) {
  return bench.parseArgs(argv, {
    partners: 10000,
    integrations: 2,
    identities: 5,
    findings: 20000,
    depth: 600,
    fetches: 200,
    seconds: 4,
    reps: 3,
    seed: 1,
    db: 'both',
    now: bench.NOW,
    out: '',
    only: '',
    child: '',
    url: '',
    concurrency: 10,
  });
}

/** GET over node:http: status, body text and its size in bytes. */
function httpGet(url, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, res => {
      const chunks = [];
      res.on('data', chunk => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode,
          text: body.toString('utf8'),
          bytes: body.length,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

// --- load (child process) --------------------------------------------------------

/**
 * autocannon against `url` with `concurrency` connections: a one-second
 * warm-up, then `seconds` measured. Prints the summary as one JSON line.
 */
async function loadChild(options) {
  const autocannon = require('autocannon');
  const run = opts =>
    new Promise((resolve, reject) => {
      autocannon(opts, (error, result) =>
        error ? reject(error) : resolve(result),
      );
    });
  const base = { url: options.url, connections: options.concurrency };
  await run({ ...base, duration: 1 });
  const result = await run({ ...base, duration: options.seconds });
  process.stdout.write(
    `${JSON.stringify({
      requests: result.requests.total,
      errors: result.errors + result.timeouts + result.non2xx,
      seconds: result.duration,
      // total over the measured time: autocannon's per-second average
      // misses seconds when the machine starves its sampler
      rps: result.requests.total / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      bytesPerResponse: Math.round(
        result.throughput.total / Math.max(1, result.requests.total),
      ),
    })}\n`,
  );
}

function runLoad(url, concurrency, seconds) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        __filename,
        '--child',
        'load',
        '--url',
        url,
        '--concurrency',
        String(concurrency),
        '--seconds',
        String(seconds),
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', d => (out += d));
    child.stderr.on('data', d => (err += d));
    child.on('exit', code => {
      if (code !== 0) {
        reject(new Error(`load child exited ${code}: ${err}`));
      } else {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      }
    });
  });
}

// --- servers ---------------------------------------------------------------------

function listen(app) {
  return new Promise(resolve => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * The plugin's router as the plugin wires it. `accessCache`: the entity
 * access pages in the real in-memory cache service with the default TTL,
 * or not cached.
 */
async function pluginServer(knex, { accessCache }) {
  const express = require('express');
  const {
    mockServices,
    mockErrorHandler,
  } = require('@backstage/backend-test-utils');
  const {
    router: routerModule,
    accessCache: accessCacheModule,
    config: configModule,
    reads,
    reviews,
    reviewsStore,
    common,
  } = loadApi();
  const { CacheManager } = require('@backstage/backend-defaults/cache');
  const { ConfigReader } = require('@backstage/config');
  const logger = mockServices.rootLogger({ level: 'error' });
  const { EntityAccessCache } = accessCacheModule;
  // the TTL the backend reads from an empty app-config: the default
  const { entityAccessCacheTtlMs } = configModule.readPartnersBackendConfig(
    new ConfigReader({}),
  );
  const accessPages = accessCache
    ? new EntityAccessCache({
        cache: CacheManager.fromConfig(new ConfigReader({})).forPlugin(
          'partners',
        ),
        logger,
        ttlMs: entityAccessCacheTtlMs,
      })
    : EntityAccessCache.disabled();
  const router = await routerModule.createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: {
      authorize: async requests => requests.map(() => ({ result: 'ALLOW' })),
      authorizeConditional: async requests =>
        requests.map(() => ({ result: 'ALLOW' })),
    },
    auditor: {
      createEvent: async () => ({
        success: async () => {},
        fail: async () => {},
      }),
    },
    sync: { run: async () => ({}) },
    reads: reads.createReadModels(knex),
    userInfo: mockServices.userInfo(),
    reviews: new reviews.ReviewsService({
      store: new reviewsStore.DatabaseReviewsStore(knex),
      policy: () => common.DEFAULT_PARTNERS_POLICY,
      logger,
    }),
    audit: { list: async () => ({ items: [] }) },
    accessPages,
  });
  const server = await listen(express().use(router).use(mockErrorHandler()));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/** The same page from the same database: the two queries, no framework. */
async function bareServer(knex) {
  const express = require('express');
  const app = express();
  app.get('/partners', async (req, res, next) => {
    try {
      const limit = Number(req.query.limit ?? LIMIT);
      const query = knex('partners')
        .select(
          'entity_ref',
          'title',
          'type',
          'stage',
          'tier',
          'owner_ref',
          'contract_end',
          'contract_status',
        )
        .whereNull('gone_at');
      if (req.query.cursor) {
        query.where(
          'entity_ref',
          '>',
          Buffer.from(String(req.query.cursor), 'base64url').toString('utf8'),
        );
      }
      const rows = await query.orderBy('entity_ref').limit(limit + 1);
      const page = rows.slice(0, limit);
      const refs = page.map(r => r.entity_ref);
      const now = new Date().toISOString();
      const [counts, reviewCounts] = await Promise.all([
        knex('findings')
          .select('partner_ref', 'severity')
          .count({ n: '*' })
          .whereIn('partner_ref', refs)
          .whereNull('resolved_at')
          // accepted risk is not open
          .whereNotExists(
            knex('exceptions as x')
              .select('x.id')
              .where('x.status', 'approved')
              .where('x.expires_at', '>', now)
              .where('x.rule_id', knex.ref('findings.rule_id'))
              .where('x.entity_ref', knex.ref('findings.entity_ref'))
              .where('x.identity', knex.ref('findings.identity')),
          )
          .groupBy('partner_ref', 'severity'),
        knex('access_reviews as r')
          .join('integrations as i', 'i.entity_ref', 'r.pending_key')
          .whereNull('i.gone_at')
          .whereIn('i.partner_ref', refs)
          .select('i.partner_ref')
          .count({ pending: '*' })
          .select(
            knex.raw(
              'sum(case when r.due_at < ? then 1 else 0 end) as overdue',
              [now],
            ),
          )
          .groupBy('i.partner_ref'),
      ]);
      const reviewsOf = new Map(
        reviewCounts.map(r => [
          r.partner_ref,
          { pending: Number(r.pending), overdue: Number(r.overdue) },
        ]),
      );
      const byPartner = new Map();
      for (const c of counts) {
        const entry = byPartner.get(c.partner_ref) ?? {
          critical: 0,
          high: 0,
          medium: 0,
          low: 0,
        };
        entry[c.severity] += Number(c.n);
        byPartner.set(c.partner_ref, entry);
      }
      res.json({
        items: page.map(r => ({
          entityRef: r.entity_ref,
          title: r.title,
          type: r.type,
          stage: r.stage,
          tier: r.tier,
          owner: r.owner_ref,
          contractEnd: r.contract_end,
          contractStatus: r.contract_status,
          openFindings: byPartner.get(r.entity_ref) ?? {
            critical: 0,
            high: 0,
            medium: 0,
            low: 0,
          },
          reviews: reviewsOf.get(r.entity_ref) ?? { pending: 0, overdue: 0 },
        })),
        nextCursor:
          rows.length > limit
            ? Buffer.from(page[page.length - 1].entity_ref, 'utf8').toString(
                'base64url',
              )
            : undefined,
      });
    } catch (error) {
      next(error);
    }
  });
  app.get('/reviews', async (req, res, next) => {
    try {
      const limit = Number(req.query.limit ?? LIMIT);
      const query = knex('access_reviews').select().where('status', 'pending');
      if (req.query.cursor) {
        const [dueAt, id] = Buffer.from(String(req.query.cursor), 'base64url')
          .toString('utf8')
          .split('\n');
        query.where(w =>
          w
            .where('due_at', '>', dueAt)
            .orWhere(w2 => w2.where('due_at', dueAt).where('id', '>', id)),
        );
      }
      const rows = await query.orderBy(['due_at', 'id']).limit(limit + 1);
      const page = rows.slice(0, limit);
      const now = Date.now();
      const last = page[page.length - 1];
      res.json({
        items: page.map(r => ({
          id: Number(r.id),
          integrationRef: r.integration_ref,
          partnerRef: r.partner_ref,
          assignee: r.assignee_ref,
          status: r.status,
          openedAt: r.opened_at,
          dueAt: r.due_at,
          overdue: Date.parse(r.due_at) < now,
        })),
        nextCursor:
          rows.length > limit
            ? Buffer.from(`${last.due_at}\n${last.id}`).toString('base64url')
            : undefined,
      });
    } catch (error) {
      next(error);
    }
  });
  app.get('/entities/:ref/access', async (req, res, next) => {
    try {
      const entityRef = req.params.ref.toLowerCase();
      const limit = Number(req.query.limit ?? LIMIT);
      const now = new Date().toISOString();
      const pg = knex.client.dialect === 'postgresql';
      const jsonRows = (fields, orderBy) =>
        knex.raw(
          `${
            pg ? 'json_agg(json_build_object' : 'json_group_array(json_object'
          }(${fields.map(([key]) => `'${key}', ??`).join(', ')}) order by ??)`,
          [...fields.map(([, column]) => column), orderBy],
        );
      const accessing = () =>
        knex('integration_accesses as a')
          .join('integrations as i', 'i.entity_ref', 'a.integration_ref')
          .where('a.target_ref', entityRef)
          .whereNull('i.gone_at');
      const query = accessing()
        .leftJoin('partners as p', 'p.entity_ref', 'i.partner_ref')
        .leftJoin('access_reviews as r', 'r.pending_key', 'i.entity_ref')
        .select('i.*', 't.*', {
          partner_title: 'p.title',
          partner_stage: 'p.stage',
          partner_tier: 'p.tier',
          review_id: 'r.id',
          review_assignee: 'r.assignee_ref',
          review_due_at: 'r.due_at',
        })
        .select(
          knex('identities as d')
            .select(
              jsonRows(
                [
                  'name',
                  'type',
                  'status',
                  'custodian_ref',
                  'scopes',
                  'privileged',
                  'environment',
                  'secret_ref',
                  'last_rotated',
                  'expires',
                  'last_used',
                ].map(c => [c, `d.${c}`]),
                'd.name',
              ),
            )
            .where('d.integration_ref', knex.ref('i.entity_ref'))
            .whereNull('d.gone_at')
            .as('identity_rows'),
          knex('findings as f')
            .leftJoin('exceptions as x', join =>
              join
                .on('x.rule_id', 'f.rule_id')
                .andOn('x.entity_ref', 'f.entity_ref')
                .andOn('x.identity', 'f.identity')
                .andOnVal('x.status', 'approved')
                .andOnVal('x.expires_at', '>', now),
            )
            .select(
              jsonRows(
                [
                  ['id', 'f.id'],
                  ['rule_id', 'f.rule_id'],
                  ['severity', 'f.severity'],
                  ['entity_ref', 'f.entity_ref'],
                  ['identity', 'f.identity'],
                  ['partner_ref', 'f.partner_ref'],
                  ['message', 'f.message'],
                  ['frameworks', 'f.frameworks'],
                  ['first_seen_at', 'f.first_seen_at'],
                  ['last_seen_at', 'f.last_seen_at'],
                  ['x_id', 'x.id'],
                  ['x_expires_at', 'x.expires_at'],
                  ['x_decided_by', 'x.decided_by'],
                ],
                'f.id',
              ),
            )
            .where('f.entity_ref', knex.ref('i.entity_ref'))
            .whereNull('f.resolved_at')
            .as('finding_rows'),
        )
        .crossJoin(
          knex.raw('? as t', [
            accessing()
              .count({ total_integrations: '*' })
              .countDistinct({ total_partners: 'i.partner_ref' }),
          ]),
        );
      if (req.query.cursor) {
        query.where(
          'a.integration_ref',
          '>',
          Buffer.from(String(req.query.cursor), 'base64url').toString('utf8'),
        );
      }
      const rows = await query.orderBy('a.integration_ref').limit(limit + 1);
      const integrations = rows.slice(0, limit);
      const rowsOf = value =>
        typeof value === 'string' ? JSON.parse(value) : value ?? [];
      res.json({
        entityRef,
        items: integrations.map(i => ({
          entityRef: i.entity_ref,
          title: i.title ?? undefined,
          type: i.type,
          owner: i.owner_ref,
          environment: i.environment ?? undefined,
          accessPackage: i.access_package ?? undefined,
          partner: {
            entityRef: i.partner_ref,
            title: i.partner_title ?? undefined,
            stage: i.partner_stage,
            tier: i.partner_tier,
          },
          identities: rowsOf(i.identity_rows).map(x => ({
            name: x.name,
            type: x.type,
            status: x.status,
            scopes: JSON.parse(x.scopes),
            privileged: Boolean(x.privileged),
            custodian: x.custodian_ref ?? undefined,
            environment: x.environment ?? undefined,
            secretRef: x.secret_ref ?? undefined,
            lastRotated: x.last_rotated ?? undefined,
            expires: x.expires ?? undefined,
            lastUsed: x.last_used ?? undefined,
          })),
          findings: rowsOf(i.finding_rows)
            // worst first, then oldest
            .sort(
              (f, g) =>
                SEVERITY_RANK[g.severity] - SEVERITY_RANK[f.severity] ||
                f.id - g.id,
            )
            .map(f => ({
              id: Number(f.id),
              ruleId: f.rule_id,
              severity: f.severity,
              entityRef: f.entity_ref,
              identity: f.identity || undefined,
              partnerRef: f.partner_ref ?? undefined,
              message: f.message,
              frameworks: JSON.parse(f.frameworks),
              firstSeen: f.first_seen_at,
              lastSeen: f.last_seen_at,
              acceptedRisk: f.x_id
                ? {
                    exceptionId: Number(f.x_id),
                    expiresAt: f.x_expires_at,
                    approvedBy: f.x_decided_by,
                  }
                : undefined,
            })),
          pendingReview: i.review_id
            ? {
                id: Number(i.review_id),
                assignee: i.review_assignee,
                dueAt: i.review_due_at,
                overdue: Date.parse(i.review_due_at) < Date.now(),
              }
            : undefined,
        })),
        totals: {
          integrations: Number(rows[0]?.total_integrations ?? 0),
          partners: Number(rows[0]?.total_partners ?? 0),
        },
        nextCursor:
          rows.length > limit
            ? Buffer.from(
                integrations[integrations.length - 1].entity_ref,
              ).toString('base64url')
            : undefined,
      });
    } catch (error) {
      next(error);
    }
  });
  const server = await listen(app);
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

let api;
function loadApi() {
  if (!api) {
    bench.loadSources();
    api = {
      router: require(path.join(bench.PACKAGE_DIR, 'src/router')),
      accessCache: require(path.join(
        bench.PACKAGE_DIR,
        'src/services/EntityAccessCache',
      )),
      reads: require(path.join(bench.PACKAGE_DIR, 'src/services/read')),
      config: require(path.join(bench.PACKAGE_DIR, 'src/config')),
      reviews: require(path.join(
        bench.PACKAGE_DIR,
        'src/services/ReviewsService',
      )),
      reviewsStore: require(path.join(
        bench.PACKAGE_DIR,
        'src/database/DatabaseReviewsStore',
      )),
      common: require('@partner-governance/plugin-partners-common'),
    };
  }
  return api;
}

// --- measurements -------------------------------------------------------------

const clientAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

async function getJson(url) {
  const res = await httpGet(url, clientAgent);
  if (res.status !== 200) {
    throw new Error(`GET ${url}: ${res.status} ${res.text.slice(0, 500)}`);
  }
  return { body: JSON.parse(res.text), bytes: res.bytes };
}

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

/** Alternates the fetchers, `n` times each, one at a time: median and p99 per fetcher. */
async function alternate(fetchers, n) {
  const times = fetchers.map(() => []);
  for (let i = 0; i < n; i++) {
    const order = i % 2 ? [...fetchers.keys()].reverse() : [...fetchers.keys()];
    for (const f of order) {
      times[f].push((await timed(fetchers[f])).ms);
    }
  }
  return times.map(list => ({
    medianMs: Number(median(list).toFixed(2)),
    p99Ms: Number(quantile(list, 0.99).toFixed(2)),
    n: list.length,
  }));
}

async function benchDatabase(kind, options, rows, findings, reviews) {
  log(`[${kind}] seeding a fresh index`);
  const db = await bench.freshDatabase(kind);
  const servers = [];
  try {
    await bench.seedIndex(db.knex, rows, findings, reviews);
    const counts = await bench.countRows(db.knex);
    const plugin = await pluginServer(db.knex, { accessCache: true });
    const uncached = await pluginServer(db.knex, { accessCache: false });
    const bare = await bareServer(db.knex);
    servers.push(plugin.server, uncached.server, bare.server);
    const partnersUrl = cursor =>
      `${plugin.base}/partners?limit=${LIMIT}${
        cursor ? `&cursor=${cursor}` : ''
      }`;

    // 1. Walk the cursors to the page at --depth (or the last page).
    log(`[${kind}] walking ${options.depth} pages`);
    const walk = await timed(async () => {
      let cursor;
      let depth = 1;
      while (depth < options.depth) {
        const { body } = await getJson(partnersUrl(cursor));
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
        depth += 1;
      }
      return { cursor, depth };
    });
    const { cursor: deepCursor, depth } = walk.result;
    if (depth < options.depth) {
      log(
        `[${kind}] the estate has only ${depth} pages of ${LIMIT}: timing depth ${depth}`,
      );
    }
    const first = await getJson(partnersUrl());
    const deep = await getJson(partnersUrl(deepCursor));
    if (first.body.items.length !== LIMIT || deep.body.items.length === 0) {
      throw new Error(
        `unexpected pages: ${first.body.items.length} and ${deep.body.items.length} items`,
      );
    }
    const [httpFirst, httpDeep] = await alternate(
      [() => getJson(partnersUrl()), () => getJson(partnersUrl(deepCursor))],
      options.fetches,
    );
    const service = loadApi().reads.createReadModels(db.knex).partners;
    const [svcFirst, svcDeep] = await alternate(
      [
        () => service.listPartners({ limit: LIMIT }),
        () => service.listPartners({ limit: LIMIT, cursor: deepCursor }),
      ],
      options.fetches,
    );

    // 2. Entity access, a page of 25 integrations: the first and the last
    // page of a component accessed by one in twenty integrations, and the
    // first of a typical one.
    const hotRef = `${bench.HOT_COMPONENT.replace(':', ':default/')}`;
    const typicalRef = 'component:default/service-7';
    // the page as read from the database each time
    const accessUrl = (ref, cursor) =>
      `${uncached.base}/entities/${encodeURIComponent(
        ref,
      )}/access?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`;
    let hotCursor;
    let hotPages = 1;
    for (;;) {
      const { body } = await getJson(accessUrl(hotRef, hotCursor));
      if (!body.nextCursor) break;
      hotCursor = body.nextCursor;
      hotPages += 1;
    }
    const pages = {
      hotFirst: () => getJson(accessUrl(hotRef)),
      hotLast: () => getJson(accessUrl(hotRef, hotCursor)),
      typical: () => getJson(accessUrl(typicalRef)),
    };
    const accessN = Math.max(10, Math.floor(options.fetches / 4));
    const times = await alternate(Object.values(pages), accessN);
    const access = {};
    for (const [index, [name, fetchPage]] of Object.entries(pages).entries()) {
      const { body, bytes } = await fetchPage();
      access[name] = {
        ref: name === 'typical' ? typicalRef : hotRef,
        page: name === 'hotLast' ? hotPages : 1,
        totalIntegrations: body.totals.integrations,
        integrations: body.items.length,
        identities: body.items.reduce((n, i) => n + i.identities.length, 0),
        findings: body.items.reduce((n, i) => n + i.findings.length, 0),
        bytes,
        ...times[index],
      };
    }

    // 3. Throughput: plugin vs bare, alternating, per endpoint.
    // The access page is measured at the size the service card asks for
    // and at the size of the other lists.
    const accessPage = limit =>
      `/entities/${encodeURIComponent(typicalRef)}/access?limit=${limit}`;
    const endpoints = {
      [`GET /reviews?status=pending&limit=${LIMIT}`]: `/reviews?status=pending&limit=${LIMIT}`,
      [`GET /entities/{ref}/access?limit=${CARD_LIMIT} (the service card's page)`]:
        accessPage(CARD_LIMIT),
      [`GET /entities/{ref}/access?limit=${LIMIT}`]: accessPage(LIMIT),
      [`GET /partners?limit=${LIMIT}`]: `/partners?limit=${LIMIT}`,
    };
    // Every side must serve the same response (key order aside).
    const bases = {
      plugin: plugin.base,
      uncached: uncached.base,
      bare: bare.base,
    };
    for (const [name, url] of Object.entries(endpoints)) {
      const b = await getJson(`${bare.base}${url}`);
      for (const target of ['plugin', 'uncached']) {
        const p = await getJson(`${bases[target]}${url}`);
        if (!isDeepStrictEqual(p.body, b.body)) {
          throw new Error(`${name}: ${target} and the bare endpoint differ`);
        }
      }
    }
    const load = {};
    for (const [name, url] of Object.entries(endpoints)) {
      if (options.only && !name.includes(options.only)) {
        continue;
      }
      // the access pages also without the cache: the statement under load
      const targets = url.includes('/access')
        ? ['plugin', 'uncached', 'bare']
        : ['plugin', 'bare'];
      load[name] = {};
      for (const c of CONCURRENCY) {
        const runs = Object.fromEntries(targets.map(t => [t, []]));
        for (let rep = 0; rep < options.reps; rep++) {
          // each target goes first in turn
          const order = targets.map(
            (_, i) => targets[(i + rep) % targets.length],
          );
          for (const target of order) {
            const r = await runLoad(
              `${bases[target]}${url}`,
              c,
              options.seconds,
            );
            if (r.errors) {
              throw new Error(
                `${target} ${name} at ${c} concurrent: ${r.errors} errors`,
              );
            }
            runs[target].push(r);
            log(
              `[${kind}] ${name} c=${c} rep ${rep + 1}/${
                options.reps
              } ${target.padEnd(8)} ${fmt(r.rps)} req/s, p50 ${fmt(
                r.p50Ms,
                1,
              )} ms, p99 ${fmt(r.p99Ms, 1)} ms`,
            );
          }
        }
        const summary = list => ({
          rps: Math.round(median(list.map(r => r.rps))),
          p50Ms: Number(median(list.map(r => r.p50Ms)).toFixed(2)),
          p99Ms: Number(median(list.map(r => r.p99Ms)).toFixed(2)),
          requests: list.reduce((n, r) => n + r.requests, 0),
          bytesPerResponse: list[0].bytesPerResponse,
        });
        const result = Object.fromEntries(
          targets.map(t => [t, summary(runs[t])]),
        );
        const ratio = t => Number((result[t].rps / result.bare.rps).toFixed(2));
        load[name][c] = {
          ...result,
          throughputRatio: ratio('plugin'),
          ...(result.uncached ? { uncachedRatio: ratio('uncached') } : {}),
        };
      }
    }

    return {
      rowsPerTable: {
        ...counts,
        findings: findings.length,
        access_reviews: reviews.length,
      },
      walk: { pages: depth, ms: Math.round(walk.ms) },
      depth,
      partnersPage: {
        http: {
          first: httpFirst,
          deep: httpDeep,
          ratio: Number((httpDeep.medianMs / httpFirst.medianMs).toFixed(2)),
        },
        service: {
          first: svcFirst,
          deep: svcDeep,
          ratio: Number((svcDeep.medianMs / svcFirst.medianMs).toFixed(2)),
        },
        bytes: first.bytes,
      },
      access,
      load,
    };
  } finally {
    for (const server of servers) {
      server.closeAllConnections?.();
      await new Promise(resolve => server.close(resolve));
    }
    // Requests cut off by the close may still wait for a connection: let
    // them finish before the pool goes (up to 5 s).
    const pool = db.knex.client.pool;
    for (
      let i = 0;
      i < 100 && pool?.numPendingAcquires() + pool?.numUsed();
      i++
    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    await db.dispose();
  }
}

async function main() {
  const options = parse(process.argv.slice(2));
  if (options.child === 'load') {
    await loadChild(options);
    return;
  }
  const loadAtStart = os.loadavg().map(n => Number(n.toFixed(2)));
  let kinds = options.db === 'both' ? ['sqlite', 'pg'] : [options.db];
  const skipped = [];
  if (kinds.includes('pg') && !(await bench.pgAvailable())) {
    log('Skipping PostgreSQL: no server answers.');
    kinds = kinds.filter(k => k !== 'pg');
    skipped.push('pg');
  }
  loadApi();
  const now = new Date(`${options.now}T12:00:00Z`).toISOString();
  log(
    `Generating ${options.partners} partners x ${options.integrations} integrations x ${options.identities} identities (seed ${options.seed})`,
  );
  const estate = bench.generateEntities(options);
  const rows = bench.buildRows(estate.entities, now);
  const findings = bench.findingRows(rows, options.findings, options.seed, now);
  const reviews = bench.reviewRows(rows, options.seed, now);

  const result = {
    benchmark: 'partners-backend read API',
    ...bench.machine(),
    loadAverageAtStart: loadAtStart,
    partners: options.partners,
    integrationsPerPartner: options.integrations,
    identitiesPerIntegration: options.identities,
    findings: findings.length,
    accessReviews: reviews.length,
    seed: options.seed,
    limit: LIMIT,
    depthAsked: options.depth,
    fetches: options.fetches,
    secondsPerLoadRun: options.seconds,
    reps: options.reps,
    goals: GOALS,
    skipped,
    databases: {},
  };
  for (const kind of kinds) {
    result.databases[kind] = await benchDatabase(
      kind,
      options,
      rows,
      findings,
      reviews,
    );
  }
  result.loadAverageAtEnd = os.loadavg().map(n => Number(n.toFixed(2)));

  const out = [
    '',
    `${fmt(options.partners)} partners, ${fmt(
      estate.identities,
    )} identities, ${fmt(findings.length)} open findings, ${fmt(
      reviews.length,
    )} access reviews; limit ${LIMIT}; node ${process.version}, ${
      os.cpus().length
    } CPUs`,
  ];
  for (const kind of kinds) {
    const r = result.databases[kind];
    const pp = r.partnersPage;
    out.push(
      '',
      `[${kind}] GET /partners page latency (${options.fetches} fetches each, one at a time)`,
      bench.table([
        ['', 'median ms', 'p99 ms'],
        [
          'HTTP page 1',
          fmt(pp.http.first.medianMs, 2),
          fmt(pp.http.first.p99Ms, 2),
        ],
        [
          `HTTP page ${r.depth}`,
          fmt(pp.http.deep.medianMs, 2),
          fmt(pp.http.deep.p99Ms, 2),
        ],
        [
          'listPartners page 1',
          fmt(pp.service.first.medianMs, 2),
          fmt(pp.service.first.p99Ms, 2),
        ],
        [
          `listPartners page ${r.depth}`,
          fmt(pp.service.deep.medianMs, 2),
          fmt(pp.service.deep.p99Ms, 2),
        ],
      ]),
      `depth ${r.depth} / page 1: HTTP ${pp.http.ratio}x, service ${
        pp.service.ratio
      }x (goal <= ${GOALS.depthRatio}x: ${
        pp.http.ratio <= GOALS.depthRatio ? 'met' : 'NOT met'
      }); walking ${r.walk.pages} pages took ${fmt(r.walk.ms)} ms`,
      '',
      `[${kind}] GET /entities/{ref}/access?limit=${LIMIT}`,
      bench.table([
        [
          '',
          'page',
          'of integrations',
          'identities',
          'findings',
          'KB',
          'median ms',
          'p99 ms',
        ],
        ...Object.values(r.access).map(a => [
          a.ref,
          fmt(a.page),
          fmt(a.totalIntegrations),
          fmt(a.identities),
          fmt(a.findings),
          fmt(a.bytes / 1024),
          fmt(a.medianMs, 1),
          fmt(a.p99Ms, 1),
        ]),
      ]),
    );
    for (const [name, byConcurrency] of Object.entries(r.load)) {
      const at10 = byConcurrency[10];
      out.push(
        '',
        `[${kind}] ${name} under load (autocannon, ${options.reps} x ${options.seconds} s each, medians)`,
        bench.table([
          ['', 'req/s', 'p50 ms', 'p99 ms', '/ bare'],
          ...CONCURRENCY.flatMap(c => {
            const l = byConcurrency[c];
            const row = (label, side, ratio) => [
              `${label}, ${c} concurrent`,
              fmt(side.rps),
              fmt(side.p50Ms, 1),
              fmt(side.p99Ms, 1),
              ratio === undefined ? '' : `${ratio}x`,
            ];
            return [
              row('plugin router', l.plugin, l.throughputRatio),
              ...(l.uncached
                ? [row('plugin router, cache off', l.uncached, l.uncachedRatio)]
                : []),
              row('bare express+knex', l.bare),
            ];
          }),
        ]),
        `throughput at 10: ${at10.throughputRatio}x (goal >= ${
          GOALS.throughputRatio
        }x: ${
          at10.throughputRatio >= GOALS.throughputRatio ? 'met' : 'NOT met'
        }); plugin p99 at 10: ${at10.plugin.p99Ms} ms (goal <= ${
          GOALS.p99Ms
        } ms: ${at10.plugin.p99Ms <= GOALS.p99Ms ? 'met' : 'NOT met'})`,
      );
    }
  }
  for (const kind of skipped) {
    out.push('', `[${kind}] skipped: not reachable`);
  }
  process.stdout.write(`${out.join('\n')}\n\n${JSON.stringify(result)}\n`);
  if (options.out) {
    fs.writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
  }
}

main().catch(error => {
  process.stderr.write(`bench: ${error?.stack ?? error}\n`);
  process.exitCode = 1;
});
