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

import type { Config } from '@backstage/config';
import type { RiskTier } from './kinds/PartnerEntityV1alpha1';
import type { PartnerEnvironment } from './kinds/PartnerIntegrationEntityV1alpha1';

/**
 * The governance policy: cadences and limits in whole days.
 *
 * @public
 */
export interface PartnersPolicy {
  /** Days between access reviews, per partner risk tier. */
  reviewCadenceDays: Record<RiskTier, number>;
  /** Maximum days between rotations of an identity's secret. */
  rotationMaxDays: number;
  /** Days without use after which an identity or partner is dormant. */
  dormantAfterDays: number;
  /** Days before a contract ends by which offboarding must have started. */
  contractNoticeDays: number;
  /** Longest an exception may be granted for. */
  exceptionMaxDays: number;
}

/**
 * A standard access package: what an integration that names it may hold.
 *
 * @public
 */
export interface AccessPackage {
  description?: string;
  /** Scopes an identity may hold; a trailing `*` matches any suffix. */
  scopes: string[];
  /** Environments the package may be used in; empty means any. */
  environments: PartnerEnvironment[];
  /** Whether identities under this package may be privileged. */
  privileged: boolean;
  supportChannels: string[];
}

/**
 * Everything under the `partners` config key that the rules need.
 *
 * @public
 */
export interface PartnersConfig {
  policy: PartnersPolicy;
  accessPackages: Record<string, AccessPackage>;
  /** Data classes that need a risk tier of high or critical. */
  sensitiveData: string[];
}

/** The policy that applies where config is silent. @public */
export const DEFAULT_PARTNERS_POLICY: Readonly<PartnersPolicy> = Object.freeze({
  reviewCadenceDays: Object.freeze({
    critical: 30,
    high: 90,
    medium: 180,
    low: 365,
  }),
  rotationMaxDays: 90,
  dormantAfterDays: 90,
  contractNoticeDays: 30,
  exceptionMaxDays: 180,
});

/** The data classes that are sensitive where config is silent. @public */
export const DEFAULT_SENSITIVE_DATA: readonly string[] = Object.freeze([
  'customer-pii',
  'payment-data',
  'health-data',
  'credentials',
]);

const ENVIRONMENTS: readonly PartnerEnvironment[] = [
  'production',
  'staging',
  'sandbox',
];

/**
 * Reads a number of days. `prefix` is where `config` sits under `partners`
 * (e.g. `policy.reviewCadenceDays`), so the error names the full key.
 */
function readDays(
  config: Config | undefined,
  prefix: string,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new TypeError(
      `Invalid partners config: ${prefix}.${key} must be a whole number of days of at least 1, got ${value}`,
    );
  }
  return value;
}

/**
 * Reads the `partners` key of the Backstage config, applying the defaults
 * where it is silent. Throws a TypeError naming the key when a value is
 * invalid.
 *
 * @public
 */
export function readPartnersConfig(config: Config): PartnersConfig {
  const root = config.getOptionalConfig('partners');
  const policy = root?.getOptionalConfig('policy');
  const cadence = policy?.getOptionalConfig('reviewCadenceDays');
  const defaults = DEFAULT_PARTNERS_POLICY;

  const accessPackages: Record<string, AccessPackage> = {};
  const packages = root?.getOptionalConfig('accessPackages');
  for (const name of packages?.keys() ?? []) {
    const pkg = packages!.getConfig(name);
    const environments = pkg.getOptionalStringArray('environments') ?? [];
    const unknown = environments.find(
      env => !ENVIRONMENTS.includes(env as PartnerEnvironment),
    );
    if (unknown) {
      throw new TypeError(
        `Invalid partners config: accessPackages.${name}.environments holds unknown environment '${unknown}' (expected one of ${ENVIRONMENTS.join(
          ', ',
        )})`,
      );
    }
    accessPackages[name] = {
      description: pkg.getOptionalString('description'),
      scopes: pkg.getOptionalStringArray('scopes') ?? [],
      environments: environments as PartnerEnvironment[],
      privileged: pkg.getOptionalBoolean('privileged') ?? false,
      supportChannels: pkg.getOptionalStringArray('supportChannels') ?? [],
    };
  }

  return {
    policy: {
      reviewCadenceDays: {
        critical: readDays(
          cadence,
          'policy.reviewCadenceDays',
          'critical',
          defaults.reviewCadenceDays.critical,
        ),
        high: readDays(
          cadence,
          'policy.reviewCadenceDays',
          'high',
          defaults.reviewCadenceDays.high,
        ),
        medium: readDays(
          cadence,
          'policy.reviewCadenceDays',
          'medium',
          defaults.reviewCadenceDays.medium,
        ),
        low: readDays(
          cadence,
          'policy.reviewCadenceDays',
          'low',
          defaults.reviewCadenceDays.low,
        ),
      },
      rotationMaxDays: readDays(
        policy,
        'policy',
        'rotationMaxDays',
        defaults.rotationMaxDays,
      ),
      dormantAfterDays: readDays(
        policy,
        'policy',
        'dormantAfterDays',
        defaults.dormantAfterDays,
      ),
      contractNoticeDays: readDays(
        policy,
        'policy',
        'contractNoticeDays',
        defaults.contractNoticeDays,
      ),
      exceptionMaxDays: readDays(
        policy,
        'policy',
        'exceptionMaxDays',
        defaults.exceptionMaxDays,
      ),
    },
    accessPackages,
    sensitiveData: root?.getOptionalStringArray('sensitiveData') ?? [
      ...DEFAULT_SENSITIVE_DATA,
    ],
  };
}
