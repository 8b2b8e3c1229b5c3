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
 * Page switches in one table of the portal, measured in the page.
 */

import type { Page, Request } from '@playwright/test';
import { fmt, log } from '../lib/output';
import { median, quantile } from '../lib/timing';
import {
  fetchInPage,
  switchInPage,
  type ApiRequest,
  type SwitchRequest,
} from './inPage';
import type { UiOptions } from './options';
import { sleep } from './portal';

export const GOALS = { switchMs: 200, maxRows: 100 };
const SWITCH_TIMEOUT_MS = 30_000;
/** Pause after a switch before the next one (late requests, presentation). */
const SETTLE_MS = 250;

/** A paged table of the portal. */
interface PortalTable {
  name: string;
  title: string;
  route: string;
  /** The aria-label of its pager. */
  pager: string;
  /** What the URL of the API call of a switch contains. */
  api: string;
}

export const TABLES: PortalTable[] = [
  {
    name: 'partners',
    title: 'partner index (/partners)',
    route: '/partners',
    pager: 'Pages of partners',
    api: '/api/partners/partners?',
  },
  {
    name: 'reviews',
    title: 'my reviews (/partners/reviews)',
    route: '/partners/reviews',
    pager: 'Pages of access reviews',
    api: '/api/partners/reviews?',
  },
];

/** One measured switch. */
interface Sample {
  direction: SwitchRequest['direction'];
  page: string;
  renderedMs: number;
  commitMs: number;
  apiInSwitchMs: number | null;
  apiStartMs: number | null;
  apiMs: number;
  rows: number;
  tableRows: number;
  fetches: number;
  commitToRenderedMs?: number;
  afterResponseMs?: number | null;
}

/** Median, p95 and maximum of one figure over the switches. */
interface Stat {
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/**
 * Opens the table's page, signs in if asked, and times --warmup unmeasured
 * then --switches measured switches, each followed by the bare API call.
 */
export async function measureTable(
  page: Page,
  table: PortalTable,
  options: UiOptions,
  frontend: string,
) {
  const apiRequests: ApiRequest[] = [];
  const onRequest = (request: Request) => {
    if (request.method() === 'GET' && request.url().includes(table.api)) {
      apiRequests.push({
        url: request.url(),
        authorization: request.headers().authorization,
      });
    }
  };
  page.on('request', onRequest);
  try {
    await page.goto(`${frontend}${table.route}`);
    const enter = page.getByRole('button', { name: 'Enter' });
    const pagerNav = page.locator(`nav[aria-label="${table.pager}"]`);
    // A reload may show the sign-in card again.
    await enter.or(pagerNav).first().waitFor({ timeout: 120_000 });
    if (await enter.isVisible()) {
      await enter.click();
    }
    await pagerNav
      .locator('button:enabled', { hasText: 'Next page' })
      .waitFor({ timeout: 120_000 });
    await sleep(1000);

    const samples: Sample[] = [];
    let direction: SwitchRequest['direction'] = 'next';
    const total = options.warmup + options.switches;
    for (let i = 0; i < total; i++) {
      const seen = apiRequests.length;
      const result = await page.evaluate(switchInPage, {
        pager: table.pager,
        direction,
        timeoutMs: SWITCH_TIMEOUT_MS,
      });
      if (result.error !== undefined) {
        throw new Error(`${table.name}: switch ${i + 1}: ${result.error}`);
      }
      const request = apiRequests.slice(seen).pop();
      if (!request) {
        throw new Error(`${table.name}: switch ${i + 1} fetched no page`);
      }
      await sleep(SETTLE_MS);
      const api = await page.evaluate(fetchInPage, request);
      if (api.status !== 200 || api.items !== result.tableRows) {
        throw new Error(
          `${table.name}: the API answered ${api.status} with ${api.items} items, the table shows ${result.tableRows}`,
        );
      }
      const inSwitch = result.requests.find(r => r.name === request.url);
      const sample: Sample = {
        direction,
        page: result.pageLabel,
        renderedMs: Number(result.renderedMs.toFixed(1)),
        commitMs: Number(result.commitMs.toFixed(1)),
        apiInSwitchMs: inSwitch ? Number(inSwitch.ms.toFixed(1)) : null,
        apiStartMs: inSwitch ? Number(inSwitch.startMs.toFixed(1)) : null,
        apiMs: Number(api.ms.toFixed(1)),
        rows: result.rows,
        tableRows: result.tableRows,
        fetches: result.requests.length,
      };
      if (i >= options.warmup) {
        samples.push(sample);
      }
      log(
        `[${table.name}] ${
          i < options.warmup
            ? 'warm-up'
            : `switch ${i - options.warmup + 1}/${options.switches}`
        } ${direction.padEnd(8)} ${sample.page.padEnd(8)} rendered ${fmt(
          sample.renderedMs,
          1,
        )} ms, API ${fmt(sample.apiMs, 1)} ms, ${sample.rows} tr`,
      );
      if (direction === 'next' && !result.hasNext) direction = 'previous';
      else if (direction === 'previous' && !result.hasPrevious) {
        direction = 'next';
      }
    }
    return summarize(table, samples);
  } finally {
    page.off('request', onRequest);
  }
}

function summarize(table: PortalTable, samples: Sample[]) {
  const stat = (key: keyof Sample): Stat | null => {
    const values = samples
      .map(s => s[key])
      .filter((v): v is number => typeof v === 'number');
    return values.length
      ? {
          medianMs: Number(median(values).toFixed(1)),
          p95Ms: Number(quantile(values, 0.95).toFixed(1)),
          maxMs: Number(Math.max(...values).toFixed(1)),
        }
      : null;
  };
  // Where a switch spends its time: until the page's fetch starts, the
  // fetch, and from its response to the commit of the new rows.
  for (const sample of samples) {
    sample.commitToRenderedMs = Number(
      (sample.renderedMs - sample.commitMs).toFixed(1),
    );
    sample.afterResponseMs =
      sample.apiStartMs === null || sample.apiInSwitchMs === null
        ? null
        : Number(
            (
              sample.commitMs -
              sample.apiStartMs -
              sample.apiInSwitchMs
            ).toFixed(1),
          );
  }
  // These are measured on every switch (and --switches is at least 1).
  const rendered = stat('renderedMs') as Stat;
  const commit = stat('commitMs') as Stat;
  const commitToRendered = stat('commitToRenderedMs') as Stat;
  const api = stat('apiMs') as Stat;
  const maxRows = Math.max(...samples.map(s => s.rows));
  return {
    table: table.title,
    switches: samples.length,
    rendered,
    commit,
    fetchStart: stat('apiStartMs'),
    apiInSwitch: stat('apiInSwitchMs'),
    afterResponse: stat('afterResponseMs'),
    commitToRendered,
    api,
    overheadMs: Number((rendered.medianMs - api.medianMs).toFixed(1)),
    ratio: Number((rendered.medianMs / api.medianMs).toFixed(2)),
    maxRows,
    maxTableRows: Math.max(...samples.map(s => s.tableRows)),
    goalMet: {
      switch: rendered.p95Ms <= GOALS.switchMs,
      rows: maxRows <= GOALS.maxRows,
    },
    samples,
    attempts: 0,
  };
}

/** One table's result. */
export type TableResult = ReturnType<typeof summarize>;
