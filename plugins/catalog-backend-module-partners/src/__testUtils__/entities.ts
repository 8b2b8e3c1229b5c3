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
import {
  processingResult,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';

// Entities, a location and secret-shaped values shared by the processor
// tests. Secret-shaped values are built at runtime so that no secret scanner
// flags this file, and so that the assertions can look for the exact value.
export const GITHUB_TOKEN = `${'gh'}${'p_'}${'x'.repeat(36)}`;
export const PRIVATE_KEY = `${'-----BEGIN '}${'RSA PRIVATE KEY-----'}\nMIIEowIBAAKCAQEA${'q'.repeat(
  40,
)}\n${'-----END '}${'RSA PRIVATE KEY-----'}`;

export const location: LocationSpec = {
  type: 'file',
  target: '/catalog/partners/acme.yaml',
};

export function partner(overrides: Partial<Entity> = {}, spec = {}): Entity {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'Partner',
    metadata: { name: 'acme' },
    spec: {
      type: 'integrator',
      owner: 'group:partner-operations',
      lifecycle: { stage: 'enablement' },
      risk: { tier: 'high' },
      ...spec,
    },
    ...overrides,
  };
}

export function integration(
  overrides: Partial<Entity> = {},
  spec = {},
): Entity {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name: 'acme-orders' },
    spec: {
      partner: 'acme',
      type: 'api',
      owner: 'group:team-orders',
      identities: [
        {
          name: 'orders-client',
          type: 'oauth-client',
          secretRef: 'vault:partners/acme/orders-client',
        },
      ],
      ...spec,
    },
    ...overrides,
  };
}

export const relation = (
  source: { kind: string; namespace: string; name: string },
  type: string,
  target: { kind: string; namespace: string; name: string },
) => processingResult.relation({ source, type, target });
