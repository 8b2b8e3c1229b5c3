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

import { partnersAuditReadPermission } from '@partner-governance/plugin-partners-common';
import type { AuditStore } from '../database/AuditStore';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `GET /audit`: the append-only audit trail: all of it with
 * partners.audit.read, else the events of the partners whose details the
 * caller may read (partners.details.read on the partner, in SQL).
 *
 * @internal
 */
export function registerAuditRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: { audit: Pick<AuditStore, 'list'> },
): void {
  router.get(
    '/audit',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'audit-fetch',
        meta: req => ({ queryType: 'list', ...req.query }),
      },
      async handle(req, { isAllowed, detailsScope }) {
        const all = await isAllowed({
          permission: partnersAuditReadPermission,
        });
        return deps.audit.list(req.query, all ? 'all' : await detailsScope());
      },
      auditSuccess: result => ({ count: result.items.length }),
    }),
  );
}
