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
import {
  expect,
  test,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';
import { BACKEND, guestToken, signInAsGuest } from './portal';

/*
 * The portal as a team lead of the example estate sees it: the guest is a
 * member of team-orders, which owns several partner integrations.
 */

/** Where the README's screenshots are refreshed, when set. */
const SCREENSHOTS_DIR = process.env.E2E_SCREENSHOTS_DIR;
/** The steps the README shows. */
const README_SCREENSHOTS = [
  'service-partner-access',
  'partner-page',
  'my-reviews',
];

/**
 * Saves a screenshot of the page, or of one element of it (the portal
 * scrolls inside its own content area, so a full-page screenshot only holds
 * what is in view).
 */
async function snapshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  element?: Locator,
) {
  const file = testInfo.outputPath(`${name}.png`);
  if (element) {
    await element.screenshot({ path: file });
  } else {
    await page.screenshot({ path: file, fullPage: true });
  }
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  if (SCREENSHOTS_DIR && README_SCREENSHOTS.includes(name)) {
    fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
    fs.copyFileSync(file, path.join(SCREENSHOTS_DIR, `${name}.png`));
  }
}

test.describe.configure({ mode: 'serial' });

let page: Page;

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});

test.afterAll(async () => {
  await page.close();
});

test('signs in as the guest', async ({}, testInfo) => {
  await signInAsGuest(page);
  await expect(page.getByRole('link', { name: 'Partners' })).toBeVisible();
  await snapshot(page, testInfo, '01-signed-in');
});

test('shows the partners that access a service on its page', async ({}, testInfo) => {
  await page.goto('/catalog/default/component/orders-service');
  const card = page
    .locator('[class*="MuiCard-root"]')
    .filter({ has: page.getByText('Partner access', { exact: true }) })
    .last();
  await expect(card).toBeVisible();
  // six partners reach the orders service through seven integrations
  await expect(
    card.getByText(/6 partners through 7 integrations access/),
  ).toBeVisible();
  await expect(
    card.getByRole('link', { name: 'Cinderpath monitoring' }),
  ).toBeVisible();
  await expect(
    card.getByRole('table', { name: 'Identities of Cinderpath monitoring' }),
  ).toBeVisible();
  await expect(card.getByText(/pending, due/).first()).toBeVisible();
  // tall enough for the whole card: the portal scrolls its content area
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 3000 });
  await snapshot(page, testInfo, 'service-partner-access', card);
  if (viewport) {
    await page.setViewportSize(viewport);
  }
});

test('shows the partner at its lifecycle stage', async ({}, testInfo) => {
  await page.goto('/catalog/default/partner/tidewell-commerce');
  const stepper = page.getByLabel('Partner lifecycle');
  await expect(stepper).toBeVisible();
  await expect(stepper.locator('[aria-current="step"]')).toHaveText(
    /Measurement/,
  );
  await snapshot(page, testInfo, 'partner-page');
});

test('shows where the contract comes from, and the stage history', async ({}, testInfo) => {
  // Tidewell's contract is terminated in the example register, not in its file
  await page.goto('/catalog/default/partner/tidewell-commerce');
  await expect(
    page.getByText(/From the partner register \(row \d+\)/),
  ).toBeVisible();
  await expect(page.getByText(/The partner file says/)).toBeVisible();
  const stepper = page.getByLabel('Partner lifecycle');
  await expect(stepper.getByText(/First seen/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Stage history' })).toBeVisible();
  await expect(page.getByText(/History starts/)).toBeVisible();
  await snapshot(page, testInfo, 'partner-register-history');
});

test('finds a partner by its name in search, with its stage and tier', async ({}, testInfo) => {
  // the first index run waits for the example estate to be in the catalog
  const result = page.getByRole('link', { name: 'Wrenfield Systems' }).first();
  await expect(async () => {
    await page.goto('/search?query=wrenfield');
    await expect(result).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000 });
  // the partner's own result item: its kind, type and tier as chips
  await expect(page.getByText('Type: Integrator').first()).toBeVisible();
  await expect(page.getByText('high risk').first()).toBeVisible();
  await snapshot(page, testInfo, 'search-partner');
});

test('decides a review in My reviews, and it leaves the list', async ({}, testInfo) => {
  await page.goto('/partners/reviews');
  const list = page.getByRole('table', {
    name: 'Access reviews waiting for you',
  });
  const rows = list.getByRole('link', { name: /^Open the review of / });
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  const label = await rows.first().getAttribute('aria-label');
  const integrationRef = label!.replace('Open the review of ', '');
  await rows.first().click();
  // the review's context loads next to the list
  const decide = page.getByRole('button', { name: 'Decide' });
  await expect(decide).toBeEnabled();
  await expect(page.getByText(/rotation|last used/i).first()).toBeVisible();
  await snapshot(page, testInfo, 'my-reviews');

  await decide.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Attest (keep access)').check();
  await dialog
    .getByLabel('Comment')
    .fill('Still needed for the order sync; checked with the partner.');
  await dialog.getByRole('button', { name: 'Attest' }).click();
  await expect(dialog).toBeHidden();

  await expect(
    list.getByRole('link', { name: `Open the review of ${integrationRef}` }),
  ).toHaveCount(0);
  await expect(rows).toHaveCount(before - 1);
  await snapshot(page, testInfo, 'my-reviews-decided');
});

/**
 * Presses Tab until `target` has the focus, as a keyboard user would reach
 * it; fails if it is not reached within `limit` presses.
 */
async function tabTo(target: Locator, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate(el => el === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target} was not reached with ${limit} presses of Tab`);
}

test('decides a review with the keyboard alone, in the dark theme', async ({}, testInfo) => {
  await page.goto('/partners/reviews');
  await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
  await page.reload();
  // the page is drawn from the dark palette
  const background = await page.evaluate(
    () => getComputedStyle(document.body).backgroundColor,
  );
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(3 * 96);

  const list = page.getByRole('table', {
    name: 'Access reviews waiting for you',
  });
  const rows = list.getByRole('link', { name: /^Open the review of / });
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  const label = await rows.first().getAttribute('aria-label');

  await tabTo(rows.first());
  await page.keyboard.press('Enter');
  const decide = page.getByRole('button', { name: 'Decide' });
  await expect(decide).toBeEnabled();
  await tabTo(decide);
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const attest = dialog.getByLabel('Attest (keep access)');
  await tabTo(attest);
  await page.keyboard.press('Space');
  await expect(attest).toBeChecked();
  await tabTo(dialog.getByLabel('Comment'));
  await page.keyboard.type('Reviewed with the team; access still needed.');
  await snapshot(page, testInfo, 'my-reviews-keyboard-dark');
  await tabTo(dialog.getByRole('button', { name: 'Attest' }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  await expect(list.getByRole('link', { name: label! })).toHaveCount(0);
  await expect(rows).toHaveCount(before - 1);
  await page.evaluate(() => window.localStorage.removeItem('theme'));
});

test('requests an exception from a finding', async ({ request }, testInfo) => {
  const integration = 'partnerintegration:default/cinderpath-order-ops';
  await page.goto(
    '/catalog/default/partnerintegration/cinderpath-order-ops/findings',
  );
  const button = page.getByRole('button', {
    name: /^Request exception for identity-no-expiry/,
  });
  await expect(button).toBeVisible();
  await button.click();
  const dialog = page.getByRole('dialog');
  await dialog
    .getByLabel('Justification')
    .fill(
      'The legacy token is replaced by an OAuth client in the next release.',
    );
  await snapshot(page, testInfo, 'exception-request');
  await dialog.getByRole('button', { name: 'Request exception' }).click();
  await expect(dialog).toBeHidden();

  // The backend holds the request, by the guest, awaiting a second person.
  const token = await guestToken(request);
  const response = await request.get(
    `${BACKEND}/api/partners/exceptions?status=requested&entity=${encodeURIComponent(
      integration,
    )}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(response.ok()).toBe(true);
  const { items } = await response.json();
  expect(items).toEqual([
    expect.objectContaining({
      ruleId: 'identity-no-expiry',
      entityRef: integration,
      identity: 'legacy-ops-token',
      requestedBy: 'user:default/guest',
      status: 'requested',
    }),
  ]);
});

// Last: it opens Cinderpath's offboarding checklist. The guest's team owns
// the partner, so the guest may suspend it.
test('suspends a partner after reading its blast radius', async ({
  request,
}, testInfo) => {
  const partnerRef = 'partner:default/cinderpath-it-services';
  await page.goto('/catalog/default/partner/cinderpath-it-services');
  const blastRadius = page.waitForResponse(
    response =>
      response.url().includes('/blast-radius') && response.status() === 200,
  );
  await page.getByRole('button', { name: 'Suspend partner' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Suspend partner' });
  const radius = await (await blastRadius).json();

  // What the suspension would cut, before confirming: every identity, and
  // the catalog entities the partner reaches (orders-service, and the queue
  // the fulfilment worker it accesses depends on).
  const identities = dialog.getByRole('table', {
    name: 'Identities the suspension revokes',
  });
  await expect(identities.getByRole('row')).toHaveCount(
    radius.identities.length + 1,
  );
  await expect(identities.getByText('order-ops-key')).toBeVisible();
  expect(radius.entities).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        entityRef: 'component:default/orders-service',
        distance: 1,
        via: 'accesses',
      }),
      expect.objectContaining({
        entityRef: 'resource:default/order-events-queue',
        distance: 2,
        via: 'dependsOn',
        from: 'component:default/fulfilment-worker',
      }),
    ]),
  );
  await expect(
    dialog
      .getByRole('table', { name: 'Catalog entities the partner reaches' })
      .getByRole('row'),
  ).toHaveCount(radius.entities.length + 1);

  // A reason is required.
  const confirm = dialog.getByRole('button', { name: 'Suspend', exact: true });
  await expect(confirm).toBeDisabled();
  await dialog
    .getByRole('textbox', { name: 'Reason' })
    .fill('INC-2211: Cinderpath reported a compromised operator laptop');
  await snapshot(page, testInfo, 'suspend-partner');
  await confirm.click();
  const outcome = dialog.getByRole('table', { name: 'Suspension outcome' });
  await expect(outcome.getByRole('row')).toHaveCount(
    radius.identities.filter((i: any) => i.status !== 'revoked' || i.revocable)
      .length + 1,
  );

  // The backend opened the checklist, an item per identity.
  const token = await guestToken(request);
  const response = await request.get(
    `${BACKEND}/api/partners/partners/${encodeURIComponent(
      partnerRef,
    )}/offboarding`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  expect(response.ok()).toBe(true);
  const { checklist } = await response.json();
  expect(checklist.reasons).toContain('suspended');
  expect(
    checklist.items.filter((item: any) => item.source === 'suspension').length,
  ).toBeGreaterThan(0);
});
