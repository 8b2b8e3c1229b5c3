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

// Installs the dependencies and starts the portal: the frontend on
// http://localhost:3000 and the backend on :7007, with SQLite embedded, guest
// sign-in and the example estate loaded.

const { spawnSync } = require('node:child_process');
const { withLocalNodeHeaders } = require('./env');

const env = withLocalNodeHeaders();
for (const args of [['install'], ['start']]) {
  const { status } = spawnSync('yarn', args, { stdio: 'inherit', env });
  if (status !== 0) {
    process.exit(status ?? 1);
  }
}
