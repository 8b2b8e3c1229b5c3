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

import { partnersSyncPermission } from '@partner-governance/plugin-partners-common';
import type { IdentityIndexSync } from '../services/IdentityIndexSync';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `POST /sync`: refreshes the partner index now (partners.sync), as the
 * scheduled job does; the caller is the audit actor of the run.
 *
 * @internal
 */
export function registerSyncRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: { sync: Pick<IdentityIndexSync, 'run'> },
): void {
  router.post(
    '/sync',
    route({
      allow: ['user', 'service'],
      permission: {
        permission: partnersSyncPermission,
        deniedMessage: 'You may not trigger a partner index sync',
      },
      audit: {
        eventId: 'index-sync',
        severityLevel: 'medium',
      },
      handle: (_req, { actor }) => deps.sync.run(new Date(), { actor }),
      auditSuccess: result => ({ ...result }),
    }),
  );
}
