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

import fs from 'node:fs';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';

/** The example estate at the root of the repository. */
const EXAMPLES_DIR = path.resolve(__dirname, '../../../../examples');

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap(entry => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return yamlFiles(file);
      }
      return /\.ya?ml$/.test(entry.name) ? [file] : [];
    })
    .sort();
}

/**
 * Every entity of the example estate, read as the catalog reads it (YAML 1.2
 * core schema: unquoted dates stay strings), in the default namespace as the
 * catalog would place it. Returns fresh objects on every call.
 */
export function loadExampleEntities(): Entity[] {
  return yamlFiles(EXAMPLES_DIR).flatMap(file =>
    (
      parseAllDocuments(fs.readFileSync(file, 'utf8')).map(doc =>
        doc.toJSON(),
      ) as unknown[]
    )
      .filter(
        (doc): doc is Entity =>
          !!doc && typeof doc === 'object' && 'kind' in doc,
      )
      .map(entity => ({
        ...entity,
        metadata: { namespace: 'default', ...entity.metadata },
      })),
  );
}

/** Counts in the example estate. */
export const EXAMPLE_COUNTS = {
  partners: 18,
  integrations: 38,
  identities: 91,
};
