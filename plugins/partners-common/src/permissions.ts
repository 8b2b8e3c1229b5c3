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

import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of a partner integration, for permissions that depend on
 * who has a stake in it. A partner's ref names the partner as the whole of
 * its integrations (for its offboarding checklist and evidence pack).
 *
 * @public
 */
export const PARTNERS_INTEGRATION_RESOURCE_TYPE = 'partners-integration';

/**
 * Read the governance details of a partner or integration (a
 * `partners-integration` resource): finding details, reviews and their
 * decisions, exceptions, the offboarding checklist, secret locations
 * (`secretRef`), and the evidence pack. Everyone signed in sees which
 * partners reach a service, their stage and tier, the integrations and
 * identity names and scopes, and counts of findings and pending reviews.
 *
 * @public
 */
export const partnersDetailsReadPermission = createPermission({
  name: 'partners.details.read',
  attributes: { action: 'read' },
  resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
});

/** Decide (attest or revoke) an access review of an integration. @public */
export const partnersReviewDecidePermission = createPermission({
  name: 'partners.review.decide',
  attributes: { action: 'update' },
  resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
});

/** Request an exception to a rule. @public */
export const partnersExceptionRequestPermission = createPermission({
  name: 'partners.exception.request',
  attributes: { action: 'create' },
});

/** Approve or deny an exception requested by someone else. @public */
export const partnersExceptionApprovePermission = createPermission({
  name: 'partners.exception.approve',
  attributes: { action: 'update' },
});

/**
 * Complete an offboarding checklist item with evidence, per the item's
 * integration (a `partners-integration` resource).
 *
 * @public
 */
export const partnersOffboardingCompletePermission = createPermission({
  name: 'partners.offboarding.complete',
  attributes: { action: 'update' },
  resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
});

/**
 * Revoke an identity now, through the identity source that issued it, per
 * the identity's integration (a `partners-integration` resource). Its
 * offboarding item completes once a later observation shows the identity
 * disabled or gone.
 *
 * @public
 */
export const partnersIdentityRevokePermission = createPermission({
  name: 'partners.identity.revoke',
  attributes: { action: 'update' },
  resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
});

/**
 * Suspend a partner: revoke every identity of it that a source can revoke,
 * at once, and open offboarding items for the rest; per partner (a
 * `partners-integration` resource named by the partner's ref).
 *
 * @public
 */
export const partnersPartnerSuspendPermission = createPermission({
  name: 'partners.partner.suspend',
  attributes: { action: 'update' },
  resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
});

/** Verify a completed offboarding checklist. @public */
export const partnersOffboardingVerifyPermission = createPermission({
  name: 'partners.offboarding.verify',
  attributes: { action: 'update' },
});

/** Read the whole audit trail, of every partner. @public */
export const partnersAuditReadPermission = createPermission({
  name: 'partners.audit.read',
  attributes: { action: 'read' },
});

/** Trigger a sync of the identity index from the catalog. @public */
export const partnersSyncPermission = createPermission({
  name: 'partners.sync.trigger',
  attributes: { action: 'update' },
});

/** Every partner governance permission. @public */
export const partnersPermissions = [
  partnersDetailsReadPermission,
  partnersReviewDecidePermission,
  partnersExceptionRequestPermission,
  partnersExceptionApprovePermission,
  partnersOffboardingCompletePermission,
  partnersOffboardingVerifyPermission,
  partnersIdentityRevokePermission,
  partnersPartnerSuspendPermission,
  partnersAuditReadPermission,
  partnersSyncPermission,
];
