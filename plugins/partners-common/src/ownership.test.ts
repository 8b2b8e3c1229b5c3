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
import { ownershipEntries, ownershipRegister } from './ownership';

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

describe('ownershipEntries', () => {
  const API = 'partnerintegration:default/acme-api';
  const OLD = 'partnerintegration:default/acme-old';

  it('lists the business owner, stage owners, live integrations and custodians of their live identities, in that order', () => {
    expect(
      ownershipEntries({
        partnerRef: 'partner:default/acme',
        owner: 'group:default/partnerships',
        stageOwners: { measurement: 'group:default/ops' },
        integrations: [
          { entityRef: API, owner: 'group:default/orders' },
          {
            entityRef: OLD,
            owner: 'group:default/legacy',
            goneAt: '2026-01-01',
          },
        ],
        identities: [
          { integrationRef: API, name: 'key', custodian: 'user:default/kim' },
          { integrationRef: API, name: 'plain' },
          {
            integrationRef: API,
            name: 'retired',
            custodian: 'user:default/lee',
            goneAt: '2026-02-01',
          },
          { integrationRef: OLD, name: 'old', custodian: 'user:default/max' },
        ],
      }),
    ).toEqual([
      {
        role: 'business-owner',
        owner: 'group:default/partnerships',
        subjectRef: 'partner:default/acme',
      },
      {
        role: 'stage-owner',
        owner: 'group:default/ops',
        subjectRef: 'partner:default/acme',
        stage: 'measurement',
      },
      {
        role: 'integration-owner',
        owner: 'group:default/orders',
        subjectRef: API,
      },
      {
        role: 'identity-custodian',
        owner: 'user:default/kim',
        subjectRef: API,
        identity: 'key',
      },
    ]);
  });
});
