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

// Writes the README's rule table from the rule registry of
// plugins/partners-common (each rule's id, severity, what it means and the
// framework ids it maps to). `--check` changes nothing and fails when the
// table in the README is not the one the registry gives; CI runs it so.
//
// Run through the Backstage CLI's TypeScript loader:
//   node -r @backstage/cli/config/nodeTransform.cjs scripts/rules-table.js

const fs = require('node:fs');
const path = require('node:path');
const prettier = require('prettier');
const {
  RULE_IDS,
  RULES,
} = require('@partner-governance/plugin-partners-common');

const README = path.resolve(__dirname, '..', 'README.md');
const START = '<!-- rules-table:start (yarn docs:rules writes this table) -->';
const END = '<!-- rules-table:end -->';

function escapeCell(text) {
  return text.replace(/\|/g, '\\|');
}

function table() {
  const rows = RULE_IDS.map(id => {
    const rule = RULES[id];
    const when =
      rule.source === 'backend'
        ? `${rule.description} _(governance backend)_`
        : rule.description;
    return `| \`${id}\` | ${rule.severity} | ${escapeCell(
      when,
    )} | ${rule.frameworks.join(', ')} |`;
  });
  return [
    '| rule | severity | fires when | maps to |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function main() {
  const readme = fs.readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no "${START}" ... "${END}" section`);
  }
  const written = `${readme.slice(
    0,
    start + START.length,
  )}\n\n${table()}\n\n${readme.slice(end)}`;
  const options = prettier.resolveConfig.sync(README) ?? {};
  const formatted = prettier.format(written, { ...options, filepath: README });
  if (process.argv.includes('--check')) {
    if (formatted !== readme) {
      process.stderr.write(
        "README.md's rule table is not the rule registry's: run `yarn docs:rules`\n",
      );
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(README, formatted);
}

main();
