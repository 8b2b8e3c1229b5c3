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

/*
 * The ingest benchmark's child processes: each ingest runs in a fresh
 * process (the catalog backend's modules, metrics and caches start empty)
 * on a fresh database, and prints what it measured as its last line.
 */

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { JsonObject } from '@backstage/config';
import { lastJsonLine, nodeArgs } from '../lib/child';
import type { DbKind } from '../lib/databases';
import type { IngestEstate } from './estate';
import { VARIANTS, isVariantName, type VariantName } from './options';
import { ingestOnce, type RunResult, type RunSpec } from './run';

const MANIFEST = 'estate.json';

/** Keeps what the children need to know about the estates next to them. */
export function writeManifest(estate: IngestEstate): void {
  fs.writeFileSync(path.join(estate.root, MANIFEST), JSON.stringify(estate));
}

/**
 * The intake checks of every run with the module: a list as an adopter
 * might write it, with the partner estate's folder last, so that each
 * partner entity is compared with every entry before one covers it.
 */
function intakeConfig(estate: IngestEstate): JsonObject {
  const partnersDir = path.dirname(estate.estates.partners.locationFile);
  return {
    intake: {
      allowedLocations: [
        'https://github.com/acme/partners/blob/main/partners/',
        'https://gitlab.example.com/partner-ops/register/',
        `${path.join(estate.root, 'partners-archive')}${path.sep}`,
        `${partnersDir}${path.sep}`,
      ],
    },
  };
}

/** The locations of a variant and what the catalog must end up holding. */
function runSpec(
  estate: IngestEstate,
  variant: VariantName,
  db: DbKind,
): RunSpec {
  const { estate: kind, withModule, intake } = VARIANTS[variant];
  const files = estate.estates[kind];
  return {
    db,
    withModule,
    ...(intake && { partners: intakeConfig(estate) }),
    ...(intake && kind === 'partners' && { intakeProbe: estate.intakeProbe }),
    files: [estate.orgFile, files.locationFile],
    // The two locations, the Location entity of the estate file, the
    // organisation and the estate.
    expectedEntities: 3 + estate.orgEntities + files.entities,
    expectedRelations: estate.orgRelations + files.relations,
  };
}

/** Runs one ingest of `variant` on `db` in a child process of this script. */
export function ingestInChild(
  dir: string,
  variant: VariantName,
  db: DbKind,
): RunResult {
  const result = spawnSync(
    process.execPath,
    nodeArgs(require.resolve('./index'), [
      '--child',
      variant,
      '--db',
      db,
      '--dir',
      dir,
    ]),
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    throw new Error(
      `ingest of ${variant} on ${db} failed (${result.status}): ${result.stderr}`,
    );
  }
  if (result.stderr.trim()) {
    process.stderr.write(result.stderr);
  }
  return lastJsonLine(result.stdout);
}

/** In the child: one ingest, its result printed as the last line. */
export async function runChild(options: {
  child: string;
  db: DbKind;
  dir: string;
}): Promise<void> {
  if (!isVariantName(options.child)) {
    throw new Error(`Unknown variant ${options.child}`);
  }
  const estate: IngestEstate = JSON.parse(
    fs.readFileSync(path.join(options.dir, MANIFEST), 'utf8'),
  );
  const result = await ingestOnce(runSpec(estate, options.child, options.db));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
