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

// Fails when a source file (not the vendored Yarn release, not generated
// code) is longer than 400 lines. Files that were longer before the limit are listed in scripts/long-files.json with the length
// they had: each may shrink, never grow, and leaves the list once it is
// within the limit (the check says so). `--write` rewrites the list.

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const LIST = path.join(__dirname, 'long-files.json');
const LIMIT = 400;
const SOURCE = /\.(ts|tsx|js|cjs|mjs)$/;

function lengths() {
  const files = execFileSync('git', ['ls-files'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(
      file =>
        SOURCE.test(file) &&
        !file.startsWith('.yarn/') &&
        !file.includes('/generated/') &&
        fs.existsSync(path.join(ROOT, file)),
    );
  return Object.fromEntries(
    files.map(file => [
      file,
      fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1,
    ]),
  );
}

function main() {
  const current = lengths();
  const long = Object.fromEntries(
    Object.entries(current).filter(([, lines]) => lines > LIMIT),
  );
  if (process.argv.includes('--write')) {
    fs.writeFileSync(LIST, `${JSON.stringify(long, null, 2)}\n`);
    return;
  }
  const listed = JSON.parse(fs.readFileSync(LIST, 'utf8'));
  const problems = [];
  for (const [file, lines] of Object.entries(long)) {
    if (!(file in listed)) {
      problems.push(`${file}: ${lines} lines, over the limit of ${LIMIT}`);
    } else if (lines > listed[file]) {
      problems.push(`${file}: grew from ${listed[file]} to ${lines} lines`);
    }
  }
  for (const file of Object.keys(listed)) {
    if (!(file in long)) {
      problems.push(
        `${file}: now within ${LIMIT} lines (or gone): take it off scripts/long-files.json`,
      );
    }
  }
  if (problems.length) {
    process.stderr.write(`${problems.join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    `Source files within ${LIMIT} lines, but for ${
      Object.keys(long).length
    } listed in scripts/long-files.json\n`,
  );
}

main();
