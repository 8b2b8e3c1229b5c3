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

/*
 * The draws both estates make in the same order: the bench's catalog
 * entities (estate.ts) and the CLI benchmark's YAML files (cli/estate.ts).
 * Each function draws from the PRNG exactly as the estates always have, so
 * a seed gives the same estate.
 */

import type {
  PartnerEnvironment,
  PartnerIdentity,
  PartnerIntegrationEntityV1alpha1,
  PartnerLifecycleStageName,
  PartnerType,
  RiskTier,
} from '@partner-governance/plugin-partners-common';
import { ACCESS_PACKAGES, PACKAGE_NAMES, type AccessPackage } from './org';
import type { EstateRandom } from './prng';

/** The first draws of a partner: stage, tier, type, AI supply, contract end. */
interface PartnerBasics {
  stage: PartnerLifecycleStageName;
  tier: RiskTier;
  type: PartnerType;
  sensitive: boolean;
  aiSupplier: boolean;
  contractEnd: string;
}

export function partnerBasics(r: EstateRandom): PartnerBasics {
  const stage = r.chance(0.01)
    ? 'offboarded'
    : r.pick([
        'onboarding',
        'enablement',
        'measurement',
        'measurement',
        'measurement',
        'offboarding',
      ] as const);
  const tier = r.pick(['low', 'medium', 'high', 'high', 'critical'] as const);
  const type = r.pick([
    'referral',
    'reseller',
    'integrator',
    'co-support',
    'managed-service',
    'strategic-alliance',
  ] as const);
  const sensitive = tier === 'high' || tier === 'critical';
  const aiSupplier = r.chance(0.05);
  // 2% end within the notice period, 1% ended a month ago.
  let contractEnd = r.date(-400 - Math.floor(r.random() * 400));
  if (r.chance(0.02)) {
    contractEnd = r.date(-10);
  } else if (r.chance(0.01)) {
    contractEnd = r.date(30);
  }
  return { stage, tier, type, sensitive, aiSupplier, contractEnd };
}

/** An integration's spec before its identities, and its access package. */
interface IntegrationDraw {
  packageName: string;
  pkg: AccessPackage;
  environment: PartnerEnvironment;
  spec: PartnerIntegrationEntityV1alpha1['spec'];
  /** `spec.accesses`. */
  accesses: string[];
}

/**
 * An integration of partner `name`: its access package, type, owner and
 * accesses (one API, one component). An integration of a partner past
 * onboarding has no access package one time in fifty.
 */
export function integrationDraw(
  r: EstateRandom,
  name: string,
  stage: PartnerLifecycleStageName,
): IntegrationDraw {
  const packageName = r.pick(PACKAGE_NAMES);
  const pkg = ACCESS_PACKAGES[packageName];
  const environment = pkg.environments[0];
  const spec: IntegrationDraw['spec'] = {
    partner: `partner:${name}`,
    type: r.pick([
      'api',
      'sandbox',
      'data-feed',
      'support-tooling',
      'sso',
    ] as const),
    owner: r.owner(),
    environment,
  };
  if (stage === 'onboarding' || !r.chance(0.02)) {
    spec.accessPackage = packageName;
  }
  const accesses = [
    `api:api-${Math.floor(r.random() * 50)}`,
    `component:service-${Math.floor(r.random() * 200)}`,
  ];
  spec.accesses = accesses;
  return { packageName, pkg, environment, spec, accesses };
}

/**
 * Identity `k` of an integration. Most are clean; a few percent are
 * overprivileged, overdue for rotation, without expiry, dormant, held by a
 * custodian who left, or revoked.
 */
export function identityDraw(
  r: EstateRandom,
  draw: IntegrationDraw,
  secretPath: string,
  k: number,
): PartnerIdentity {
  const { pkg, environment } = draw;
  const scopes = pkg.scopes.slice(
    0,
    1 + Math.floor(r.random() * pkg.scopes.length),
  );
  if (r.chance(0.02)) {
    scopes.push('admin:all');
  }
  const rotated = r.chance(0.05)
    ? 100 + Math.floor(r.random() * 100)
    : Math.floor(r.random() * 80);
  const identity: PartnerIdentity = {
    name: `identity-${k}`,
    type: r.pick([
      'api-key',
      'oauth-client',
      'service-account',
      'token',
      'certificate',
      'webhook-secret',
    ] as const),
    scopes,
    environment: r.chance(0.01) ? 'sandbox' : environment,
    secretRef: `vault:partners/${secretPath}/identity-${
      r.chance(0.005) ? 0 : k
    }`,
    issued: r.date(rotated + 200),
    lastRotated: r.date(rotated),
  };
  if (!r.chance(0.03)) {
    identity.expires = r.date(
      r.chance(0.01) ? 5 : -200 - Math.floor(r.random() * 200),
    );
  }
  identity.lastUsed = r.date(
    r.chance(0.03) ? 120 : Math.floor(r.random() * 20),
  );
  if (r.chance(0.1)) {
    identity.custodian = r.chance(0.2) ? 'user:departed' : r.user();
  }
  if (pkg.privileged && r.chance(0.5)) {
    identity.privileged = true;
  }
  identity.status = r.chance(0.05) ? 'revoked' : 'active';
  return identity;
}
