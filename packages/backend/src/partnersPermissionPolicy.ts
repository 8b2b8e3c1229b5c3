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

import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  PARTNERS_INTEGRATION_RESOURCE_TYPE,
  partnersAuditReadPermission,
  partnersDetailsReadPermission,
  partnersExceptionApprovePermission,
  partnersExceptionRequestPermission,
  partnersIdentityRevokePermission,
  partnersOffboardingCompletePermission,
  partnersPartnerSuspendPermission,
  partnersOffboardingVerifyPermission,
  partnersReviewDecidePermission,
  partnersSyncPermission,
} from '@partner-governance/plugin-partners-common';
import {
  createPartnersIntegrationConditionalDecision,
  partnersIntegrationConditions,
} from '@partner-governance/plugin-partners-backend';
import { partnersCatalogConditions } from '@partner-governance/plugin-catalog-backend-module-partners';

/** The group whose members may do everything in partner governance. */
const SECURITY_GROUP_REF = 'group:default/security';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** What every signed-in user may do with the plain partners permissions. */
const USER_DECISIONS: ReadonlyMap<string, PolicyDecision> = new Map([
  [partnersExceptionRequestPermission.name, ALLOW],
  [partnersExceptionApprovePermission.name, DENY],
  [partnersOffboardingVerifyPermission.name, DENY],
  [partnersAuditReadPermission.name, DENY],
  [partnersSyncPermission.name, DENY],
]);

/**
 * Catalog actions that change what the catalog ingests, or make it fetch a
 * URL: a new location could define users (into the security group) or
 * entities that shadow the partner files.
 */
const CATALOG_ADMIN_PERMISSIONS: ReadonlySet<string> = new Set(
  [
    catalogLocationCreatePermission,
    catalogLocationDeletePermission,
    catalogLocationAnalyzePermission,
    catalogEntityCreatePermission,
    catalogEntityDeletePermission,
  ].map(permission => permission.name),
);

/**
 * Reading catalog entities: every kind, but a PartnerIntegration (which
 * names where its secrets live) only for its owner and the custodians of its
 * identities; the catalog applies the conditions in its own queries.
 */
function catalogReadDecision(
  permission: typeof catalogEntityReadPermission,
  claims: string[],
): PolicyDecision {
  return createCatalogConditionalDecision(permission, {
    anyOf: [
      {
        not: catalogConditions.isEntityKind({ kinds: ['PartnerIntegration'] }),
      },
      catalogConditions.isEntityOwner({ claims }),
      partnersCatalogConditions.isEntityCustodian({ claims }),
    ],
  });
}

function isPartnersPermission(name: string): boolean {
  return name.startsWith('partners.');
}

function isSecurityMember(user: PolicyQueryUser): boolean {
  return user.info.ownershipEntityRefs.some(
    ref => ref.toLocaleLowerCase('en-US') === SECURITY_GROUP_REF,
  );
}

/**
 * The example portal's permission policy.
 *
 * Roles:
 *
 * - Members of `group:default/security` (by the user's
 *   `ownershipEntityRefs`): ALLOW every `partners.*` permission: approve
 *   exceptions, verify offboarding, read the audit trail, read the details
 *   of every partner, trigger a sync and decide any access review.
 * - Every other signed-in user:
 *   - `partners.review.decide`: CONDITIONAL on `IS_INTEGRATION_OWNER` with
 *     the user's ownership refs as claims: owners decide the reviews of the
 *     integrations their groups own;
 *   - `partners.identity.revoke`: CONDITIONAL on `IS_INTEGRATION_OWNER`:
 *     owners revoke their integration's identities through the identity
 *     sources ("revoke now" on an offboarding item);
 *   - `partners.partner.suspend`: CONDITIONAL on `IS_INTEGRATION_OWNER` of
 *     the partner's ref: the partner's owner suspends it;
 *   - `partners.offboarding.complete`: CONDITIONAL on
 *     `IS_INTEGRATION_STAKEHOLDER`: owners of the item's integration,
 *     custodians of its identities, and the partner's owner and stage owners
 *     tick items (the workflow makes someone else verify);
 *   - `partners.details.read`: CONDITIONAL on `IS_INTEGRATION_STAKEHOLDER`:
 *     the same stakeholders read finding details, reviews, exceptions,
 *     offboarding checklists, secret locations and evidence of their
 *     partners and integrations (lists are narrowed in SQL);
 *   - `partners.exception.request`: ALLOW (the route also needs
 *     `partners.details.read` on what the exception names);
 *   - `partners.exception.approve`, `partners.offboarding.verify`,
 *     `partners.audit.read`, `partners.sync.trigger` and any `partners.*`
 *     permission this policy does not know yet: DENY.
 * - Queries without a user: DENY every `partners.*` permission. Service
 *   principals never reach a policy (the permissions service allows them,
 *   within the `accessRestrictions` of their `backend.auth.externalAccess`
 *   entry, and the permission backend refuses them), so a query without a
 *   user comes from an unauthenticated caller.
 * - Registering, analysing or deleting catalog locations and creating or
 *   deleting catalog entities: security members only.
 * - Reading catalog entities: every kind, but PartnerIntegration entities
 *   (which carry `secretRef`) only for their owner, the custodians of their
 *   identities and security members; the partner's owner and stage owners
 *   see its integrations through the partner's pages.
 * - Every other permission outside partner governance (reading the catalog,
 *   search, ...): ALLOW, so that the example portal stays usable.
 *
 * @public
 */
export class PartnersExamplePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (CATALOG_ADMIN_PERMISSIONS.has(permission.name)) {
      return user && isSecurityMember(user) ? ALLOW : DENY;
    }
    if (
      isPermission(permission, catalogEntityReadPermission) &&
      !(user && isSecurityMember(user))
    ) {
      return catalogReadDecision(
        permission,
        user?.info.ownershipEntityRefs ?? [],
      );
    }
    if (!isPartnersPermission(permission.name)) {
      return ALLOW;
    }
    if (!user) {
      return DENY;
    }
    if (isSecurityMember(user)) {
      return ALLOW;
    }
    const claims = user.info.ownershipEntityRefs;
    if (
      (isPermission(permission, partnersReviewDecidePermission) ||
        isPermission(permission, partnersIdentityRevokePermission) ||
        isPermission(permission, partnersPartnerSuspendPermission)) &&
      isResourcePermission(permission, PARTNERS_INTEGRATION_RESOURCE_TYPE)
    ) {
      return createPartnersIntegrationConditionalDecision(
        permission,
        partnersIntegrationConditions.IS_INTEGRATION_OWNER({ claims }),
      );
    }
    if (
      (isPermission(permission, partnersOffboardingCompletePermission) ||
        isPermission(permission, partnersDetailsReadPermission)) &&
      isResourcePermission(permission, PARTNERS_INTEGRATION_RESOURCE_TYPE)
    ) {
      return createPartnersIntegrationConditionalDecision(
        permission,
        partnersIntegrationConditions.IS_INTEGRATION_STAKEHOLDER({ claims }),
      );
    }
    return USER_DECISIONS.get(permission.name) ?? DENY;
  }
}

/**
 * Installs {@link PartnersExamplePermissionPolicy} as the permission policy
 * of the permission backend.
 *
 * @public
 */
export const partnersExamplePermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'partners-example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new PartnersExamplePermissionPolicy());
      },
    });
  },
});
