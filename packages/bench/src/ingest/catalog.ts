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
 * The real catalog backend as the ingest benchmark runs it: Backstage's
 * default backend services, the catalog plugin, this project's catalog
 * module or not, on a fresh database; a probe module that hands the catalog
 * its locations once the backend is up and reads the catalog's database.
 */

import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader, type JsonObject } from '@backstage/config';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  locationSpecToLocationEntity,
  type EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import catalogModulePartners from '@partner-governance/plugin-catalog-backend-module-partners';
import { knex as knexFactory, type Knex } from 'knex';
import { PG_URL, type DbKind } from '../lib/databases';

/**
 * The catalog settings of every run, whatever the estate: entities are not
 * refreshed again during a run, the stitcher looks for work every 100 ms
 * (as the module's real-catalog tests set it) and every kind is allowed.
 */
const CATALOG_CONFIG: JsonObject = {
  processingInterval: { minutes: 60 },
  stitchingStrategy: { pollingInterval: { milliseconds: 100 } },
  rules: [
    {
      allow: [
        'Location',
        'Group',
        'User',
        'API',
        'Component',
        'Partner',
        'PartnerIntegration',
      ],
    },
  ],
};

/** Warnings and errors on stderr; the rest is dropped. */
class QuietLogger implements RootLoggerService {
  child(): LoggerService {
    return this;
  }
  error(message: string, meta?: unknown) {
    process.stderr.write(`catalog error: ${message} ${meta ?? ''}\n`);
  }
  warn(message: string, meta?: unknown) {
    process.stderr.write(`catalog warn: ${message} ${meta ?? ''}\n`);
  }
  info() {}
  debug() {}
}

/** A fresh database for one backend: its config and how to remove it. */
async function freshCatalogDatabase(kind: DbKind, serial: string) {
  if (kind === 'sqlite') {
    // In memory, as the project's app-config runs the catalog on SQLite.
    return {
      config: { client: 'better-sqlite3', connection: ':memory:' },
      dispose: async () => {},
    };
  }
  const name = `partners_ingest_${process.pid}_${serial}`;
  const admin = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`CREATE DATABASE ${name}`);
  return {
    config: {
      client: 'pg',
      connection: PG_URL,
      plugin: { catalog: { connection: { database: name } } },
    },
    dispose: async () => {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

/** A running catalog backend, and what the probe module got from it. */
export interface RunningCatalog {
  /** The catalog's own database client. */
  knex: Knex;
  /** Gives the catalog its locations: files, each a location of its own. */
  addLocations(files: string[]): Promise<void>;
  /** Adds one more file location, keeping the others. */
  addLocation(file: string): Promise<void>;
  /** Stops the backend and removes its database. */
  stop(): Promise<void>;
}

/**
 * Starts a backend with the catalog (and this project's module when
 * `withModule`) on a fresh `kind` database, and waits until it is up. The
 * catalog has no location until addLocations is called. `partners` is the
 * `partners` config the module reads (`intake.allowedLocations`).
 */
export async function startCatalog(
  kind: DbKind,
  withModule: boolean,
  partners?: JsonObject,
): Promise<RunningCatalog> {
  const database = await freshCatalogDatabase(
    kind,
    `${Date.now().toString(36)}`,
  );
  let connection: EntityProviderConnection | undefined;
  let knex: Knex | undefined;
  const probe = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'ingest-bench-probe',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          db: coreServices.database,
        },
        async init({ catalog, db }) {
          catalog.addEntityProvider({
            getProviderName: () => 'ingest-bench',
            connect: async c => {
              connection = c;
            },
          });
          knex = await db.getClient();
        },
      });
    },
  });

  const backend = createBackend();
  backend.add(
    createServiceFactory({
      service: coreServices.rootConfig,
      deps: {},
      factory: () =>
        new ConfigReader({
          backend: {
            baseUrl: 'http://127.0.0.1:7000',
            listen: { host: '127.0.0.1', port: 0 },
            database: database.config,
          },
          catalog: CATALOG_CONFIG,
          // No events backend runs here: the catalog's events (a processing
          // error, such as the intake probe's) stay in the process.
          events: { useEventBus: 'never' },
          ...(partners && { partners }),
        }),
    }),
  );
  backend.add(
    createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => new QuietLogger(),
    }),
  );
  backend.add(catalogBackend);
  if (withModule) {
    backend.add(catalogModulePartners);
  }
  backend.add(probe);
  try {
    await backend.start();
    if (!connection || !knex) {
      throw new Error('the catalog did not connect the benchmark provider');
    }
  } catch (error) {
    await backend.stop().catch(() => {});
    await database.dispose();
    throw error;
  }
  const provider = connection;
  const locationOf = (target: string) => ({
    entity: locationSpecToLocationEntity({
      location: { type: 'file', target },
    }),
    locationKey: `file:${target}`,
  });
  return {
    knex,
    async addLocations(files) {
      await provider.applyMutation({
        type: 'full',
        entities: files.map(locationOf),
      });
    },
    async addLocation(file) {
      await provider.applyMutation({
        type: 'delta',
        added: [locationOf(file)],
        removed: [],
      });
    },
    async stop() {
      await backend.stop();
      // Let the stitcher's and the engine's last polls end before the drop.
      await new Promise(resolve => setTimeout(resolve, 1000));
      await database.dispose();
    },
  };
}
