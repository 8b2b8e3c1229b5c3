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

import type { EntityAccessCache } from '../services/EntityAccessCache';
import type { EntityAccessReadModel } from '../services/read/EntityAccessReadModel';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `GET /entities/{ref}/access`: which partners reach an entity, through
 * which integrations and identities (the service card). Pages come through
 * the access page cache, cached per scope of what the caller may read;
 * finding details and secret locations only of the integrations whose
 * details the caller may read (partners.details.read).
 *
 * @internal
 */
export function registerEntitiesRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: {
    entityAccess: Pick<EntityAccessReadModel, 'getEntityAccess'>;
    accessPages: Pick<EntityAccessCache, 'read'>;
  },
): void {
  const { entityAccess, accessPages } = deps;

  router.get(
    '/entities/:ref/access',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'entity-access-fetch',
        meta: req => ({ ref: req.params.ref }),
      },
      async handle(req, { detailsScope }) {
        const scope = await detailsScope();
        return accessPages.read(
          { ref: req.params.ref, ...req.query, scope },
          () =>
            entityAccess.getEntityAccess(req.params.ref, {
              ...req.query,
              scope,
            }),
        );
      },
      auditSuccess: page => ({
        entityRef: page.entityRef,
        integrations: page.integrations,
      }),
      respond(res, page) {
        if ('response' in page) {
          res.json(page.response);
        } else {
          // the JSON text of a page res.json sent before, as it was
          res.type('application/json').send(page.body);
        }
      },
    }),
  );
}
