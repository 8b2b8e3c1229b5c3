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

import type { PartnerEnvironment } from '@partner-governance/plugin-partners-common';

/** Teams and users of the estate's organisation. */
export const GROUPS = 40;
export const USERS = 200;

/** An access package as the policy config declares it. */
export interface AccessPackage {
  scopes: string[];
  environments: PartnerEnvironment[];
  privileged: boolean;
}

export const ACCESS_PACKAGES: Record<string, AccessPackage> = {
  'orders-read': {
    scopes: ['orders:read', 'order-events:subscribe'],
    environments: ['production', 'staging'],
    privileged: false,
  },
  'orders-fulfilment': {
    scopes: ['orders:read', 'orders:update-status', 'shipments:write'],
    environments: ['production', 'staging'],
    privileged: false,
  },
  'catalog-sync': {
    scopes: ['catalog:read', 'catalog:write-listings', 'pricing:read'],
    environments: ['production', 'staging'],
    privileged: false,
  },
  'partner-feeds-read': {
    scopes: ['feeds:read', 'exports:read', 'referrals:read'],
    environments: ['production', 'sandbox'],
    privileged: false,
  },
  'support-agent': {
    scopes: ['tickets:read', 'tickets:write', 'kb:read'],
    environments: ['production'],
    privileged: false,
  },
  'sandbox-full': {
    scopes: ['sandbox:admin', 'orders:read', 'orders:write', 'catalog:read'],
    environments: ['sandbox'],
    privileged: false,
  },
  'billing-admin': {
    scopes: [
      'billing:read',
      'billing:write',
      'invoices:read',
      'payments:refund',
    ],
    environments: ['production'],
    privileged: true,
  },
  'managed-ops-admin': {
    scopes: ['tenant:admin', 'infra:operate', 'logs:read', 'metrics:read'],
    environments: ['production', 'staging'],
    privileged: true,
  },
};
export const PACKAGE_NAMES = Object.keys(ACCESS_PACKAGES);
