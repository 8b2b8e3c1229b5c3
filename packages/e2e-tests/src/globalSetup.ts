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

import { request } from '@playwright/test';
import { BACKEND, guestToken } from './portal';

const DEADLINE_MS = 5 * 60 * 1000;

async function poll<T>(
  what: string,
  check: () => Promise<T | undefined>,
): Promise<T> {
  const until = Date.now() + DEADLINE_MS;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await check();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    await new Promise(resolve => setTimeout(resolve, 2000));
  }
  throw new Error(`Timed out waiting for ${what}: ${last ?? 'not yet'}`);
}

/**
 * The portal answers before its first partners index sync has run: wait
 * until the example estate is indexed and the guest's team has a pending
 * access review, so the tests see the estate as a user would.
 */
export default async function globalSetup() {
  const api = await request.newContext();
  try {
    await poll(
      'the partners backend',
      async () =>
        (await api.get(`${BACKEND}/api/partners/health`)).ok() || undefined,
    );
    // A token names the groups its user belonged to when it was issued: sign
    // in again on every try, so that a token issued before the catalog had
    // read the guest's team does not hide the team's reviews.
    const headers = async () => ({
      authorization: `Bearer ${await guestToken(api)}`,
    });
    await poll('the example estate in the partners index', async () => {
      const response = await api.get(
        `${BACKEND}/api/partners/partners?limit=1`,
        { headers: await headers() },
      );
      return response.ok() && (await response.json()).items.length
        ? true
        : undefined;
    });
    await poll('a pending access review assigned to the guest', async () => {
      const response = await api.get(
        `${BACKEND}/api/partners/reviews?assignee=me&status=pending&limit=1`,
        { headers: await headers() },
      );
      return response.ok() && (await response.json()).items.length
        ? true
        : undefined;
    });
  } finally {
    await api.dispose();
  }
}
