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
 * Step 3 of the portal benchmark: Chromium, signed in as the guest, each
 * table measured, again if the portal rebuilt meanwhile.
 */

import fs from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { log } from '../lib/output';
import { measureTable, TABLES, type TableResult } from './measure';
import type { UiOptions } from './options';
import { sleep } from './portal';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Lines the dev servers log when they rebuild or restart on a change. */
const REBUILD = /Change detected|compiled|Compiling/g;
/** Measurements of a table, at most (see REBUILD). */
const ATTEMPTS = 3;

/** Headless Chromium (/usr/bin/chromium, or CHROMIUM_PATH). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs in as the guest, then measures every table. */
export async function measureTables(
  browser: Browser,
  options: UiOptions,
  frontend: string,
  logFile: string,
): Promise<Record<string, TableResult>> {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.goto(frontend);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('link', { name: 'Partners' })
    .first()
    .waitFor({ timeout: 120_000 });

  // `yarn start` watches the tree: an edit elsewhere rebuilds the frontend
  // or restarts the backend. A table measured across one is measured again.
  const rebuilds = () =>
    (fs.readFileSync(logFile, 'utf8').match(REBUILD) ?? []).length;
  const tables: Record<string, TableResult> = {};
  for (const table of TABLES) {
    let attempt = 1;
    for (; ; attempt++) {
      const before = rebuilds();
      let error: Error | undefined;
      try {
        tables[table.name] = await measureTable(page, table, options, frontend);
      } catch (e) {
        error = e as Error;
      }
      const rebuilt = rebuilds() !== before;
      if (!error && !rebuilt) break;
      if (attempt >= ATTEMPTS) {
        throw error ?? new Error(`${table.name}: the portal kept rebuilding`);
      }
      log(
        `[${table.name}] ${
          rebuilt ? 'the portal rebuilt or restarted' : error?.message
        }: measuring again (${attempt + 1}/${ATTEMPTS})`,
      );
      await sleep(rebuilt ? 20_000 : 2_000);
    }
    tables[table.name].attempts = attempt;
  }
  return tables;
}
