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

import type { APIRequestContext, Page } from '@playwright/test';

/** The backend of the portal under test. */
export const BACKEND = 'http://localhost:7007';

/**
 * Signs in as the guest through the guest provider's refresh endpoint, as the
 * sign-in page does, and returns the Backstage token.
 */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok()) {
    throw new Error(`guest sign-in answered ${response.status()}`);
  }
  const body = await response.json();
  return body.backstageIdentity.token;
}

/**
 * Signs in on the page as the guest: with a fresh profile the sign-in page
 * shows a guest card; enter and wait for the app shell.
 */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click();
  await page.getByRole('link', { name: 'Partners' }).waitFor();
}
