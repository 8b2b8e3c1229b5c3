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

import path from 'node:path';
import { defineConfig } from '@playwright/test';

/*
 * End-to-end tests of the portal in headless Chromium. The portal is
 * started the way the README starts it (`yarn start` at the repository
 * root: the frontend dev server on :3000 and the backend on :7007, SQLite in
 * memory, guest sign-in, the example estate), unless one already answers.
 * Chromium is the system's (Debian's `chromium` package); Playwright never
 * downloads a browser here.
 */

const ROOT = path.resolve(__dirname, '../..');
const FRONTEND = 'http://localhost:3000';

export default defineConfig({
  testDir: 'src',
  testMatch: '**/*.e2e.ts',
  outputDir: 'test-results',
  // One portal, one browser: the steps share the portal's state.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'test-report' }],
  ],
  use: {
    baseURL: FRONTEND,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  // Waits for the backend and the first partners index sync.
  globalSetup: require.resolve('./src/globalSetup'),
  webServer: {
    command: 'yarn start',
    cwd: ROOT,
    url: FRONTEND,
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    // The dry run of the onboarding template's pull request step wants a
    // GitHub token configured for github.com; it never sends it.
    env: { GITHUB_TOKEN: process.env.GITHUB_TOKEN ?? 'e2e-dry-run-only' },
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
