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
  partnersAuditReadPermission,
  type IdentitySourceStatus,
} from '@partner-governance/plugin-partners-common';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `GET /identity-sources`: the configured identity sources and how each
 * stands, for any signed-in user or service. Why a run failed may name
 * internal hosts and accounts: only holders of partners.audit.read (and
 * services) see it; others see when it failed.
 *
 * @internal
 */
export function registerIdentitySourcesRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: { identitySources: { list(): Promise<IdentitySourceStatus[]> } },
): void {
  router.get(
    '/identity-sources',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'identity-source-fetch',
        meta: () => ({ queryType: 'list' }),
      },
      async handle(_req, { isAllowed }) {
        const items = await deps.identitySources.list();
        if (await isAllowed({ permission: partnersAuditReadPermission })) {
          return { items };
        }
        return { items: items.map(({ lastError: _hidden, ...item }) => item) };
      },
      auditSuccess: result => ({ count: result.items.length }),
    }),
  );
}
