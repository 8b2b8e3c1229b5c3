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
import type { PartnerEntityV1alpha1 } from '../kinds/PartnerEntityV1alpha1';
import type {
  PartnerIdentity,
  PartnerIntegrationEntityV1alpha1,
} from '../kinds/PartnerIntegrationEntityV1alpha1';
import type { AccessPackage, PartnersConfig } from '../policy';

/** Finding severities, lowest first. @public */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** How bad a finding is. @public */
export type Severity = (typeof SEVERITIES)[number];

/** Compares severities: negative when a is lower than b. @public */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b);
}

/** Tells whether a string is a known severity. @public */
export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/**
 * What a rule checks, how bad it is by default and what it maps to.
 *
 * @public
 */
export interface RuleDefinition<TId extends string = string> {
  id: TId;
  title: string;
  /** When the rule fires. */
  description: string;
  /** The base severity; a critical-tier partner raises it one level. */
  severity: Severity;
  /** OWASP NHI Top 10, NIST CSF 2.0, CIS v8, ISO 27001 and AI RMF ids. */
  frameworks: string[];
  /** What a finding is about. */
  scope: 'partner' | 'integration' | 'identity';
  /** Files-only rules run everywhere; backend rules need workflow state. */
  source: 'files' | 'backend';
}

/**
 * What a file rule may ask while it is evaluated: the policy, the day and
 * facts about the whole estate that one entity alone does not tell.
 *
 * @public
 */
export interface RuleContext {
  config: PartnersConfig;
  /** Whole days from a date to the evaluation day; undefined without one. */
  daysAgo(date: string | undefined): number | undefined;
  /**
   * What is wrong with an owner or custodian ref (empty, unparseable, not a
   * Group or User, unknown to the catalog when the catalog is known), or
   * undefined when nothing is.
   */
  ownerProblem(ref: string | undefined, entity: Entity): string | undefined;
  /** The partner's integrations, in input order. */
  integrationsOf(
    partner: PartnerEntityV1alpha1,
  ): PartnerIntegrationEntityV1alpha1[];
  /** The access package an integration names, when the policy defines it. */
  accessPackageOf(
    integration: PartnerIntegrationEntityV1alpha1,
  ): AccessPackage | undefined;
  /** How many identities that are not revoked hold a secretRef. */
  secretRefUses(secretRef: string): number;
}

/**
 * The visits of a file rule. The engine visits every partner (its `partner`
 * hook, then `partnerIdentity` for each identity of its integrations), then
 * every integration (`integration`, then `identity` for each identity that is
 * not revoked). A hook returns the finding's message, or undefined when the
 * rule does not fire.
 *
 * @public
 */
export interface RuleEvaluation {
  partner?(
    partner: PartnerEntityV1alpha1,
    context: RuleContext,
  ): string | undefined;
  partnerIdentity?(
    identity: PartnerIdentity,
    partner: PartnerEntityV1alpha1,
    context: RuleContext,
  ): string | undefined;
  integration?(
    integration: PartnerIntegrationEntityV1alpha1,
    partner: PartnerEntityV1alpha1 | undefined,
    context: RuleContext,
  ): string | undefined;
  identity?(
    identity: PartnerIdentity,
    integration: PartnerIntegrationEntityV1alpha1,
    partner: PartnerEntityV1alpha1 | undefined,
    context: RuleContext,
  ): string | undefined;
}

/**
 * A rule module: its definition, and for rules over files, its evaluation.
 * Backend rules (`source: 'backend'`) are evaluated by the governance backend
 * over workflow state and carry no file evaluation.
 *
 * @public
 */
export type PartnerRule<TId extends string = string> =
  | (RuleDefinition<TId> & { source: 'files'; evaluate: RuleEvaluation })
  | (RuleDefinition<TId> & { source: 'backend'; evaluate?: undefined });

/**
 * Declares a rule module, keeping its id as a literal type.
 *
 * @public
 */
export function defineRule<const TId extends string>(
  rule: PartnerRule<TId>,
): PartnerRule<TId> {
  return rule;
}
