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
  partnersOffboardingCompletePermission,
  partnersOffboardingVerifyPermission,
} from '@partner-governance/plugin-partners-common';
import type { OffboardingService } from '../services/OffboardingService';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * The offboarding checklist of a partner: reading it (partners.details.read
 * on the partner),
 * ticking items with evidence (partners.offboarding.complete) and verifying
 * it by a second person (partners.offboarding.verify). Mutations take user
 * tokens only.
 *
 * @internal
 */
export function registerOffboardingRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: {
    offboarding: Pick<
      OffboardingService,
      'getOffboarding' | 'completeItem' | 'verify'
    >;
  },
): void {
  const { offboarding } = deps;

  router.get(
    '/partners/:ref/offboarding',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'offboarding-fetch',
        meta: req => ({ ref: req.params.ref }),
      },
      async handle(req, { requireDetails }) {
        const result = await offboarding.getOffboarding(req.params.ref);
        await requireDetails(result.partnerRef, 'read the offboarding');
        return result;
      },
      auditSuccess: result => ({
        partnerRef: result.partnerRef,
        checklistId: result.checklist?.id,
      }),
    }),
  );

  router.post(
    '/offboarding/items/:id/complete',
    route({
      allow: ['user'],
      audit: {
        eventId: 'offboarding-item-complete',
        severityLevel: 'medium',
        meta: req => ({ id: req.params.id }),
      },
      handle: (req, { actor, isAllowed }) =>
        offboarding.completeItem(req.params.id, req.body, {
          actor,
          authorize: resourceRef =>
            isAllowed({
              permission: partnersOffboardingCompletePermission,
              resourceRef,
            }),
        }),
      auditSuccess: result => ({
        checklistId: result.checklistId,
        kind: result.kind,
        integrationRef: result.integrationRef,
        identity: result.identity,
      }),
    }),
  );

  router.post(
    '/partners/:ref/offboarding/verify',
    route({
      allow: ['user'],
      permission: {
        permission: partnersOffboardingVerifyPermission,
        deniedMessage: 'You may not verify offboarding checklists',
      },
      audit: {
        eventId: 'offboarding-verify',
        severityLevel: 'medium',
        meta: req => ({ ref: req.params.ref }),
      },
      handle: (req, { actor }) =>
        offboarding.verify(req.params.ref, req.body ?? {}, { actor }),
      auditSuccess: result => ({
        partnerRef: result.partnerRef,
        checklistId: result.checklist?.id,
      }),
    }),
  );
}
