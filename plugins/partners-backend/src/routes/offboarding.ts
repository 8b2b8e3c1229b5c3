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

import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  partnersOffboardingCompletePermission,
  partnersOffboardingVerifyPermission,
} from '@partner-governance/plugin-partners-common';
import type { OffboardingService } from '../services/OffboardingService';
import {
  authorizeOrThrow,
  createAudited,
  type PartnersRouter,
} from './audited';

/**
 * The offboarding checklist of a partner: reading it (any user or service),
 * ticking items with evidence (partners.offboarding.complete) and verifying
 * it by a second person (partners.offboarding.verify). Mutations take user
 * tokens only.
 *
 * @internal
 */
export function registerOffboardingRoutes(
  router: PartnersRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    offboarding: Pick<
      OffboardingService,
      'getOffboarding' | 'completeItem' | 'verify'
    >;
  },
): void {
  const { httpAuth, permissions, offboarding } = options;
  const audited = createAudited(options.auditor);

  router.get('/partners/:ref/offboarding', async (req, res) => {
    const result = await audited(
      req,
      { eventId: 'offboarding-fetch', meta: { ref: req.params.ref } },
      async auditorEvent => {
        await httpAuth.credentials(req, { allow: ['user', 'service'] });
        const response = await offboarding.getOffboarding(req.params.ref);
        await auditorEvent.success({
          meta: {
            partnerRef: response.partnerRef,
            checklistId: response.checklist?.id,
          },
        });
        return response;
      },
    );
    res.json(result);
  });

  router.post('/offboarding/items/:id/complete', async (req, res) => {
    const item = await audited(
      req,
      {
        eventId: 'offboarding-item-complete',
        severityLevel: 'medium',
        meta: { id: req.params.id },
      },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        await authorizeOrThrow(
          permissions,
          credentials,
          partnersOffboardingCompletePermission,
          'You may not complete offboarding items',
        );
        const result = await offboarding.completeItem(req.params.id, req.body, {
          actor: credentials.principal.userEntityRef,
        });
        await auditorEvent.success({
          meta: {
            checklistId: result.checklistId,
            kind: result.kind,
            integrationRef: result.integrationRef,
            identity: result.identity,
          },
        });
        return result;
      },
    );
    res.json(item);
  });

  router.post('/partners/:ref/offboarding/verify', async (req, res) => {
    const result = await audited(
      req,
      {
        eventId: 'offboarding-verify',
        severityLevel: 'medium',
        meta: { ref: req.params.ref },
      },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        await authorizeOrThrow(
          permissions,
          credentials,
          partnersOffboardingVerifyPermission,
          'You may not verify offboarding checklists',
        );
        const response = await offboarding.verify(
          req.params.ref,
          req.body ?? {},
          {
            actor: credentials.principal.userEntityRef,
          },
        );
        await auditorEvent.success({
          meta: {
            partnerRef: response.partnerRef,
            checklistId: response.checklist?.id,
          },
        });
        return response;
      },
    );
    res.json(result);
  });
}
