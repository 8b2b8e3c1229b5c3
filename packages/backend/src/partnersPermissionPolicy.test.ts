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

import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
  type Permission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  partnersAuditReadPermission,
  partnersExceptionApprovePermission,
  partnersDetailsReadPermission,
  partnersExceptionRequestPermission,
  partnersIdentityRevokePermission,
  partnersOffboardingCompletePermission,
  partnersPartnerSuspendPermission,
  partnersOffboardingVerifyPermission,
  partnersPermissions,
  partnersReviewDecidePermission,
  partnersSyncPermission,
} from '@partner-governance/plugin-partners-common';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityRefreshPermission,
  catalogLocationAnalyzePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { PartnersExamplePermissionPolicy } from './partnersPermissionPolicy';

const { ALLOW, DENY, CONDITIONAL } = AuthorizeResult;

function user(ref: string, ...groups: string[]): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(ref),
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  };
}

const guest = user('user:default/guest', 'group:default/team-orders');
const security = user('user:default/noor-haddad', 'group:default/security');

const otherPlugin = createPermission({
  name: 'scaffolder.template.parameter.read',
  attributes: { action: 'read' },
});
const unknownPartners = createPermission({
  name: 'partners.something.new',
  attributes: {},
});

describe('PartnersExamplePermissionPolicy', () => {
  const policy = new PartnersExamplePermissionPolicy();
  const decide = (permission: Permission, u?: PolicyQueryUser) =>
    policy.handle({ permission }, u);

  describe('a member of group:default/security', () => {
    it.each(partnersPermissions.map(p => [p.name, p]))(
      'is allowed %s',
      async (_, permission) => {
        await expect(decide(permission, security)).resolves.toEqual({
          result: ALLOW,
        });
      },
    );

    it('is recognised whatever the case of the group ref', async () => {
      await expect(
        decide(
          partnersAuditReadPermission,
          user('user:default/x', 'Group:Default/Security'),
        ),
      ).resolves.toEqual({ result: ALLOW });
    });

    it('is allowed partners permissions the policy does not know yet', async () => {
      await expect(decide(unknownPartners, security)).resolves.toEqual({
        result: ALLOW,
      });
    });
  });

  describe('a signed-in user', () => {
    it.each([
      ['decides reviews', partnersReviewDecidePermission],
      [
        'revokes identities through their sources',
        partnersIdentityRevokePermission,
      ],
      // of a partner ref, the rule reads the partner's owner
      ['suspends partners', partnersPartnerSuspendPermission],
    ])(
      '%s of the integrations (or partners) they own',
      async (_, permission) => {
        await expect(decide(permission, guest)).resolves.toEqual({
          result: CONDITIONAL,
          pluginId: 'partners',
          resourceType: 'partners-integration',
          conditions: {
            rule: 'IS_INTEGRATION_OWNER',
            resourceType: 'partners-integration',
            params: {
              claims: ['user:default/guest', 'group:default/team-orders'],
            },
          },
        });
      },
    );

    it.each([
      ['completes offboarding items', partnersOffboardingCompletePermission],
      ['reads the details', partnersDetailsReadPermission],
    ])('%s of integrations they have a stake in', async (_, permission) => {
      await expect(decide(permission, guest)).resolves.toEqual({
        result: CONDITIONAL,
        pluginId: 'partners',
        resourceType: 'partners-integration',
        conditions: {
          rule: 'IS_INTEGRATION_STAKEHOLDER',
          resourceType: 'partners-integration',
          params: {
            claims: ['user:default/guest', 'group:default/team-orders'],
          },
        },
      });
    });

    it.each([
      [
        partnersExceptionRequestPermission.name,
        partnersExceptionRequestPermission,
        ALLOW,
      ],
      [
        partnersExceptionApprovePermission.name,
        partnersExceptionApprovePermission,
        DENY,
      ],
      [
        partnersOffboardingVerifyPermission.name,
        partnersOffboardingVerifyPermission,
        DENY,
      ],
      [partnersAuditReadPermission.name, partnersAuditReadPermission, DENY],
      [partnersSyncPermission.name, partnersSyncPermission, DENY],
      [unknownPartners.name, unknownPartners, DENY],
      [otherPlugin.name, otherPlugin, ALLOW],
    ] as const)('%s → %s', async (_name, permission, result) => {
      await expect(decide(permission, guest)).resolves.toEqual({ result });
    });
  });

  describe('a query without a user (unauthenticated)', () => {
    it.each(partnersPermissions.map(p => [p.name, p]))(
      'is denied %s',
      async (_, permission) => {
        await expect(decide(permission)).resolves.toEqual({ result: DENY });
      },
    );

    it('is allowed permissions outside partner governance', async () => {
      await expect(decide(otherPlugin)).resolves.toEqual({ result: ALLOW });
    });
  });

  describe('reading catalog entities', () => {
    const readDecision = (claims: string[]) => ({
      result: CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            not: {
              rule: 'IS_ENTITY_KIND',
              resourceType: 'catalog-entity',
              params: { kinds: ['PartnerIntegration'] },
            },
          },
          {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims },
          },
          {
            rule: 'IS_ENTITY_CUSTODIAN',
            resourceType: 'catalog-entity',
            params: { claims },
          },
        ],
      },
    });

    it('shows a signed-in user every kind, and the PartnerIntegrations they own or hold identities of', async () => {
      await expect(decide(catalogEntityReadPermission, guest)).resolves.toEqual(
        readDecision(['user:default/guest', 'group:default/team-orders']),
      );
    });

    it('shows security members everything', async () => {
      await expect(
        decide(catalogEntityReadPermission, security),
      ).resolves.toEqual({ result: ALLOW });
    });

    it('shows a query without a user no PartnerIntegration', async () => {
      await expect(decide(catalogEntityReadPermission)).resolves.toEqual(
        readDecision([]),
      );
    });
  });

  describe('catalog actions that change what the catalog ingests', () => {
    const admin = [
      catalogLocationCreatePermission,
      catalogLocationDeletePermission,
      catalogLocationAnalyzePermission,
      catalogEntityCreatePermission,
      catalogEntityDeletePermission,
    ].map(p => [p.name, p] as const);

    it.each(admin)('%s: security members only', async (_, permission) => {
      await expect(decide(permission, security)).resolves.toEqual({
        result: ALLOW,
      });
      await expect(decide(permission, guest)).resolves.toEqual({
        result: DENY,
      });
      await expect(decide(permission)).resolves.toEqual({ result: DENY });
    });

    it('leave refreshing an entity to every signed-in user', async () => {
      await expect(
        decide(catalogEntityRefreshPermission, guest),
      ).resolves.toEqual({ result: ALLOW });
    });
  });

  it('covers every partners permission in each role', () => {
    // A new permission in -common must get a deliberate decision here.
    expect(partnersPermissions.map(p => p.name).sort()).toEqual([
      'partners.audit.read',
      'partners.details.read',
      'partners.exception.approve',
      'partners.exception.request',
      'partners.identity.revoke',
      'partners.offboarding.complete',
      'partners.offboarding.verify',
      'partners.partner.suspend',
      'partners.review.decide',
      'partners.sync.trigger',
    ]);
  });
});
