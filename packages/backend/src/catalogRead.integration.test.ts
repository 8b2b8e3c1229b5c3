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
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import catalogModulePartners from '@partner-governance/plugin-catalog-backend-module-partners';
import {
  CUSTODIAN,
  GROUPS,
  GUEST,
  NOOR,
  STRANGER,
  httpAuthWithActors,
  userInfoOf,
} from './__testUtils__/partnersTestBackend';
import { partnersExamplePermissionPolicyModule } from './partnersPermissionPolicy';

jest.setTimeout(90_000);

/** Where each integration keeps its secret: what must not leak. */
const ORDERS_SECRET = 'vault:partners/tempest/orders-client';
const BILLING_SECRET = 'vault:partners/tempest/billing-key';

const ESTATE = `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata: { name: tempest }
spec:
  type: integrator
  owner: group:partner-operations
  lifecycle: { stage: enablement }
  risk: { tier: medium }
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata: { name: tempest-orders }
spec:
  partner: tempest
  type: api
  owner: group:team-orders
  accesses: [orders-service]
  identities:
    - name: orders-client
      type: oauth-client
      secretRef: ${ORDERS_SECRET}
---
apiVersion: partners.governance.dev/v1alpha1
kind: PartnerIntegration
metadata: { name: tempest-billing }
spec:
  partner: tempest
  type: api
  owner: group:team-payments
  accesses: [orders-service]
  identities:
    - name: billing-key
      type: api-key
      custodian: user:tomas-lindqvist
      secretRef: ${BILLING_SECRET}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: orders-service }
spec: { type: service, lifecycle: production, owner: group:team-orders }
`;

/*
 * The catalog API with the real catalog and permission backends, the
 * partners catalog module and the example policy: a PartnerIntegration (it
 * names where its secrets live) is served to its owner, the custodians of its
 * identities, security and services, and to no one else, in lists as for a
 * single entity.
 */
describe('the example portal serves PartnerIntegrations to their stakeholders only', () => {
  const mockDir = createMockDirectory();
  let backend: TestBackend;

  beforeAll(async () => {
    mockDir.setContent({ 'estate.yaml': ESTATE });
    backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModulePartners,
        permissionBackend,
        partnersExamplePermissionPolicyModule,
        httpAuthWithActors,
        userInfoOf(GROUPS),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'Location',
                    'Partner',
                    'PartnerIntegration',
                  ],
                },
              ],
              locations: [
                { type: 'file', target: mockDir.resolve('estate.yaml') },
              ],
              stitchingStrategy: { pollingInterval: { milliseconds: 100 } },
            },
          },
        }),
      ],
    });
    // until the catalog has stitched every entity
    const deadline = Date.now() + 60_000;
    for (;;) {
      const body = await (await get('/entities', NOOR)).json();
      if (
        body.filter(
          (e: { relations?: unknown[] }) => (e.relations ?? []).length > 0,
        ).length >= 4 ||
        Date.now() > deadline
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  });

  afterAll(async () => {
    await backend?.stop();
  });

  function get(route: string, caller: string | 'service') {
    return fetch(
      `http://localhost:${backend.server.port()}/api/catalog${route}`,
      {
        headers: {
          authorization:
            caller === 'service'
              ? mockCredentials.service.header()
              : `Bearer ${mockCredentials.user.token(caller)}`,
        },
      },
    );
  }

  const integrationsSeenBy = async (caller: string | 'service') => {
    const response = await get(
      '/entities?filter=kind=partnerintegration',
      caller,
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    return {
      names: (JSON.parse(text) as Array<{ metadata: { name: string } }>)
        .map(entity => entity.metadata.name)
        .sort(),
      text,
    };
  };

  it.each([
    ['a security member', NOOR, ['tempest-billing', 'tempest-orders']],
    ['a service', 'service', ['tempest-billing', 'tempest-orders']],
    ['the owner of one', GUEST, ['tempest-orders']],
    [
      'the custodian of an identity of the other',
      CUSTODIAN,
      ['tempest-billing'],
    ],
    ['a member of a team with no stake', STRANGER, []],
  ])('lists PartnerIntegrations to %s: %j', async (_, caller, expected) => {
    const { names, text } = await integrationsSeenBy(caller);
    expect(names).toEqual(expected);
    expect(text.includes(ORDERS_SECRET)).toBe(
      expected.includes('tempest-orders'),
    );
    expect(text.includes(BILLING_SECRET)).toBe(
      expected.includes('tempest-billing'),
    );
  });

  it.each([
    [GUEST, 'tempest-orders', 200],
    [GUEST, 'tempest-billing', 404],
    [CUSTODIAN, 'tempest-billing', 200],
    [STRANGER, 'tempest-orders', 404],
    [NOOR, 'tempest-billing', 200],
  ])('answers %s for %s with %s', async (caller, name, status) => {
    const response = await get(
      `/entities/by-name/partnerintegration/default/${name}`,
      caller,
    );
    expect(response.status).toBe(status);
  });

  it('shows every other kind to everyone, the secret locations to no one else', async () => {
    const response = await get('/entities', STRANGER);
    const text = await response.text();
    const kinds = (JSON.parse(text) as Array<{ kind: string }>)
      .map(entity => entity.kind)
      .sort();
    expect(kinds).toEqual(['Component', 'Location', 'Partner']);
    expect(text).not.toContain('vault:');
    // nor through a query by ref
    const byRefs = await fetch(
      `http://localhost:${backend.server.port()}/api/catalog/entities/by-refs`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${mockCredentials.user.token(STRANGER)}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          entityRefs: [
            'partnerintegration:default/tempest-orders',
            'component:default/orders-service',
          ],
        }),
      },
    );
    const { items } = await byRefs.json();
    expect(items[0]).toBeNull();
    expect(items[1].metadata.name).toBe('orders-service');
  });
});
