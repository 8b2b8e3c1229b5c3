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
  type PartnerRegisterStatus,
} from '@partner-governance/plugin-partners-common';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `GET /register`: the partner register and how its reads went, for any
 * signed-in user or service. Why a read failed may name internal hosts and
 * paths, and the rows it refused describe the export: only holders of
 * partners.audit.read (and services) see them; others see when and how
 * many.
 *
 * @internal
 */
export function registerPartnerRegisterRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: { register: { status(): Promise<PartnerRegisterStatus> } },
): void {
  router.get(
    '/register',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'partner-register-fetch',
        meta: () => ({ queryType: 'status' }),
      },
      async handle(_req, { isAllowed }) {
        const status = await deps.register.status();
        if (await isAllowed({ permission: partnersAuditReadPermission })) {
          return status;
        }
        const { lastError: _error, errors: _errors, ...shown } = status;
        return shown;
      },
      auditSuccess: result => ({
        configured: result.configured,
        rows: result.rows,
      }),
    }),
  );
}
