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
  type PartnerIntegrationEntityV1alpha1,
} from '../kinds/PartnerIntegrationEntityV1alpha1';
import type { AccessPackage, PartnersConfig } from '../policy';
import type { Finding } from './finding';
import { FILE_RULES, type RuleId } from './registry';
import { SEVERITIES, type RuleContext, type Severity } from './types';

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

function entityNamespace(entity: Entity): string {
  return entity.metadata.namespace ?? DEFAULT_NAMESPACE;
}

/** Refs repeat across an estate (owners, partners): each is parsed once a run. */
class RefNormalizer {
  private readonly byDefaults = new Map<
    string,
    Map<string, string | undefined>
  >();

  /** Normalises a ref for comparison; undefined when it cannot be parsed. */
  normalize(
    ref: string,
    defaultKind: string,
    defaultNamespace: string,
  ): string | undefined {
    const defaults = `${defaultKind}:${defaultNamespace}`;
    let parsed = this.byDefaults.get(defaults);
    if (!parsed) {
      parsed = new Map();
      this.byDefaults.set(defaults, parsed);
    }
    const known = parsed.get(ref);
    if (known !== undefined || parsed.has(ref)) {
      return known;
    }
    let result: string | undefined;
    try {
      result = entityRefKey(
        parseEntityRef(ref, { defaultKind, defaultNamespace }),
      );
    } catch {
      result = undefined;
    }
    parsed.set(ref, result);
    return result;
  }
}

/** The rules that evaluate each kind of visit, in registry order. */
const RULES_FOR = {
  partner: FILE_RULES.filter(rule => rule.evaluate.partner),
  partnerIdentity: FILE_RULES.filter(rule => rule.evaluate.partnerIdentity),
  integration: FILE_RULES.filter(rule => rule.evaluate.integration),
  identity: FILE_RULES.filter(rule => rule.evaluate.identity),
};

function raise(severity: Severity): Severity {
  return SEVERITIES[
    Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)
  ];
}

/** The partners and integrations of an estate, and what links them. */
class Estate {
  readonly partners = new Map<string, PartnerEntityV1alpha1>();
  readonly integrations: PartnerIntegrationEntityV1alpha1[] = [];
  readonly partnerOf = new Map<
    PartnerIntegrationEntityV1alpha1,
    PartnerEntityV1alpha1 | undefined
  >();
  readonly integrationsByPartner = new Map<
    PartnerEntityV1alpha1,
    PartnerIntegrationEntityV1alpha1[]
  >();
  readonly secretRefUse = new Map<string, number>();
  readonly refNormalizer = new RefNormalizer();
  private readonly refs = new Map<Entity, string>();

  constructor(entities: Iterable<Entity>) {
    for (const entity of entities) {
      if (isPartnerEntityV1alpha1(entity)) {
        this.partners.set(this.refOf(entity), entity);
      } else if (isPartnerIntegrationEntityV1alpha1(entity)) {
        this.integrations.push(entity);
      }
    }
    for (const integration of this.integrations) {
      const partnerRef = this.refNormalizer.normalize(
        integration.spec.partner,
        'Partner',
        entityNamespace(integration),
      );
      const partner = partnerRef ? this.partners.get(partnerRef) : undefined;
      this.partnerOf.set(integration, partner);
      if (partner) {
        const list = this.integrationsByPartner.get(partner);
        if (list) list.push(integration);
        else this.integrationsByPartner.set(partner, [integration]);
      }
      for (const identity of integration.spec.identities ?? []) {
        if (identity.secretRef && identityStatus(identity) !== 'revoked') {
          this.secretRefUse.set(
            identity.secretRef,
            (this.secretRefUse.get(identity.secretRef) ?? 0) + 1,
          );
        }
      }
    }
  }

  refOf(entity: Entity): string {
    let ref = this.refs.get(entity);
    if (ref === undefined) {
      ref = entityRefKey({
        kind: entity.kind,
        namespace: entity.metadata.namespace,
        name: entity.metadata.name,
      });
      this.refs.set(entity, ref);
    }
    return ref;
  }
}

function ruleContext(
  estate: Estate,
  options: EvaluatePartnerRulesOptions,
  today: number,
): RuleContext {
  const { config, knownOwners } = options;
  return {
    config,
    daysAgo(date) {
      const day = date === undefined ? undefined : toDayNumber(date);
      return day === undefined ? undefined : today - day;
    },
    ownerProblem(ref, entity) {
      if (!ref || !ref.trim()) {
        return 'is empty';
      }
      const normalized = estate.refNormalizer.normalize(
        ref,
        'Group',
        entityNamespace(entity),
      );
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
    },
    integrationsOf(partner) {
      return estate.integrationsByPartner.get(partner) ?? [];
    },
    accessPackageOf(integration): AccessPackage | undefined {
      const name = integration.spec.accessPackage;
      // Own properties only: a name such as "constructor" is not a package.
      return name && Object.hasOwn(config.accessPackages, name)
        ? config.accessPackages[name]
        : undefined;
    },
    secretRefUses(secretRef) {
      return estate.secretRefUse.get(secretRef) ?? 0;
    },
  };
}

/**
 * Evaluates every rule that works on files alone, as a pure function of the
 * entities, the policy and the day. Partner findings come first, each
 * followed by the contract and offboarding findings of its identities; then
 * those of integrations and their identities, each in input order. Within
 * one visit, rules report in registry order. A partner of the critical tier
 * raises the severity of its findings (and those of its integrations) one
 * level.
 *
 * @public
 */
export function evaluatePartnerRules(
  options: EvaluatePartnerRulesOptions,
): Finding[] {
  const today = toDayNumber(options.now);
  if (today === undefined) {
    throw new TypeError(`Invalid evaluation date: ${String(options.now)}`);
  }
  const estate = new Estate(options.entities);
  const context = ruleContext(estate, options, today);
  const findings: Finding[] = [];
  const report = (
    rule: (typeof FILE_RULES)[number],
    message: string | undefined,
    entity: Entity,
    partner: PartnerEntityV1alpha1 | undefined,
    identity?: string,
  ) => {
    if (message === undefined) {
      return;
    }
    const finding: Finding = {
      ruleId: rule.id as RuleId,
      severity:
        partner?.spec.risk.tier === 'critical'
          ? raise(rule.severity)
          : rule.severity,
      entityRef: estate.refOf(entity),
      message,
      frameworks: rule.frameworks,
    };
    if (identity !== undefined) {
      finding.identity = identity;
    }
    findings.push(finding);
  };

  for (const partner of estate.partners.values()) {
    for (const rule of RULES_FOR.partner) {
      report(rule, rule.evaluate.partner!(partner, context), partner, partner);
    }
    for (const integration of context.integrationsOf(partner)) {
      for (const identity of integration.spec.identities ?? []) {
        for (const rule of RULES_FOR.partnerIdentity) {
          const message = rule.evaluate.partnerIdentity!(
            identity,
            partner,
            context,
          );
          report(rule, message, integration, partner, identity.name);
        }
      }
    }
  }

  for (const integration of estate.integrations) {
    const partner = estate.partnerOf.get(integration);
    for (const rule of RULES_FOR.integration) {
      const message = rule.evaluate.integration!(integration, partner, context);
      report(rule, message, integration, partner);
    }
    for (const identity of integration.spec.identities ?? []) {
      if (identityStatus(identity) === 'revoked') {
        continue;
      }
      for (const rule of RULES_FOR.identity) {
        const message = rule.evaluate.identity!(
          identity,
          integration,
          partner,
          context,
        );
        report(rule, message, integration, partner, identity.name);
      }
    }
  }

  return findings;
}
