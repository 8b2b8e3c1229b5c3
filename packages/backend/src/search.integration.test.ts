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
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import searchBackend from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import catalogModulePartners from '@partner-governance/plugin-catalog-backend-module-partners';
import searchModulePartners from '@partner-governance/plugin-search-backend-module-partners';
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

const ORDERS_SECRET = 'vault:partners/tempest/orders-client';
const BILLING_SECRET = 'vault:partners/tempest/billing-key';

const ESTATE = `apiVersion: partners.governance.dev/v1alpha1
kind: Partner
metadata: { name: tempest, title: Tempest Freight }
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
  type: data-feed
  owner: group:team-payments
  identities:
    - name: billing-key
      type: api-key
      custodian: user:tomas-lindqvist
      secretRef: ${BILLING_SECRET}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: orders-service, description: Takes tempest orders }
spec: { type: service, lifecycle: production, owner: group:team-orders }
`;

/*
 * The portal's search over the real catalog, with the partners catalog and
 * search modules, the real permission backend and the example policy: the
 * search backend answers with a PartnerIntegration only to those who may read
 * it in the catalog, and no document holds a secret location.
 */
describe('the example portal searches partners', () => {
  const mockDir = createMockDirectory();
  const scheduler = mockServices.scheduler();
  let backend: TestBackend;

  beforeAll(async () => {
    mockDir.setContent({ 'estate.yaml': ESTATE });
    backend = await startTestBackend({
      features: [
        catalogBackend,
        catalogModulePartners,
        permissionBackend,
        partnersExamplePermissionPolicyModule,
        searchBackend,
        searchModuleCatalogCollator,
        searchModulePartners,
        httpAuthWithActors,
        userInfoOf(GROUPS),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
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
    // index once the catalog has stitched every entity, as the portal's
    // schedule does some seconds after start-up
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await fetch(
        `http://localhost:${backend.server.port()}/api/catalog/entities`,
        { headers: { authorization: mockCredentials.service.header() } },
      );
      const entities: Array<{ relations?: unknown[] }> = await response.json();
      if (
        entities.filter(entity => (entity.relations ?? []).length > 0).length >=
          4 ||
        Date.now() > deadline
      ) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    await scheduler.triggerTask('search_index_software_catalog');
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function search(term: string, caller: string) {
    const response = await fetch(
      `http://localhost:${backend.server.port()}/api/search/query?${new URLSearchParams(
        { term },
      )}`,
      {
        headers: {
          authorization: `Bearer ${mockCredentials.user.token(caller)}`,
        },
      },
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    const { results } = JSON.parse(text) as {
      results: Array<{ document: Record<string, unknown> }>;
    };
    return { documents: results.map(result => result.document), text };
  }

  const titlesOf = (documents: Array<Record<string, unknown>>) =>
    documents.map(document => document.title).sort();

  it('finds the partner by its name, with its stage, type and tier, for everyone', async () => {
    const { documents } = await search('tempest', STRANGER);
    expect(documents[0]).toMatchObject({
      title: 'Tempest Freight',
      kind: 'Partner',
      stage: 'enablement',
      tier: 'medium',
      partnerType: 'integrator',
      location: '/catalog/default/partner/tempest',
    });
  });

  it.each([
    ['a security member', NOOR, ['tempest-billing', 'tempest-orders']],
    ['the owner of one', GUEST, ['tempest-orders']],
    [
      'the custodian of an identity of the other',
      CUSTODIAN,
      ['tempest-billing'],
    ],
    ['a member of a team with no stake', STRANGER, []],
  ])(
    'answers %s with the integrations they may read',
    async (_, caller, expected) => {
      const { documents, text } = await search('tempest', caller);
      expect(
        titlesOf(
          documents.filter(document => document.kind === 'PartnerIntegration'),
        ),
      ).toEqual(expected);
      // the partner and the component, for everyone
      expect(
        titlesOf(
          documents.filter(document => document.kind !== 'PartnerIntegration'),
        ),
      ).toEqual(['Tempest Freight', 'orders-service']);
      expect(text).not.toContain('vault:');
      expect(text).not.toContain('orders-client');
    },
  );

  it("gives an integration its type and its partner's stage and tier", async () => {
    const { documents } = await search('tempest-billing', NOOR);
    expect(
      documents.find(document => document.title === 'tempest-billing'),
    ).toMatchObject({
      kind: 'PartnerIntegration',
      integrationType: 'data-feed',
      partner: 'partner:default/tempest',
      partnerTitle: 'Tempest Freight',
      stage: 'enablement',
      tier: 'medium',
    });
  });

  it('finds nothing for a term no entity holds', async () => {
    const { documents } = await search('quodlibetarian', NOOR);
    expect(documents).toEqual([]);
  });
});
