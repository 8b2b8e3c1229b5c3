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
 * What the sync talks to besides its store: a catalog serving the estate,
 * auth and a logger that do nothing.
 */

import type {
  AuthService,
  BackstageCredentials,
  BackstageServicePrincipal,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/** Entities per page of the catalog stub. */
export const PAGE = 500;

/** A CatalogService stub: streamEntities yields pages of PAGE entities. */
export function catalogStub(entities: Entity[]): CatalogService {
  const stub: Pick<CatalogService, 'streamEntities'> = {
    async *streamEntities() {
      for (let i = 0; i < entities.length; i += PAGE) {
        // A page is a fresh array, as a catalog client returns it.
        yield entities.slice(i, i + PAGE);
      }
    },
  };
  // The sync only streams entities.
  return stub as CatalogService;
}

export const noopLogger: LoggerService = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return noopLogger;
  },
};

const credentials: BackstageCredentials<BackstageServicePrincipal> = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'plugin:partners' },
};

/** Only the sync's own credentials, which the catalog stub ignores. */
export const auth = {
  getOwnServiceCredentials: async () => credentials,
} as Pick<AuthService, 'getOwnServiceCredentials'> as AuthService;
