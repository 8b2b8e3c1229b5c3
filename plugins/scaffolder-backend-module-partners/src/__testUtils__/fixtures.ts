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

import { ConfigReader } from '@backstage/config';

/** The day the tests evaluate the rules as of. */
export const TODAY = new Date('2026-12-01T00:00:00Z');

/** A policy with two access packages, as app-config.yaml holds it. */
export const config = new ConfigReader({
  partners: {
    accessPackages: {
      'orders-read': {
        description: 'Read orders',
        scopes: ['orders:read', 'order-events:subscribe'],
        environments: ['production', 'staging'],
      },
      'sandbox-full': {
        scopes: ['sandbox:*'],
        environments: ['sandbox'],
      },
    },
  },
});

/** What the onboarding form gives for a partner without findings. */
export function onboarding() {
  return {
    partner: {
      name: 'acme-logistics',
      title: 'Acme Logistics',
      description: 'Ships orders for the EU storefront',
      type: 'integrator',
      owner: 'group:default/partner-operations',
      stageOwners: {
        onboarding: 'group:default/partner-operations',
        enablement: 'group:default/team-orders',
      },
      riskTier: 'high',
      dataAccess: ['customer-pii'],
      dueDiligence: { reference: 'TPRM-2001', completed: '2026-11-20' },
      contract: { start: '2026-12-01', end: '2028-11-30' },
    },
    integration: {
      name: 'acme-order-sync',
      type: 'api',
      owner: 'group:default/team-orders',
      environment: 'production',
      accessPackage: 'orders-read',
      accesses: ['component:default/orders-service'],
      identities: [
        {
          name: 'acme-orders-client',
          type: 'oauth-client',
          scopes: ['orders:read'],
          secretRef: 'vault:partners/acme/orders-client',
          expires: '2027-12-01',
        },
      ],
    },
  };
}

/** A GitHub token, assembled so that no file of the project holds one. */
export const GITHUB_TOKEN = `${['gh', 'p_'].join('')}${'A1b2C3d4E5'.repeat(
  3,
)}f6G7h8`;
