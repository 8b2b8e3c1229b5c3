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

// Runs the module inside the real catalog backend (processing engine,
// stitcher, REST API, in-memory SQLite) against the example estate and a
// temporary directory of partner files holding secrets and invalid entities.

import path from 'node:path';
import { inspect } from 'node:util';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
  type MockDirectory,
  type TestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  type DatabaseService,
  type LoggerService,
  type RootLoggerService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/config';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import catalogModulePartners from '../index';
import { EXAMPLES_DIR } from './examples';
import { BROKEN_FILE, PARTNER_FILE, ROTATING_CLEAN } from './partnerFiles';

export type ProcessingError = { entityRef: string; errors: Error[] };

/** An entity as the catalog's REST API returns it, processing status included. */
export type StoredEntity = Entity & {
  status?: {
    items?: Array<{ type: string; level: string; message: string }>;
  };
};

/** A root logger that keeps every line, debug included. */
class CapturingLogger implements RootLoggerService {
  constructor(
    private readonly lines: string[],
    private readonly fields: Record<string, unknown> = {},
  ) {}
  child(meta: Parameters<LoggerService['child']>[0]): LoggerService {
    return new CapturingLogger(this.lines, { ...this.fields, ...meta });
  }
  error(message: string, meta?: unknown) {
    this.log('error', message, meta);
  }
  warn(message: string, meta?: unknown) {
    this.log('warn', message, meta);
  }
  info(message: string, meta?: unknown) {
    this.log('info', message, meta);
  }
  debug(message: string, meta?: unknown) {
    this.log('debug', message, meta);
  }
  private log(level: string, message: string, meta: unknown) {
    this.lines.push(
      `${level} ${inspect(this.fields)} ${message} ${inspect(meta, {
        depth: 20,
      })}`,
    );
  }
}

/** The running catalog and what it reported, for the tests of one file. */
export interface RealCatalog {
  /** The temporary directory holding the partner files. */
  mockDir: MockDirectory;
  /** Every processing error the catalog reported, in order. */
  processingErrors: ProcessingError[];
  /** Every line the backend logged, debug included. */
  logLines: string[];
  /** Calls the catalog's REST API. */
  api(
    method: 'GET' | 'POST',
    urlPath: string,
    body?: unknown,
  ): Promise<{ status: number; text: string; json: any }>;
  /** Reads one entity through the REST API; undefined when it is absent. */
  getEntity(ref: string): Promise<StoredEntity | undefined>;
  /** Every row of every table of the catalog's database, as JSON. */
  dumpDatabase(): Promise<string>;
  /**
   * Replaces `partners.intake` in the running backend's configuration, as a
   * reloaded app-config would (undefined removes it).
   */
  setIntake(intake: JsonObject | undefined): void;
}

/** What the backend is started with, besides the module and the catalog. */
export interface RealCatalogOptions {
  /** More files for the catalog to read, each a location of its own. */
  files?: Record<string, string>;
  /** Files written next to them but not registered: targets of nested Locations. */
  unlistedFiles?: Record<string, string>;
  /** `partners.intake`, given the temporary directory; unset when absent. */
  intake?: (dir: string) => JsonObject;
  /** More catalog locations, of any type, read when the backend starts. */
  locations?: () => JsonObject[];
  /** `backend` settings (such as `reading.allow`), read when the backend starts. */
  backend?: () => JsonObject;
  /**
   * An app-config whose `catalog` and `partners` replace the test's catalog
   * settings; its `type: file` locations and the intake's paths are read
   * relative to `cwd`, as the backend reads them relative to its working
   * directory. The temporary files stay locations of their own.
   */
  appConfig?: { data: JsonObject; cwd: string };
}

/**
 * Starts the catalog backend with this module before the tests of the calling
 * file and stops it after them.
 */
export function useRealCatalog(options: RealCatalogOptions = {}): RealCatalog {
  const files = options.files ?? {};
  const rootConfig = mockServices.rootConfig();
  let configData: JsonObject = {};
  const mockDir = createMockDirectory();
  const processingErrors: ProcessingError[] = [];
  const logLines: string[] = [];
  let catalogDatabase: Awaited<ReturnType<DatabaseService['getClient']>>;
  let backend: TestBackend;

  /** Collects processing errors and the catalog's database client. */
  const probeModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'partners-test-probe',
    register(env) {
      env.registerInit({
        deps: {
          catalog: catalogProcessingExtensionPoint,
          database: coreServices.database,
        },
        async init({ catalog, database }) {
          catalog.setOnProcessingErrorHandler(event => {
            processingErrors.push({
              entityRef: stringifyEntityRef(event.unprocessedEntity),
              errors: event.errors,
            });
          });
          catalogDatabase = await database.getClient();
        },
      });
    },
  });

  async function api(
    method: 'GET' | 'POST',
    urlPath: string,
    body?: unknown,
  ): Promise<{ status: number; text: string; json: any }> {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/catalog${urlPath}`,
      {
        method,
        headers: body ? { 'content-type': 'application/json' } : undefined,
        body: body ? JSON.stringify(body) : undefined,
      },
    );
    const text = await response.text();
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, text, json };
  }

  async function getEntity(ref: string): Promise<StoredEntity | undefined> {
    const { kind, namespace, name } = parseEntityRef(ref);
    const { status, json } = await api(
      'GET',
      `/entities/by-name/${kind}/${namespace}/${name}`,
    );
    if (status === 404) {
      return undefined;
    }
    expect(status).toBe(200);
    return json;
  }

  async function dumpDatabase(): Promise<string> {
    const tables: Array<{ name: string }> = await catalogDatabase
      .select('name')
      .from('sqlite_master')
      .where('type', 'table');
    const rows = await Promise.all(
      tables.map(async ({ name }) => ({
        name,
        rows: await catalogDatabase.select('*').from(name),
      })),
    );
    return JSON.stringify(rows);
  }

  /** The catalog settings: the test's, or those of the given app-config. */
  function catalogConfig(): JsonObject {
    const temporary = (names: string[]) =>
      names.map(name => ({ type: 'file', target: mockDir.resolve(name) }));
    // stitch promptly instead of once a second
    const stitchingStrategy = { pollingInterval: { milliseconds: 100 } };
    if (options.appConfig) {
      const catalog = (options.appConfig.data.catalog ?? {}) as JsonObject;
      return {
        ...catalog,
        stitchingStrategy,
        locations: [
          ...((catalog.locations ?? []) as JsonObject[]),
          ...temporary(Object.keys(files)),
        ],
      };
    }
    return {
      stitchingStrategy,
      rules: [
        {
          allow: [
            'Location',
            'Group',
            'User',
            'Domain',
            'System',
            'Component',
            'API',
            'Resource',
            'Partner',
            'PartnerIntegration',
          ],
        },
      ],
      locations: [
        { type: 'file', target: path.join(EXAMPLES_DIR, 'org.yaml') },
        { type: 'file', target: path.join(EXAMPLES_DIR, 'all.yaml') },
        ...(options.locations?.() ?? []),
        ...temporary([
          'partners.yaml',
          'rotating.yaml',
          'broken.yaml',
          ...Object.keys(files),
        ]),
      ],
    };
  }

  function setIntake(intake: JsonObject | undefined) {
    const { partners: _, ...rest } = configData;
    configData = { ...rest, ...(intake && { partners: { intake } }) };
    rootConfig.update({ data: configData });
  }

  beforeAll(async () => {
    mockDir.setContent({
      ...(!options.appConfig && {
        'partners.yaml': PARTNER_FILE,
        'rotating.yaml': ROTATING_CLEAN,
        'broken.yaml': BROKEN_FILE,
      }),
      ...options.unlistedFiles,
      ...files,
    });
    const appPartners = options.appConfig?.data.partners as
      | JsonObject
      | undefined;
    const intake = options.appConfig
      ? (appPartners?.intake as JsonObject | undefined)
      : options.intake?.(mockDir.path);
    configData = {
      catalog: catalogConfig(),
      ...(options.backend && { backend: options.backend() }),
      ...(intake && { partners: { intake } }),
    };
    rootConfig.update({ data: configData });

    const cwd = process.cwd();
    if (options.appConfig) {
      process.chdir(options.appConfig.cwd);
    }
    try {
      backend = await startTestBackend({
        features: [
          catalogBackend,
          catalogModulePartners,
          probeModule,
          createServiceFactory({
            service: coreServices.rootLogger,
            deps: {},
            factory: () => new CapturingLogger(logLines),
          }),
          createServiceFactory({
            service: coreServices.rootConfig,
            deps: {},
            factory: () => rootConfig,
          }),
        ],
      });
    } finally {
      // Every path is absolute once the backend has started.
      process.chdir(cwd);
    }
  });

  afterAll(async () => {
    await backend?.stop();
  });

  return {
    mockDir,
    processingErrors,
    logLines,
    api,
    getEntity,
    dumpDatabase,
    setIntake,
  };
}

/** Retries an assertion until it passes or the time is up. */
export async function eventually<T>(
  assertion: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
}

export function relationsOf(entity: Entity | undefined): string[] {
  return (entity?.relations ?? []).map(r => `${r.type} ${r.targetRef}`).sort();
}
