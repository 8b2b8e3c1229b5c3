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

import type { Entity } from '@backstage/catalog-model';
import { defaultCatalogCollatorEntityTransformer } from '@backstage/plugin-search-backend-module-catalog';
import { PARTNERS_API_VERSION } from '@partner-governance/plugin-partners-common';
import {
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
  partnersCatalogCollatorEntityTransformer as transform,
} from './transformer';

const partner: Entity = {
  apiVersion: PARTNERS_API_VERSION,
  kind: 'Partner',
  metadata: {
    name: 'wrenfield-systems',
    title: 'Wrenfield Systems',
    description: 'Logistics integrator for regional carriers.',
  },
  spec: {
    type: 'integrator',
    owner: 'group:alliances',
    lifecycle: { stage: 'measurement', stageOwners: { onboarding: 'user:a' } },
    risk: { tier: 'high', dataAccess: ['customer-pii'] },
    contract: { end: '2026-12-15', status: 'active' },
    incidents: [{ date: '2026-01-01', severity: 'low', summary: 'outage' }],
  },
};

const integration: Entity = {
  apiVersion: PARTNERS_API_VERSION,
  kind: 'PartnerIntegration',
  metadata: { name: 'wrenfield-order-sync', namespace: 'logistics' },
  spec: {
    partner: 'wrenfield-systems',
    type: 'api',
    owner: 'group:team-orders',
    environment: 'production',
    accessPackage: 'orders-fulfilment',
    accesses: ['component:orders-service'],
    identities: [
      {
        name: 'fulfilment-client',
        type: 'oauth-client',
        scopes: ['orders:read'],
        secretRef: 'vault:partners/wrenfield-systems/fulfilment-client',
      },
    ],
  },
};

describe('partnersCatalogCollatorEntityTransformer', () => {
  it("gives a Partner's document its stage, type and tier, and finds it by name", () => {
    expect(transform(partner)).toEqual({
      title: 'Wrenfield Systems',
      text: 'Logistics integrator for regional carriers. : wrenfield-systems',
      componentType: 'integrator',
      type: 'integrator',
      namespace: 'default',
      kind: 'Partner',
      lifecycle: '',
      owner: 'group:alliances',
      partner: 'partner:default/wrenfield-systems',
      stage: 'measurement',
      tier: 'high',
      partnerType: 'integrator',
    });
  });

  it("gives an integration its type, environment and partner, found by the partner's name", () => {
    expect(transform(integration)).toEqual({
      title: 'wrenfield-order-sync',
      text: 'wrenfield-systems',
      componentType: 'api',
      type: 'api',
      namespace: 'logistics',
      kind: 'PartnerIntegration',
      lifecycle: '',
      owner: 'group:team-orders',
      // the partner is looked up in the integration's namespace
      partner: 'partner:logistics/wrenfield-systems',
      integrationType: 'api',
      environment: 'production',
    });
  });

  it('copies no identity, secret location, data class, contract or incident', () => {
    const text = JSON.stringify([transform(partner), transform(integration)]);
    for (const restricted of [
      'vault:',
      'fulfilment-client',
      'orders:read',
      'orders-fulfilment',
      'orders-service',
      'customer-pii',
      '2026-12-15',
      'outage',
      'user:a',
    ]) {
      expect(text).not.toContain(restricted);
    }
  });

  it('gives every other kind the default document', () => {
    const component: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orders-service', description: 'Orders' },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-orders' },
    };
    expect(transform(component)).toEqual(
      defaultCatalogCollatorEntityTransformer(component),
    );
    expect(transform(component)).toMatchObject({ lifecycle: 'production' });
  });

  it('leaves a kind of the same name but another apiVersion to the default', () => {
    const other = { ...partner, apiVersion: 'example.com/v1' };
    expect(transform(other)).toEqual(
      defaultCatalogCollatorEntityTransformer(other),
    );
  });

  it('leaves out values the kinds do not allow, without failing', () => {
    const hostile = {
      ...partner,
      metadata: { name: 'odd', title: 42, description: { a: 1 } },
      spec: {
        type: 'pirate',
        owner: ['group:a'],
        lifecycle: 'measurement',
        risk: { tier: 'extreme' },
      },
    } as unknown as Entity;
    expect(transform(hostile)).toEqual({
      title: 'odd',
      text: '',
      componentType: 'pirate',
      type: 'pirate',
      namespace: 'default',
      kind: 'Partner',
      lifecycle: '',
      owner: '',
      partner: 'partner:default/odd',
    });
    const noSpec = { ...integration, spec: undefined } as unknown as Entity;
    expect(transform(noSpec)).toMatchObject({
      kind: 'PartnerIntegration',
      type: 'other',
      owner: '',
      text: '',
    });
    expect(transform(noSpec)).not.toHaveProperty('partner');
    for (const ref of ['component:orders-service', 'partner:', ':/']) {
      const badRef = {
        ...integration,
        spec: { ...integration.spec, partner: ref, environment: 'moon' },
      };
      expect(transform(badRef)).not.toHaveProperty('partner');
      expect(transform(badRef)).not.toHaveProperty('environment');
      expect(transform(badRef)).toMatchObject({ integrationType: 'api' });
    }
  });

  it('keeps at most the longest description and title it allows', () => {
    const long = {
      ...partner,
      metadata: {
        name: 'long',
        title: 't'.repeat(MAX_NAME_LENGTH + 1),
        description: 'd'.repeat(MAX_DESCRIPTION_LENGTH + 1),
      },
    };
    const document = transform(long);
    expect(document.title).toHaveLength(MAX_NAME_LENGTH);
    expect(document.text).toBe(`${'d'.repeat(MAX_DESCRIPTION_LENGTH)} : long`);
  });
});
