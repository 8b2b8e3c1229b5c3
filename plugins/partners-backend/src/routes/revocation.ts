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
  partnersIdentityRevokePermission,
  partnersPartnerSuspendPermission,
} from '@partner-governance/plugin-partners-common';
import type { BlastRadiusService } from '../services/BlastRadiusService';
import type { RevocationService } from '../services/RevocationService';
import type { SuspensionService } from '../services/SuspensionService';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * Acting through the identity sources: "revoke now" on an offboarding item
 * (partners.identity.revoke on its integration), a partner's blast radius
 * (partners.details.read on the partner) and suspending a partner
 * (partners.partner.suspend on the partner). Mutations take user tokens only and are
 * audited with high severity.
 *
 * @internal
 */
export function registerRevocationRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: {
    revocations: Pick<RevocationService, 'revokeItem'>;
    suspension: Pick<SuspensionService, 'suspend'>;
    blastRadius: Pick<BlastRadiusService, 'get'>;
  },
): void {
  const { revocations, suspension, blastRadius } = deps;

  router.post(
    '/offboarding/items/:id/revoke',
    route({
      allow: ['user'],
      audit: {
        eventId: 'offboarding-item-revoke',
        severityLevel: 'high',
        meta: req => ({ id: req.params.id }),
      },
      handle: (req, { actor, isAllowed }) =>
        revocations.revokeItem(req.params.id, {
          actor,
          authorize: resourceRef =>
            isAllowed({
              permission: partnersIdentityRevokePermission,
              resourceRef,
            }),
        }),
      auditSuccess: item => ({
        integrationRef: item.integrationRef,
        identity: item.identity,
        sourceId: item.revocation?.sourceId,
        externalId: item.revocation?.externalId,
      }),
    }),
  );

  router.get(
    '/partners/:ref/blast-radius',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'partner-blast-radius-fetch',
        meta: req => ({ ref: req.params.ref, ...req.query }),
      },
      async handle(req, { credentials, requireDetails }) {
        const result = await blastRadius.get(
          req.params.ref,
          req.query,
          credentials,
        );
        await requireDetails(result.partnerRef, 'read the blast radius');
        return result;
      },
      auditSuccess: result => ({
        partnerRef: result.partnerRef,
        identities: result.identities.length,
        entities: result.entities.length,
      }),
    }),
  );

  router.post(
    '/partners/:ref/suspend',
    route({
      allow: ['user'],
      audit: {
        eventId: 'partner-suspend',
        severityLevel: 'high',
        meta: req => ({ ref: req.params.ref }),
      },
      handle: (req, { actor, isAllowed }) =>
        suspension.suspend(req.params.ref, req.body, {
          actor,
          authorize: resourceRef =>
            isAllowed({
              permission: partnersPartnerSuspendPermission,
              resourceRef,
            }),
        }),
      auditSuccess: result => ({
        partnerRef: result.partnerRef,
        checklistId: result.checklist.id,
        revoked: result.identities.filter(i => i.outcome === 'revoked').length,
        notRevoked: result.identities.filter(i => i.outcome !== 'revoked')
          .length,
      }),
    }),
  );
}
