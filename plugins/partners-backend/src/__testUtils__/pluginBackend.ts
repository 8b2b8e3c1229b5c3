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

import type { BackendFeature } from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import partnersPlugin from '../index';
import { loadExampleEntities } from './examples';

/** A sync schedule whose initial delay keeps it from running in a test. */
export const SCHEDULE = {
  frequency: { hours: 1 },
  timeout: { minutes: 1 },
  initialDelay: { hours: 1 },
};

/** Root config with the given sync schedule, or none when null. */
export const config = (schedule: typeof SCHEDULE | null = SCHEDULE) =>
  mockServices.rootConfig.factory({
    data: schedule ? { partners: { sync: { schedule } } } : {},
  });

/** The partners plugin in a test backend, over the example catalog. */
export interface PartnersBackend {
  /** A fresh database for each test. */
  knex: Knex;
  /** Starts the plugin; `extra` replaces the default config. */
  start(...extra: BackendFeature[]): Promise<void>;
  /** Stops the plugin, keeping the database: the next start uses it. */
  stop(): Promise<void>;
  /** The URL of a path of the plugin's API. */
  url(path: string): string;
}

/**
 * Gives each test of the enclosing describe block a fresh database, and
 * stops the backend the test started.
 */
export function partnersBackend(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): PartnersBackend {
  let backend: TestBackend | undefined;
  const fx: PartnersBackend = {
    knex: undefined as unknown as Knex,
    start: async (...extra) => {
      backend = await startTestBackend({
        features: [
          partnersPlugin,
          catalogServiceMock.factory({ entities: loadExampleEntities() }),
          mockServices.database.factory({ knex: fx.knex }),
          ...(extra.length ? extra : [config()]),
        ],
      });
    },
    stop: async () => {
      await backend?.stop();
      backend = undefined;
    },
    url: path =>
      `http://localhost:${backend!.server.port()}/api/partners${path}`,
  };

  beforeEach(async () => {
    fx.knex = await databases.init(databaseId);
  });

  afterEach(async () => {
    await backend?.stop();
    backend = undefined;
  });

  return fx;
}
