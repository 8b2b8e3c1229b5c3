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

import type { OwnersService } from '../services/OwnersService';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `GET /owners/{ref}/integrations`: what a group, or a user and their
 * groups, are accountable for. A read: any user or service may call it.
 *
 * @internal
 */
export function registerOwnersRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: { owners: Pick<OwnersService, 'listIntegrations'> },
): void {
  router.get(
    '/owners/:ref/integrations',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'owner-integration-fetch',
        meta: req => ({ queryType: 'list', ref: req.params.ref, ...req.query }),
      },
      handle: req => deps.owners.listIntegrations(req.params.ref, req.query),
      auditSuccess: result => ({
        owners: result.owners,
        count: result.items.length,
      }),
    }),
  );
}
