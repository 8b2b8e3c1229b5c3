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
 * Sections 1 and 2 of the read API benchmark: the partner index's page
 * latency at cursor depth, and the entity access pages, one request at a
 * time.
 */

import type { Knex } from 'knex';
import { HOT_COMPONENT } from '../lib/estate';
import { log } from '../lib/output';
import { createReadModels } from './backend';
import { alternate, getJson, LIMIT, timed, type LatencyStat } from './http';
import type { Served } from './serve';

/** A typical component: accessed by a few integrations. */
export const TYPICAL_REF = 'component:default/service-7';

interface PageBody {
  items: unknown[];
  nextCursor?: string;
}

interface AccessBody extends PageBody {
  items: Array<{ identities: unknown[]; findings: unknown[] }>;
  totals: { integrations: number };
}

/**
 * 1. Walks the cursors of GET /partners to the page at --depth (or the last
 * page), then fetches the first and the deep page alternately, over HTTP
 * and through PartnersReadModel.listPartners.
 */
export async function partnersPageLatency(
  kind: string,
  options: { depth: number; fetches: number },
  plugin: Served,
  knex: Knex,
) {
  const partnersUrl = (cursor?: string) =>
    `${plugin.base}/partners?limit=${LIMIT}${
      cursor ? `&cursor=${cursor}` : ''
    }`;
  log(`[${kind}] walking ${options.depth} pages`);
  const walk = await timed(async () => {
    let cursor: string | undefined;
    let depth = 1;
    while (depth < options.depth) {
      const { body } = await getJson<PageBody>(partnersUrl(cursor));
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
  const first = await getJson<PageBody>(partnersUrl());
  const deep = await getJson<PageBody>(partnersUrl(deepCursor));
  if (first.body.items.length !== LIMIT || deep.body.items.length === 0) {
    throw new Error(
      `unexpected pages: ${first.body.items.length} and ${deep.body.items.length} items`,
    );
  }
  const [httpFirst, httpDeep] = await alternate(
    [() => getJson(partnersUrl()), () => getJson(partnersUrl(deepCursor))],
    options.fetches,
  );
  const service = createReadModels(knex).partners;
  const [svcFirst, svcDeep] = await alternate(
    [
      () => service.listPartners({ limit: LIMIT }),
      () => service.listPartners({ limit: LIMIT, cursor: deepCursor }),
    ],
    options.fetches,
  );
  const ratio = (a: LatencyStat, b: LatencyStat) =>
    Number((b.medianMs / a.medianMs).toFixed(2));
  return {
    walk: { pages: depth, ms: Math.round(walk.ms) },
    depth,
    partnersPage: {
      http: {
        first: httpFirst,
        deep: httpDeep,
        ratio: ratio(httpFirst, httpDeep),
      },
      service: {
        first: svcFirst,
        deep: svcDeep,
        ratio: ratio(svcFirst, svcDeep),
      },
      bytes: first.bytes,
    },
  };
}

/**
 * 2. Entity access, a page of 25 integrations: the first and the last page
 * of a component accessed by one in twenty integrations, and the first of a
 * typical one, read from the database each time (the plugin's router with
 * the cache off).
 */
export async function accessLatency(
  options: { fetches: number },
  uncached: Served,
) {
  const hotRef = `${HOT_COMPONENT.replace(':', ':default/')}`;
  const accessUrl = (ref: string, cursor?: string) =>
    `${uncached.base}/entities/${encodeURIComponent(
      ref,
    )}/access?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`;
  let hotCursor: string | undefined;
  let hotPages = 1;
  for (;;) {
    const { body } = await getJson<AccessBody>(accessUrl(hotRef, hotCursor));
    if (!body.nextCursor) break;
    hotCursor = body.nextCursor;
    hotPages += 1;
  }
  const pages = {
    hotFirst: () => getJson<AccessBody>(accessUrl(hotRef)),
    hotLast: () => getJson<AccessBody>(accessUrl(hotRef, hotCursor)),
    typical: () => getJson<AccessBody>(accessUrl(TYPICAL_REF)),
  };
  const accessN = Math.max(10, Math.floor(options.fetches / 4));
  const times = await alternate(Object.values(pages), accessN);
  // What one page holds, and how long it took.
  const stat = async (name: keyof typeof pages, index: number) => {
    const { body, bytes } = await pages[name]();
    return {
      ref: name === 'typical' ? TYPICAL_REF : hotRef,
      page: name === 'hotLast' ? hotPages : 1,
      totalIntegrations: body.totals.integrations,
      integrations: body.items.length,
      identities: body.items.reduce((n, i) => n + i.identities.length, 0),
      findings: body.items.reduce((n, i) => n + i.findings.length, 0),
      bytes,
      ...times[index],
    };
  };
  const hotFirst = await stat('hotFirst', 0);
  const hotLast = await stat('hotLast', 1);
  const typical = await stat('typical', 2);
  return { hotFirst, hotLast, typical };
}
