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

import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAsGuest } from './portal';

/*
 * Onboarding a partner by pull request, as a person tries it in the portal:
 * the template editor (Create... → Manage Templates → Load Template
 * Directory) opens the onboarding template, the form is filled in with the
 * mouse and the keyboard, and its dry run shows the partner file, each
 * step's log and the pull request it would open.
 *
 * Chromium's directory picker is a native dialog that no browser automation
 * can answer, so the page's picker hands the editor a directory of the
 * browser's own private file system that holds the template, read from
 * examples/templates: the editor reads it through the same File System
 * Access API. The portal under test has a placeholder GitHub token
 * (playwright.config.ts), which the dry run of the pull request step wants
 * configured and never sends.
 */

const TEMPLATE = fs.readFileSync(
  // The end-to-end tests run from source, never from a build.
  // eslint-disable-next-line no-restricted-syntax
  path.resolve(__dirname, '../../../examples/templates/onboard-partner.yaml'),
  'utf8',
);

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
  await page.addInitScript(template => {
    (window as any).showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      const directory = await root.getDirectoryHandle('onboard-partner', {
        create: true,
      });
      const file = await directory.getFileHandle('template.yaml', {
        create: true,
      });
      const writable = await (file as any).createWritable();
      await writable.write(template);
      await writable.close();
      return directory;
    };
  }, TEMPLATE);
  await signInAsGuest(page);
});

test.afterAll(async () => {
  await page.close();
});

/** Picks an option of a select field (MUI), by the field's label. */
async function choose(
  scope: Page | Locator,
  label: string | RegExp,
  option: string,
) {
  await scope.getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Picks a catalog entity in an entity picker, by typing its title. */
async function pickEntity(scope: Page | Locator, label: string, text: string) {
  const input = scope.getByRole('textbox', { name: label, exact: true });
  await input.click();
  await input.fill(text);
  await page
    .getByRole('option', { name: new RegExp(text) })
    .first()
    .click();
}

test('lists the onboarding template under Create...', async () => {
  await page.getByRole('link', { name: 'Create...' }).click();
  await expect(page.getByText('Onboard a partner').first()).toBeVisible();
});

test('fills in the template in the editor and shows its dry run', async ({}, testInfo) => {
  await page.goto('/create/edit');
  await page.getByText('Load Template Directory').click();
  await expect(page).toHaveURL(/\/create\/template$/);
  const form = page.locator('form');

  // The partner
  await page
    .getByRole('textbox', { name: 'Name', exact: true })
    .fill('acme-logistics');
  await page
    .getByRole('textbox', { name: 'Display name', exact: true })
    .fill('Acme Logistics');
  await choose(form, /Type of partnership/, 'Integrator');
  await pickEntity(form, 'Business owner', 'Partner Operations');
  await choose(form, /Risk tier/, 'high');
  await page.getByRole('button', { name: 'Next' }).click();

  // Stages, due diligence and contract
  await pickEntity(form, 'Owner of onboarding', 'Partner Operations');
  await page
    .getByRole('textbox', { name: 'Due diligence reference', exact: true })
    .fill('TPRM-2001');
  await page.getByRole('button', { name: 'Next' }).click();

  // The first integration
  await page
    .getByRole('textbox', { name: 'Integration name', exact: true })
    .fill('acme-order-sync');
  await choose(form, /Type of integration/, 'api');
  await pickEntity(form, 'Owning team', 'Orders team');
  await choose(form, /Environment/, 'production');
  await choose(form, /Access package/, 'orders-read');
  await expect(
    page.getByText(/Grants orders:read, order-events:subscribe/),
  ).toBeVisible();
  await pickEntity(form, 'What it accesses', 'Orders service');
  await page.getByRole('button', { name: /Add/ }).last().click();
  await page
    .getByRole('textbox', { name: 'Name', exact: true })
    .fill('acme-orders-client');
  await choose(form, 'Type', 'oauth-client');
  // Only the package's scopes are offered.
  await expect(page.getByRole('checkbox')).toHaveCount(4);
  await page.getByRole('checkbox', { name: 'orders:read' }).check();
  await page
    .getByRole('textbox', { name: 'Where the secret lives', exact: true })
    .fill('vault:partners/acme/orders-client');
  await page.getByRole('button', { name: 'Next' }).click();

  // The pull request: the repository and the severity keep their defaults.
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const results = page.getByText('Dry-run results');
  await expect(results).toBeVisible();
  // The file the pull request would add, opened in the results.
  await page.getByText('partners', { exact: true }).click();
  await expect(page.getByText('acme-logistics.yaml')).toBeVisible();
  const line = (text: string) =>
    page.locator('.cm-line', { hasText: text }).first();
  await expect(line('kind: Partner')).toBeVisible();
  await expect(line('name: acme-logistics')).toBeVisible();
  await expect(line('stage: onboarding')).toBeVisible();
  await expect(line('reference: TPRM-2001')).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('onboarding-dry-run-files.png'),
  });

  // Each step's log: the file written (the identity has no expiry, a low
  // finding), the check the partners repository's CI will make, and the
  // pull request, opened in a dry run only.
  await page.getByRole('tab', { name: 'Log' }).click();
  await expect(
    page.getByText(
      'Wrote partners/acme-logistics.yaml with 1 finding(s) below high',
    ),
  ).toBeVisible();
  await page.getByText("Check it as the partners repository's CI will").click();
  await expect(
    page.getByText('2 entities valid, 1 finding(s) below high'),
  ).toBeVisible();
  await page.getByText('Open the pull request').click();
  await expect(
    page.getByText('Performing dry run of creating pull request'),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Output' }).click();
  await expect(page.getByRole('link', { name: 'Pull request' })).toBeVisible();
  await page.screenshot({
    path: testInfo.outputPath('onboarding-dry-run-output.png'),
  });
});
