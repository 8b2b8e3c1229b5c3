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
  parseEntityRef,
  DEFAULT_NAMESPACE,
  type Entity,
} from '@backstage/catalog-model';
import { toDayNumber } from '../dates';
import { entityRefKey } from '../refs';
import {
  isPartnerEntityV1alpha1,
  type PartnerEntityV1alpha1,
} from '../kinds/PartnerEntityV1alpha1';
import {
  identityStatus,
  isPartnerIntegrationEntityV1alpha1,
  type PartnerIdentity,
  type PartnerIntegrationEntityV1alpha1,
} from '../kinds/PartnerIntegrationEntityV1alpha1';
import type { AccessPackage, PartnersConfig } from '../policy';
import { RULES } from './definitions';
import { SEVERITIES, type Finding, type RuleId, type Severity } from './types';

/**
 * What the rules engine evaluates.
 *
 * @public
 */
export interface EvaluatePartnerRulesOptions {
  /** Entities of any kind; only Partner and PartnerIntegration are read. */
  entities: Iterable<Entity>;
  config: PartnersConfig;
  /** The day to evaluate as of. */
  now: Date | string;
  /**
   * Refs (as stringifyEntityRef prints them) of the Groups and Users the
   * catalog knows. When given, owners and custodians must name one of them;
   * when not, only their form is checked.
   */
  knownOwners?: ReadonlySet<string>;
}

const OWNER_KINDS = new Set(['group', 'user']);
const EXPIRING_TYPES = new Set([
  'api-key',
  'token',
  'certificate',
  'oauth-client',
]);
const ACTIVE_STAGES_WITH_PACKAGES = new Set([
  'enablement',
  'measurement',
  'offboarding',
]);

function entityNamespace(entity: Entity): string {
  return entity.metadata.namespace ?? DEFAULT_NAMESPACE;
}

/** Refs repeat across an estate (owners, partners): parse each once. */
const refCache = new Map<string, string | undefined>();

/** Normalises a ref for comparison; undefined when it cannot be parsed. */
function normalizeRef(
  ref: string,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  const cacheKey = `${defaultKind}\u0000${defaultNamespace}\u0000${ref}`;
  if (refCache.has(cacheKey)) {
    return refCache.get(cacheKey);
  }
  const result = normalizeRefUncached(ref, defaultKind, defaultNamespace);
  if (refCache.size > 10000) {
    refCache.clear();
  }
  refCache.set(cacheKey, result);
  return result;
}

function normalizeRefUncached(
  ref: string,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  try {
    return entityRefKey(parseEntityRef(ref, { defaultKind, defaultNamespace }));
  } catch {
    return undefined;
  }
}

function scopeAllowed(scope: string, allowed: readonly string[]): boolean {
  return allowed.some(pattern =>
    pattern.endsWith('*')
      ? scope.startsWith(pattern.slice(0, -1))
      : scope === pattern,
  );
}

function raise(severity: Severity): Severity {
  return SEVERITIES[
    Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)
  ];
}

/**
 * Evaluates every rule that works on files alone, as a pure function of the
 * entities, the policy and the day. Partner findings come first, then those
 * of integrations and their identities, each in input order. A partner of the critical tier raises the severity of its findings
 * (and those of its integrations) one level.
 *
 * @public
 */
export function evaluatePartnerRules(
  options: EvaluatePartnerRulesOptions,
): Finding[] {
  const { config, knownOwners } = options;
  const { policy } = config;
  const today = toDayNumber(options.now);
  if (today === undefined) {
    throw new TypeError(`Invalid evaluation date: ${String(options.now)}`);
  }
  const refs = new Map<Entity, string>();
  const refOf = (entity: Entity) => {
    let ref = refs.get(entity);
    if (ref === undefined) {
      ref = entityRefKey({
        kind: entity.kind,
        namespace: entity.metadata.namespace,
        name: entity.metadata.name,
      });
      refs.set(entity, ref);
    }
    return ref;
  };
  const partners = new Map<string, PartnerEntityV1alpha1>();
  const integrations: PartnerIntegrationEntityV1alpha1[] = [];
  for (const entity of options.entities) {
    if (isPartnerEntityV1alpha1(entity)) {
      partners.set(refOf(entity), entity);
    } else if (isPartnerIntegrationEntityV1alpha1(entity)) {
      integrations.push(entity);
    }
  }

  // Integrations per partner, and how many live identities hold each secretRef.
  const integrationsByPartner = new Map<
    string,
    PartnerIntegrationEntityV1alpha1[]
  >();
  const partnerOf = new Map<
    PartnerIntegrationEntityV1alpha1,
    PartnerEntityV1alpha1 | undefined
  >();
  const secretRefUse = new Map<string, number>();
  for (const integration of integrations) {
    const partnerRef = normalizeRef(
      integration.spec.partner,
      'Partner',
      entityNamespace(integration),
    );
    const partner = partnerRef ? partners.get(partnerRef) : undefined;
    partnerOf.set(integration, partner);
    if (partnerRef && partner) {
      const list = integrationsByPartner.get(partnerRef);
      if (list) list.push(integration);
      else integrationsByPartner.set(partnerRef, [integration]);
    }
    for (const identity of integration.spec.identities ?? []) {
      if (identity.secretRef && identityStatus(identity) !== 'revoked') {
        secretRefUse.set(
          identity.secretRef,
          (secretRefUse.get(identity.secretRef) ?? 0) + 1,
        );
      }
    }
  }

  const findings: Finding[] = [];
  const add = (
    ruleId: RuleId,
    entity: Entity,
    partner: PartnerEntityV1alpha1 | undefined,
    message: string,
    identity?: string,
  ) => {
    const definition = RULES[ruleId];
    const finding: Finding = {
      ruleId,
      severity:
        partner?.spec.risk.tier === 'critical'
          ? raise(definition.severity)
          : definition.severity,
      entityRef: refOf(entity),
      message,
      frameworks: definition.frameworks,
    };
    if (identity !== undefined) {
      finding.identity = identity;
    }
    findings.push(finding);
  };

  const ownerProblem = (ref: string | undefined, entity: Entity) => {
    if (!ref || !ref.trim()) {
      return 'is empty';
    }
    const normalized = normalizeRef(ref, 'Group', entityNamespace(entity));
    if (!normalized) {
      return `"${ref}" is not a valid entity reference`;
    }
    if (!OWNER_KINDS.has(normalized.slice(0, normalized.indexOf(':')))) {
      return `"${ref}" is not a Group or User`;
    }
    if (knownOwners && !knownOwners.has(normalized)) {
      return `"${ref}" names no Group or User in the catalog`;
    }
    return undefined;
  };

  /** Whole days from a date to the evaluation day. */
  const ago = (date: string | undefined) => {
    const day = date === undefined ? undefined : toDayNumber(date);
    return day === undefined ? undefined : today - day;
  };

  // Partner-level rules.
  for (const [partnerRef, partner] of partners) {
    const { spec } = partner;
    const stage = spec.lifecycle.stage;
    const owned = integrationsByPartner.get(partnerRef) ?? [];
    const activeIdentities = owned.flatMap(i =>
      (i.spec.identities ?? []).filter(id => identityStatus(id) === 'active'),
    );

    const owner = ownerProblem(spec.owner, partner);
    if (owner) {
      add('owner-missing', partner, partner, `Partner owner ${owner}`);
    }
    if (stage !== 'offboarded' && !spec.lifecycle.stageOwners?.[stage]) {
      add(
        'stage-owner-missing',
        partner,
        partner,
        `The ${stage} stage has no stage owner`,
      );
    }
    if (stage !== 'onboarding' && !spec.risk.dueDiligence?.completed) {
      add(
        'due-diligence-missing',
        partner,
        partner,
        `Partner is in ${stage} without completed due diligence`,
      );
    }

    const contractEndAgo = ago(spec.contract?.end);
    const ended =
      (contractEndAgo !== undefined && contractEndAgo > 0) ||
      spec.contract?.status === 'terminated' ||
      spec.contract?.status === 'expired';
    if (
      !ended &&
      contractEndAgo !== undefined &&
      -contractEndAgo <= policy.contractNoticeDays &&
      stage !== 'offboarding' &&
      stage !== 'offboarded'
    ) {
      add(
        'contract-ending-no-offboarding',
        partner,
        partner,
        `Contract ends on ${
          spec.contract!.end
        } (in ${-contractEndAgo} days, notice ${
          policy.contractNoticeDays
        }) and the partner is in ${stage}`,
      );
    }

    const lastActivityAgo = ago(spec.lastActivity);
    if (
      lastActivityAgo !== undefined &&
      lastActivityAgo > policy.dormantAfterDays &&
      activeIdentities.length > 0
    ) {
      add(
        'partner-dormant',
        partner,
        partner,
        `Last activity was ${lastActivityAgo} days ago (limit ${policy.dormantAfterDays}) while ${activeIdentities.length} identities are active`,
      );
    }

    if (spec.risk.tier === 'low' || spec.risk.tier === 'medium') {
      const reasons: string[] = [];
      const privileged = liveIdentities(owned).filter(
        id => id.privileged || id.type === 'delegated-admin',
      );
      if (privileged.length) {
        reasons.push(
          `privileged or delegated-admin identities (${privileged
            .map(id => id.name)
            .join(', ')})`,
        );
      }
      const sensitive = (spec.risk.dataAccess ?? []).filter(c =>
        config.sensitiveData.includes(c),
      );
      if (sensitive.length) {
        reasons.push(`sensitive data (${sensitive.join(', ')})`);
      }
      if (reasons.length) {
        add(
          'risk-tier-understated',
          partner,
          partner,
          `Risk tier is ${spec.risk.tier} but the partner holds ${reasons.join(
            ' and ',
          )}`,
        );
      }
    }

    if (spec.risk.ai?.supplies && !spec.risk.ai.contingencyPlan?.trim()) {
      add(
        'ai-supplier-no-contingency',
        partner,
        partner,
        'Partner supplies AI models, agents or data and references no contingency plan',
      );
    }

    // Identity-level rules that depend on the partner's contract and stage.
    for (const integration of owned) {
      for (const identity of integration.spec.identities ?? []) {
        const status = identityStatus(identity);
        if (ended && status === 'active') {
          add(
            'contract-ended-access-active',
            integration,
            partner,
            `Identity "${identity.name}" is still active though the contract ${
              spec.contract?.end && contractEndAgo! > 0
                ? `ended on ${spec.contract.end}`
                : `is ${spec.contract?.status}`
            }`,
            identity.name,
          );
        }
        if (stage === 'offboarded' && status !== 'revoked') {
          add(
            'offboarded-identity-active',
            integration,
            partner,
            `Identity "${identity.name}" is ${status}, not revoked, though the partner is offboarded`,
            identity.name,
          );
        }
      }
    }
  }

  // Integration- and identity-level rules.
  for (const integration of integrations) {
    const partner = partnerOf.get(integration);
    const { spec } = integration;
    const owner = ownerProblem(spec.owner, integration);
    if (owner) {
      add('owner-missing', integration, partner, `Integration owner ${owner}`);
    }

    let accessPackage: AccessPackage | undefined;
    const packagesDefined = Object.keys(config.accessPackages).length > 0;
    // Own properties only: a name such as "constructor" is not a package.
    if (
      spec.accessPackage &&
      Object.prototype.hasOwnProperty.call(
        config.accessPackages,
        spec.accessPackage,
      )
    ) {
      accessPackage = config.accessPackages[spec.accessPackage];
    }
    if (
      partner &&
      ACTIVE_STAGES_WITH_PACKAGES.has(partner.spec.lifecycle.stage)
    ) {
      if (!spec.accessPackage) {
        add(
          'access-package-missing',
          integration,
          partner,
          `Integration of a partner in ${partner.spec.lifecycle.stage} is mapped to no access package`,
        );
      } else if (packagesDefined && !accessPackage) {
        add(
          'access-package-missing',
          integration,
          partner,
          `Integration names access package "${spec.accessPackage}", which the policy does not define`,
        );
      }
    }

    for (const identity of spec.identities ?? []) {
      const status = identityStatus(identity);
      const name = identity.name;
      const label = `Identity "${name}"`;
      if (status === 'revoked') {
        continue;
      }
      if (accessPackage) {
        const outside = (identity.scopes ?? []).filter(
          s => !scopeAllowed(s, accessPackage!.scopes),
        );
        const problems: string[] = [];
        if (outside.length) {
          problems.push(
            `holds scopes outside access package "${
              spec.accessPackage
            }": ${outside.join(', ')}`,
          );
        }
        if (identity.privileged && !accessPackage.privileged) {
          problems.push(
            `is privileged where access package "${spec.accessPackage}" is not`,
          );
        }
        const env = identity.environment ?? spec.environment;
        if (
          env &&
          accessPackage.environments.length &&
          !accessPackage.environments.includes(env)
        ) {
          problems.push(
            `is used in ${env}, which access package "${spec.accessPackage}" does not allow`,
          );
        }
        if (problems.length) {
          add(
            'identity-overprivileged',
            integration,
            partner,
            `${label} ${problems.join('; ')}`,
            name,
          );
        }
      }

      const rotatedOn = identity.lastRotated ?? identity.issued;
      const limit = identity.rotationDays ?? policy.rotationMaxDays;
      const rotatedAgo = ago(rotatedOn);
      if (rotatedAgo !== undefined && rotatedAgo > limit) {
        add(
          'identity-rotation-overdue',
          integration,
          partner,
          `${label} was ${
            identity.lastRotated ? 'last rotated' : 'issued and never rotated'
          } ${rotatedAgo} days ago (limit ${limit})`,
          name,
        );
      }

      if (EXPIRING_TYPES.has(identity.type) && !identity.expires) {
        add(
          'identity-no-expiry',
          integration,
          partner,
          `${label} (${identity.type}) has no expiry date`,
          name,
        );
      }

      const expiredAgo = ago(identity.expires);
      if (status === 'active' && expiredAgo !== undefined && expiredAgo > 0) {
        add(
          'identity-expired-active',
          integration,
          partner,
          `${label} expired on ${identity.expires} and is still active`,
          name,
        );
      }

      const usedAgo = ago(identity.lastUsed);
      if (
        status === 'active' &&
        usedAgo !== undefined &&
        usedAgo > policy.dormantAfterDays
      ) {
        add(
          'identity-dormant',
          integration,
          partner,
          `${label} was last used ${usedAgo} days ago (limit ${policy.dormantAfterDays})`,
          name,
        );
      }

      const sharing: string[] = [];
      if (identity.sharedWith?.length) {
        sharing.push(`is shared with ${identity.sharedWith.join(', ')}`);
      }
      if (
        identity.secretRef &&
        (secretRefUse.get(identity.secretRef) ?? 0) > 1
      ) {
        sharing.push('uses a secretRef that another identity also uses');
      }
      if (sharing.length) {
        add(
          'identity-shared',
          integration,
          partner,
          `${label} ${sharing.join(' and ')}`,
          name,
        );
      }

      if (
        identity.environment &&
        spec.environment &&
        identity.environment !== spec.environment &&
        (identity.environment === 'production' ||
          spec.environment === 'production')
      ) {
        add(
          'identity-environment-crossing',
          integration,
          partner,
          `${label} is for ${identity.environment} but the integration runs in ${spec.environment}`,
          name,
        );
      }

      if (identity.custodian !== undefined) {
        const custodian = ownerProblem(identity.custodian, integration);
        if (custodian) {
          add(
            'identity-unowned',
            integration,
            partner,
            `${label} custodian ${custodian}`,
            name,
          );
        }
      }
    }
  }

  return findings;
}

/** Identities that are not revoked. */
function liveIdentities(
  integrations: PartnerIntegrationEntityV1alpha1[],
): PartnerIdentity[] {
  return integrations.flatMap(i =>
    (i.spec.identities ?? []).filter(id => identityStatus(id) !== 'revoked'),
  );
}
