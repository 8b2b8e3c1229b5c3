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

// Pins every @backstage/* package, direct or transitive, to the Backstage
// release manifest through root `resolutions`, so the dependency tree cannot
// drift to a newer release line (two copies of core-plugin-api or
// catalog-react break React contexts such as useEntity).
//
// Usage: node scripts/pin-backstage-release.js [--check | --find-substitutes]

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const manifest = require('./backstage-release-1.53.0.json');

// Manifest versions that the npm registry does not serve, with the nearest
// served patch of the same minor (lower when one exists). `served: null`
// means no patch of that minor is served; such packages are left unpinned
// and must not be used. Regenerate with --find-substitutes.
const SUBSTITUTES_FILE = path.join(
  __dirname,
  'backstage-release-substitutes.json',
);

function findSubstitutes() {
  const { execFileSync } = require('node:child_process');
  const result = {};
  for (const { name, version } of manifest.packages) {
    const served = JSON.parse(
      execFileSync('npm', ['view', name, 'versions', '--json'], {
        encoding: 'utf8',
      }),
    );
    const stable = [].concat(served).filter(v => !v.includes('-'));
    if (stable.includes(version)) continue;
    const [major, minor, patch] = version.split('.').map(Number);
    const sameMinor = stable
      .map(v => v.split('.').map(Number))
      .filter(([ma, mi]) => ma === major && mi === minor)
      .map(([, , p]) => p);
    const lower = sameMinor.filter(p => p < patch);
    const higher = sameMinor.filter(p => p > patch);
    let pick = null;
    if (lower.length) pick = Math.max(...lower);
    else if (higher.length) pick = Math.min(...higher);
    result[name] = {
      manifest: version,
      served: pick === null ? null : `${major}.${minor}.${pick}`,
    };
  }
  fs.writeFileSync(SUBSTITUTES_FILE, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

const substitutes = process.argv.includes('--find-substitutes')
  ? findSubstitutes()
  : JSON.parse(fs.readFileSync(SUBSTITUTES_FILE, 'utf8'));

const pkgPath = path.join(root, 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));

const pins = {};
for (const { name, version } of manifest.packages) {
  if (!substitutes[name]) {
    pins[name] = version;
  } else if (substitutes[name].served) {
    pins[name] = substitutes[name].served;
  }
}

const others = Object.fromEntries(
  Object.entries(pkg.resolutions ?? {}).filter(
    ([name]) => !name.startsWith('@backstage/'),
  ),
);
const next = { ...others, ...pins };

if (process.argv.includes('--check')) {
  const stale = Object.entries(pins).filter(
    ([name, version]) => pkg.resolutions?.[name] !== version,
  );
  if (stale.length) {
    process.stderr.write(
      `resolutions are not pinned to Backstage ${
        manifest.releaseVersion
      }: ${stale
        .map(([n]) => n)
        .join(', ')}\nRun: node scripts/pin-backstage-release.js\n`,
    );
    process.exit(1);
  }
  process.exit(0);
}

pkg.resolutions = Object.fromEntries(
  Object.entries(next).sort(([a], [b]) => a.localeCompare(b)),
);
fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
process.stdout.write(
  `Pinned ${Object.keys(pins).length} @backstage packages to ${
    manifest.releaseVersion
  }\n`,
);
