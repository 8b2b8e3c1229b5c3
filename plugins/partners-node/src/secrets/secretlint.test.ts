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

import { performance } from 'node:perf_hooks';
import { findSecrets } from './guard';
import { scanWithSecretlint } from './secretlint';
import { integration, join } from './__testUtils__/secretFixtures';

// A long-running process scans again and again (the catalog on every
// refresh): a scan must leave nothing behind in the process.

describe('scanWithSecretlint', () => {
  it('leaves no mark in the performance timeline', async () => {
    const before = performance.getEntriesByType('mark').length;
    const texts = ['a value long enough to be read by secretlint'];
    for (let i = 0; i < 20; i++) {
      await scanWithSecretlint(texts);
      await findSecrets(integration({ name: 'x', description: texts[0] }));
    }
    expect(performance.getEntriesByType('mark').length).toBe(before);
  });

  it('still finds credentials', async () => {
    const github = join('gh', 'p_', 'K'.repeat(36));
    const found = await scanWithSecretlint(['a plain value', github]);
    expect([...found]).toEqual([[1, 'a GitHub token']]);
  });
});
