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

// The project's app-config.yaml as the quick start runs it: the backend in
// packages/backend, the catalog's locations and partners.intake read
// relative to it. Every example partner comes in; a partner file elsewhere
// does not.

import path from 'node:path';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/config';
import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import { EXAMPLES_DIR, exampleEntities } from './__testUtils__/examples';
import { eventually, useRealCatalog } from './__testUtils__/realCatalog';

jest.setTimeout(120_000);

const ROOT = path.resolve(EXAMPLES_DIR, '..');
let appConfig: JsonObject = {};

beforeAll(async () => {
  const config = await ConfigSources.toConfig(
    FileConfigSource.create({
      path: path.join(ROOT, 'app-config.yaml'),
      watch: false,
      substitutionFunc: async () => undefined,
    }),
  );
  appConfig = config.get<JsonObject>();
});

const { mockDir, processingErrors, getEntity } = useRealCatalog({
  appConfig: {
    get data() {
      return appConfig;
    },
    cwd: path.join(ROOT, 'packages/backend'),
  },
  files: {
    'elsewhere.yaml': `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata:
  name: intake-elsewhere
spec:
  type: integrator
  owner: group:partner-operations
  lifecycle: { stage: enablement }
  risk: { tier: low }
`,
  },
});

describe('the quick start configuration', () => {
  it('allows the examples folder, relative to packages/backend', () => {
    expect(appConfig).toMatchObject({
      partners: { intake: { allowedLocations: ['../../examples/'] } },
    });
  });

  it('ingests every example partner and integration', async () => {
    const refs = exampleEntities().map(entity => stringifyEntityRef(entity));
    expect(refs.filter(ref => ref.startsWith('partner:'))).toHaveLength(18);
    for (const ref of refs) {
      await eventually(async () => {
        const entity = await getEntity(ref);
        expect([ref, entity?.status]).toEqual([ref, undefined]);
        expect(entity).toBeDefined();
      });
    }
    const intakeErrors = processingErrors.filter(e =>
      e.errors.some(error => String(error).includes('allowedLocations')),
    );
    expect(
      intakeErrors.map(e => e.entityRef).filter(ref => refs.includes(ref)),
    ).toEqual([]);
  });

  it('rejects a partner file from anywhere else', async () => {
    await eventually(async () => {
      expect(
        processingErrors
          .filter(e => e.entityRef === 'partner:default/intake-elsewhere')
          .flatMap(e => e.errors.map(String)),
      ).toEqual([
        expect.stringContaining(
          `partner:default/intake-elsewhere comes from file:${mockDir.resolve(
            'elsewhere.yaml',
          )}, a location that partners.intake.allowedLocations does not allow`,
        ),
      ]);
    });
    await expect(
      getEntity('partner:default/intake-elsewhere'),
    ).resolves.toBeUndefined();
  });
});
