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

// Environment shared by the scripts that install, start and test the project.

const fs = require('node:fs');
const path = require('node:path');

/**
 * Lets node-gyp build native modules (better-sqlite3) against the headers
 * installed with this Node.js, instead of downloading them: the install then
 * works on machines without access to the Node.js download site.
 */
function withLocalNodeHeaders(env = process.env) {
  if (env.npm_config_nodedir) {
    return env;
  }
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  if (fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h'))) {
    return { ...env, npm_config_nodedir: prefix };
  }
  return env;
}

module.exports = { withLocalNodeHeaders };
