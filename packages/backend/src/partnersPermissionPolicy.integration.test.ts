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
  TestDatabases,
  type TestBackend,
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
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';
import permissionBackend from '@backstage/plugin-permission-backend';
import partnersBackend from '@partner-governance/plugin-partners-backend';
import {
  partnersAuditReadPermission,
  partnersExceptionApprovePermission,
  partnersExceptionRequestPermission,
  partnersReviewDecidePermission,
} from '@partner-governance/plugin-partners-common';
import { partnersExamplePermissionPolicyModule } from './partnersPermissionPolicy';

jest.setTimeout(90_000);

const GUEST = 'user:default/guest';
const NOOR = 'user:default/noor-haddad';
const SERVICE_TOKEN = mockCredentials.service.token();

/** Ownership refs by user, as the catalog would resolve them. */
const GROUPS: Record<string, string[]> = {
  [GUEST]: [GUEST, 'group:default/team-orders'],
  [NOOR]: [NOOR, 'group:default/security'],
};

const ORDERS = 'partnerintegration:default/acme-orders';
const BILLING = 'partnerintegration:default/acme-billing';

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

const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
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

/*
 * The real permission framework end to end: the permission backend with
 * this policy module, and the partners plugin, which registers the
 * partners-integration resource type. CONDITIONAL decisions on a resourceRef
 * go to the partners plugin's apply-conditions endpoint, which loads the
 * integration from the identity index and applies IS_INTEGRATION_OWNER.
 */
describe('partners permission policy, end to end', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: TestBackend;

  beforeAll(async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({
      directory: resolvePackagePath(
        '@partner-governance/plugin-partners-backend',
        'migrations',
      ),
    });
    await knex('integrations').insert(
      [
        [ORDERS, 'group:default/team-orders'],
        [BILLING, 'group:default/team-payments'],
      ].map(([ref, owner], i) => ({
        entity_ref: ref,
        partner_ref: 'partner:default/acme',
        type: 'api',
        owner_ref: owner,
        entity: '{}',
        hash: `h${i}`,
        synced_at: '2026-11-01T08:00:00.000Z',
      })),
    );

    backend = await startTestBackend({
      features: [
        permissionBackend,
        partnersExamplePermissionPolicyModule,
        partnersBackend,
        catalogServiceMock.factory({ entities: [] }),
        httpAuthWithActors,
        mockServices.database.factory({ knex }),
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const ref = (credentials.principal as { userEntityRef: string })
              .userEntityRef;
            return { userEntityRef: ref, ownershipEntityRefs: GROUPS[ref] };
          },
        }).factory,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            // No sync during the test: the rows above are the index.
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
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  /** Asks the permission backend, as a caller holding `token`. */
  async function authorize(
    token: string,
    permission: Permission,
    resourceRef?: string,
  ): Promise<AuthorizeResult> {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/permission/authorize`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          items: [{ id: '1', permission, resourceRef }],
        }),
      },
    );
    const body = await response.json();
    expect({ status: response.status, body }).toMatchObject({ status: 200 });
    return body.items[0].result;
  }

  const as = (ref: string) => mockCredentials.user.token(ref);

  it('lets a team-orders member decide reviews of team-orders integrations only', async () => {
    await expect(
      authorize(as(GUEST), partnersReviewDecidePermission, ORDERS),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      authorize(as(GUEST), partnersReviewDecidePermission, BILLING),
    ).resolves.toBe(AuthorizeResult.DENY);
  });

  it('matches the resource ref case-insensitively', async () => {
    await expect(
      authorize(
        as(GUEST),
        partnersReviewDecidePermission,
        'PartnerIntegration:default/ACME-Orders',
      ),
    ).resolves.toBe(AuthorizeResult.ALLOW);
  });

  it('denies reviews of integrations the index does not know', async () => {
    await expect(
      authorize(
        as(GUEST),
        partnersReviewDecidePermission,
        'partnerintegration:default/unknown',
      ),
    ).resolves.toBe(AuthorizeResult.DENY);
  });

  it('lets a security member decide any review', async () => {
    await expect(
      authorize(as(NOOR), partnersReviewDecidePermission, ORDERS),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      authorize(as(NOOR), partnersReviewDecidePermission, BILLING),
    ).resolves.toBe(AuthorizeResult.ALLOW);
  });

  it('lets a plain user request but not approve exceptions', async () => {
    await expect(
      authorize(as(GUEST), partnersExceptionRequestPermission),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      authorize(as(GUEST), partnersExceptionApprovePermission),
    ).resolves.toBe(AuthorizeResult.DENY);
    await expect(
      authorize(as(NOOR), partnersExceptionApprovePermission),
    ).resolves.toBe(AuthorizeResult.ALLOW);
  });

  it('refuses service principals: the framework decides for them', async () => {
    // Services never reach the policy: the permissions service allows them
    // (within any accessRestrictions) and /authorize refuses them.
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/permission/authorize`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${SERVICE_TOKEN}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          items: [{ id: '1', permission: partnersAuditReadPermission }],
        }),
      },
    );
    expect(response.status).toBe(403);
  });
});
