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

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  compilePartnerPattern,
  partnersIdentitySourcesExtensionPoint,
  type IdentitySourceFactory,
} from '@partner-governance/plugin-partners-node';
import knexFactory, { type Knex } from 'knex';
import { PostgresIdentitySource } from './PostgresIdentitySource';

/** The connection of an entry: a connection string or an object of pg's options. */
function connectionOf(
  config: Config,
  key: string,
): Knex.StaticConnectionConfig | string {
  const value = config.get('connection');
  if (typeof value === 'string' && value) {
    return value;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return value as Knex.PgConnectionConfig;
  }
  throw new Error(
    `Invalid config at ${key}.connection: a connection string or an object of host, port, user, password and database`,
  );
}

/**
 * The `postgres` type of identity source, with the clients it opens closed
 * when the backend stops.
 */
export function postgresIdentitySourceFactory(options: {
  onShutdown(hook: () => Promise<void>): void;
}): IdentitySourceFactory {
  return {
    type: 'postgres',
    create({ id, config }) {
      const key = `partners.identitySources.${id}`;
      const pattern = compilePartnerPattern(
        config.getString('rolePattern'),
        `${key}.rolePattern`,
      );
      const db = knexFactory({
        client: 'pg',
        connection: connectionOf(config, key),
        pool: { min: 0, max: 2 },
      });
      options.onShutdown(() => db.destroy());
      return new PostgresIdentitySource(id, db, pattern);
    },
  };
}

/**
 * Adds the `postgres` identity source type to the partners backend: the
 * login roles of a PostgreSQL server that `rolePattern` attributes to a
 * partner.
 *
 * @public
 */
export const partnersModulePostgresIdentitySource = createBackendModule({
  pluginId: 'partners',
  moduleId: 'postgres-identity-source',
  register(env) {
    env.registerInit({
      deps: {
        sources: partnersIdentitySourcesExtensionPoint,
        lifecycle: coreServices.lifecycle,
      },
      async init({ sources, lifecycle }) {
        sources.addIdentitySourceFactory(
          postgresIdentitySourceFactory({
            onShutdown: hook => lifecycle.addShutdownHook(hook),
          }),
        );
      },
    });
  },
});
