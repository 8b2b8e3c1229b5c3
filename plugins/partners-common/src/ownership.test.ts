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

import type { PartnerEntityV1alpha1 } from './kinds/PartnerEntityV1alpha1';
import type { PartnerIntegrationEntityV1alpha1 } from './kinds/PartnerIntegrationEntityV1alpha1';
import { ownershipRegister } from './ownership';

const PARTNER: PartnerEntityV1alpha1 = {
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'Partner',
  metadata: { name: 'acme' },
  spec: {
    type: 'integrator',
    owner: 'group:default/partnerships',
    lifecycle: {
      stage: 'enablement',
      stageOwners: {
        onboarding: 'Group:Default/Partnerships',
        enablement: 'platform',
      },
    },
    risk: { tier: 'high' },
  },
};

const CUSTODIED: PartnerIntegrationEntityV1alpha1 = {
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'PartnerIntegration',
  metadata: { name: 'acme-orders' },
  spec: {
    partner: 'partner:default/acme',
    type: 'api',
    owner: 'group:default/orders',
    identities: [
      {
        name: 'orders-key',
        type: 'api-key',
        custodian: 'group:default/platform',
      },
      { name: 'orders-token', type: 'token' },
    ],
  },
};

describe('ownershipRegister', () => {
  it('groups every role by owner, whatever the case or defaults of the refs', () => {
    expect(
      ownershipRegister({
        partner: PARTNER,
        integrations: [
          {
            entityRef: 'partnerintegration:default/acme-orders',
            owner: 'group:default/orders',
          },
          {
            entityRef: 'partnerintegration:default/acme-sandbox',
            title: 'Acme sandbox',
            owner: 'group:default/orders',
          },
        ],
        integrationEntities: [CUSTODIED],
      }),
    ).toEqual([
      {
        owner: 'group:default/orders',
        roles: [
          'Owner of integration partnerintegration:default/acme-orders',
          'Owner of integration Acme sandbox',
        ],
      },
      {
        owner: 'group:default/partnerships',
        roles: ['Business owner', 'Onboarding stage owner'],
      },
      {
        owner: 'group:default/platform',
        roles: [
          'Enablement stage owner',
          'Custodian of orders-key (acme-orders)',
        ],
      },
    ]);
  });

  it('leaves out empty refs and has no row for an offboarded stage', () => {
    const partner: PartnerEntityV1alpha1 = {
      ...PARTNER,
      spec: {
        ...PARTNER.spec,
        owner: ' ',
        lifecycle: { stage: 'offboarded', stageOwners: {} },
      },
    };
    expect(
      ownershipRegister({ partner, integrations: [], integrationEntities: [] }),
    ).toEqual([]);
  });
});
