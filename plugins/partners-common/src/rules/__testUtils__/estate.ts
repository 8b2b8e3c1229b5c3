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
import type { Entity } from '@backstage/catalog-model';
import {
  PARTNERS_API_VERSION,
  type PartnerEntityV1alpha1,
} from '../../kinds/PartnerEntityV1alpha1';
import type {
  PartnerIdentity,
  PartnerIntegrationEntityV1alpha1,
} from '../../kinds/PartnerIntegrationEntityV1alpha1';
import { readPartnersConfig, type PartnersConfig } from '../../policy';
import type { Finding } from '../finding';
import type { RuleId } from '../registry';
import {
  evaluatePartnerRules,
  type EvaluatePartnerRulesOptions,
} from '../engine';

// A small estate and helpers shared by the rule tests: one clean partner in
// measurement with one clean integration, evaluated on a fixed day.

export const NOW = '2026-11-28';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar day `offset` days from NOW (negative is in the past). */
export function day(offset: number): string {
  return new Date(Date.parse(`${NOW}T00:00:00Z`) + offset * DAY_MS)
    .toISOString()
    .slice(0, 10);
}

export const CONFIG: PartnersConfig = readPartnersConfig(
  new ConfigReader({
    partners: {
      accessPackages: {
        'orders-read': {
          scopes: ['orders:read', 'order-events:subscribe'],
          environments: ['production', 'staging'],
        },
        'orders-all': {
          scopes: ['orders:*'],
          environments: ['production', 'staging'],
        },
        'ops-admin': {
          scopes: ['tenant:admin'],
          environments: ['production'],
          privileged: true,
        },
        anywhere: { scopes: ['orders:read'] },
      },
    },
  }),
);

const KNOWN_OWNERS: ReadonlySet<string> = new Set([
  'group:default/partner-operations',
  'group:default/team-orders',
  'group:default/security',
  'user:default/jane-doe',
]);

export function makePartner(name = 'acme'): PartnerEntityV1alpha1 {
  return {
    apiVersion: PARTNERS_API_VERSION,
    kind: 'Partner',
    metadata: { name },
    spec: {
      type: 'integrator',
      owner: 'group:partner-operations',
      lifecycle: {
        stage: 'measurement',
        stageOwners: {
          onboarding: 'group:partner-operations',
          enablement: 'group:team-orders',
          measurement: 'group:team-orders',
          offboarding: 'group:security',
        },
      },
      risk: {
        tier: 'high',
        criticality: 'medium',
        dataAccess: ['customer-pii'],
        dueDiligence: { completed: day(-300), reference: 'TPRM-1' },
        ai: { supplies: false },
      },
      contract: { start: day(-400), end: day(365), status: 'active' },
      lastActivity: day(-3),
      supportChannels: ['slack:#partner-acme'],
    },
  };
}

/** A clean OAuth client: in scope, rotated, expiring, recently used. */
export function client(
  overrides: Partial<PartnerIdentity> = {},
): PartnerIdentity {
  return {
    name: 'orders-client',
    type: 'oauth-client',
    scopes: ['orders:read'],
    environment: 'production',
    secretRef: 'vault:partners/acme/orders-client',
    issued: day(-200),
    lastRotated: day(-20),
    expires: day(180),
    lastUsed: day(-1),
    ...overrides,
  };
}

/** A clean service account with an explicit, known custodian and no expiry. */
export function serviceAccount(
  overrides: Partial<PartnerIdentity> = {},
): PartnerIdentity {
  return {
    name: 'orders-sa',
    type: 'service-account',
    custodian: 'group:team-orders',
    scopes: ['order-events:subscribe'],
    secretRef: 'vault:partners/acme/orders-sa',
    issued: day(-30),
    lastUsed: day(-2),
    ...overrides,
  };
}

export function makeIntegration(
  name = 'acme-orders',
  identities: PartnerIdentity[] = [client(), serviceAccount()],
  partner = 'partner:acme',
): PartnerIntegrationEntityV1alpha1 {
  return {
    apiVersion: PARTNERS_API_VERSION,
    kind: 'PartnerIntegration',
    metadata: { name },
    spec: {
      partner,
      type: 'api',
      owner: 'group:team-orders',
      environment: 'production',
      accessPackage: 'orders-read',
      accesses: ['api:orders-api'],
      identities,
    },
  };
}

/** A clean partner in measurement with one clean integration. */
export function estate(identities?: PartnerIdentity[]) {
  const partner = makePartner();
  const integration = makeIntegration('acme-orders', identities);
  return { partner, integration, entities: [partner, integration] as Entity[] };
}

export function evaluate(
  entities: Entity[],
  options: Partial<Omit<EvaluatePartnerRulesOptions, 'entities'>> = {},
): Finding[] {
  return evaluatePartnerRules({
    entities,
    config: CONFIG,
    now: NOW,
    knownOwners: KNOWN_OWNERS,
    ...options,
  });
}

export function ruleIds(findings: Finding[]): RuleId[] {
  return findings.map(f => f.ruleId);
}

/** Rule ids fired, each with the identity it names (if any). */
export function fired(findings: Finding[]): string[] {
  return findings.map(f =>
    f.identity ? `${f.ruleId} [${f.identity}]` : f.ruleId,
  );
}

export const PARTNER_REF = 'partner:default/acme';
export const INTEGRATION_REF = 'partnerintegration:default/acme-orders';
