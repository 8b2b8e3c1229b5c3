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
  TestDatabases,
  type TestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';
import {
  partnersAuditReadPermission,
  partnersExceptionApprovePermission,
  partnersExceptionRequestPermission,
  partnersOffboardingCompletePermission,
  partnersReviewDecidePermission,
} from '@partner-governance/plugin-partners-common';
import {
  as,
  BILLING,
  GUEST,
  NOOR,
  ORDERS,
  seedPartnersIndex,
  startPartnersTestBackend,
} from './__testUtils__/partnersTestBackend';

jest.setTimeout(90_000);

const SERVICE_TOKEN = mockCredentials.service.token();

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
    await seedPartnersIndex(knex);
    backend = await startPartnersTestBackend(knex);
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

  it('lets a team-orders member decide reviews of team-orders integrations only', async () => {
    await expect(
      authorize(as(GUEST), partnersReviewDecidePermission, ORDERS),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      authorize(as(GUEST), partnersReviewDecidePermission, BILLING),
    ).resolves.toBe(AuthorizeResult.DENY);
  });

  it('lets stakeholders of an integration complete its offboarding items', async () => {
    await expect(
      authorize(as(GUEST), partnersOffboardingCompletePermission, ORDERS),
    ).resolves.toBe(AuthorizeResult.ALLOW);
    await expect(
      authorize(as(GUEST), partnersOffboardingCompletePermission, BILLING),
    ).resolves.toBe(AuthorizeResult.DENY);
    await expect(
      authorize(as(NOOR), partnersOffboardingCompletePermission, BILLING),
    ).resolves.toBe(AuthorizeResult.ALLOW);
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
