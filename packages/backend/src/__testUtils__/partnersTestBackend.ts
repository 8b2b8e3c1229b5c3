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
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
  resolvePackagePath,
  type BackstageCredentials,
  type BackstageUserPrincipal,
  type HttpAuthService,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import partnersBackend from '@partner-governance/plugin-partners-backend';
import { partnersExamplePermissionPolicyModule } from '../partnersPermissionPolicy';

type Knex = Awaited<ReturnType<TestDatabases['init']>>;

export const GUEST = 'user:default/guest';
export const NOOR = 'user:default/noor-haddad';
export const OTHER = 'user:default/sam-okafor';
/** A member of a team with no stake in any partner. */
export const STRANGER = 'user:default/ines-vidal';
/** A member of partner-ops, which owns partner:default/acme. */
export const PARTNER_OWNER = 'user:default/pia-keller';
/** A member of team-identity, which the tests make a custodian. */
export const CUSTODIAN = 'user:default/tomas-lindqvist';

/** Ownership refs by user, as the catalog would resolve them. */
export const GROUPS: Record<string, string[]> = {
  [GUEST]: [GUEST, 'group:default/team-orders'],
  [NOOR]: [NOOR, 'group:default/security'],
  [OTHER]: [OTHER, 'group:default/team-payments'],
  [STRANGER]: [STRANGER, 'group:default/team-data'],
  [PARTNER_OWNER]: [PARTNER_OWNER, 'group:default/partner-ops'],
  [CUSTODIAN]: [CUSTODIAN, 'group:default/team-identity'],
};

export const PARTNER = 'partner:default/acme';
export const ORDERS = 'partnerintegration:default/acme-orders';
export const BILLING = 'partnerintegration:default/acme-billing';

/** A user token of the mock auth services. */
export const as = (ref: string) => mockCredentials.user.token(ref);

/*
 * The mock auth services issue plugin request tokens on behalf of a user
 * that decode as the bare user. Real ones carry the calling plugin as the
 * `actor`, and apply-conditions endpoints refuse users without one. This
 * httpAuth adds the actor for on-behalf-of tokens, as the real one does.
 */
function isUserPrincipal(
  principal: unknown,
): principal is BackstageUserPrincipal {
  return (principal as { type?: string }).type === 'user';
}

export const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    // no Authorization header: no credentials, as in a real backend
    const inner = mockServices.httpAuth({
      pluginId: plugin.getId(),
      defaultCredentials: mockCredentials.none(),
    });
    return {
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
      credentials: (async (req, options) => {
        const credentials: BackstageCredentials = await inner.credentials(
          req,
          options,
        );
        const header = req.headers.authorization ?? '';
        if (
          isUserPrincipal(credentials.principal) &&
          header.startsWith('Bearer mock-service-token:')
        ) {
          credentials.principal.actor = {
            type: 'service',
            subject: 'plugin:permission',
          };
        }
        return credentials;
      }) as HttpAuthService['credentials'],
    };
  },
});

/** A user info service that knows the given users' ownership refs. */
export function userInfoOf(ownership: Record<string, string[]>) {
  return mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return { userEntityRef: ref, ownershipEntityRefs: ownership[ref] };
    },
  }).factory;
}

/**
 * Migrates the partners plugin's tables and seeds the identity index with
 * partner:default/acme, owned by partner-ops, and two integrations:
 * acme-orders, owned by team-orders, and acme-billing, owned by
 * team-payments.
 */
export async function seedPartnersIndex(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: resolvePackagePath(
      '@partner-governance/plugin-partners-backend',
      'migrations',
    ),
  });
  const syncedAt = '2026-11-01T08:00:00.000Z';
  await knex('partners').insert({
    entity_ref: PARTNER,
    type: 'integrator',
    stage: 'measurement',
    tier: 'high',
    owner_ref: 'group:default/partner-ops',
    entity: '{}',
    hash: 'h',
    synced_at: syncedAt,
  });
  await knex('integrations').insert(
    [
      [ORDERS, 'group:default/team-orders'],
      [BILLING, 'group:default/team-payments'],
    ].map(([ref, owner], i) => ({
      entity_ref: ref,
      partner_ref: PARTNER,
      type: 'api',
      owner_ref: owner,
      entity: '{}',
      hash: `h${i}`,
      synced_at: syncedAt,
    })),
  );
  // who has a stake in each, as the index refresh records it
  await knex('stakeholders').insert(
    [
      [PARTNER, 'group:default/partner-ops'],
      [ORDERS, 'group:default/team-orders'],
      [BILLING, 'group:default/team-payments'],
    ].map(([ref, owner]) => ({
      entity_ref: ref,
      partner_ref: PARTNER,
      stakeholder_ref: owner,
      role: 'owner',
    })),
  );
}

/**
 * Starts the permission backend with the example policy module and the
 * partners plugin, on `knex`, with the users of {@link GROUPS} and no
 * scheduled sync. `features` adds or overrides services.
 */
export function startPartnersTestBackend(
  knex: Knex,
  features: Parameters<typeof startTestBackend>[0]['features'] = [],
): Promise<TestBackend> {
  return startTestBackend({
    features: [
      permissionBackend,
      partnersExamplePermissionPolicyModule,
      partnersBackend,
      catalogServiceMock.factory({ entities: [] }),
      httpAuthWithActors,
      mockServices.database.factory({ knex }),
      userInfoOf(GROUPS),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          // No sync during the test: the seeded rows are the index.
          partners: {
            sync: {
              schedule: {
                frequency: { hours: 1 },
                timeout: { minutes: 1 },
                initialDelay: { hours: 1 },
              },
            },
          },
        },
      }),
      ...(features ?? []),
    ],
  });
}
