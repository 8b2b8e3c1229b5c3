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
  PARTNER_LIFECYCLE_STAGES,
  PARTNER_TYPES,
  RISK_TIERS,
  type PartnerLifecycleStageName,
  type PartnerType,
  type RiskTier,
} from './kinds/PartnerEntityV1alpha1';
import {
  PARTNER_INTEGRATION_TYPES,
  type PartnerEnvironment,
  type PartnerIntegrationType,
} from './kinds/PartnerIntegrationEntityV1alpha1';

/**
 * What the portal's search holds for a Partner or PartnerIntegration: the
 * catalog collator's document (type `software-catalog`) as the partners
 * search module shapes it. It carries what every signed-in user may see
 * (section "Who sees what" of the README): never an identity, a secret
 * location or a finding.
 *
 * @public
 */
export interface PartnerSearchDocument {
  /** The entity's title, else its name. */
  title: string;
  /** Its description and the names it is found by. */
  text: string;
  /** The path of its entity page. */
  location: string;
  /** The entity's kind. */
  kind: 'Partner' | 'PartnerIntegration';
  /** The entity's namespace. */
  namespace: string;
  /** `spec.type`, as in every catalog document. */
  type: string;
  /** `spec.owner`. */
  owner: string;
  /** The partner's entity ref: the partner itself, or the integration's. */
  partner?: string;
  /** The partner's title, on an integration whose partner is in the catalog. */
  partnerTitle?: string;
  /** The partner's lifecycle stage (for an integration, its partner's). */
  stage?: PartnerLifecycleStageName;
  /** The partner's risk tier (for an integration, its partner's). */
  tier?: RiskTier;
  /** A partner's type. */
  partnerType?: PartnerType;
  /** An integration's type. */
  integrationType?: PartnerIntegrationType;
  /** An integration's environment. */
  environment?: PartnerEnvironment;
}

/**
 * Tells whether a search document is a Partner's or a PartnerIntegration's.
 *
 * @public
 */
export function isPartnerSearchDocument(
  document: object,
): document is PartnerSearchDocument {
  const { kind } = document as { kind?: unknown };
  return kind === 'Partner' || kind === 'PartnerIntegration';
}

const ENVIRONMENTS: readonly PartnerEnvironment[] = [
  'production',
  'staging',
  'sandbox',
];

function oneOf<T extends string>(
  values: readonly T[],
  value: unknown,
): T | undefined {
  return values.includes(value as T) ? (value as T) : undefined;
}

/**
 * The partner fields of a search document, each kept only when it holds a
 * value the kinds allow: documents come from an index that an older version
 * (or another module) may have written.
 *
 * @public
 */
export function partnerSearchDocumentFields(
  document: object,
): Pick<
  PartnerSearchDocument,
  'stage' | 'tier' | 'partnerType' | 'integrationType' | 'environment'
> {
  const fields = document as Record<string, unknown>;
  return {
    stage: oneOf(PARTNER_LIFECYCLE_STAGES, fields.stage),
    tier: oneOf(RISK_TIERS, fields.tier),
    partnerType: oneOf(PARTNER_TYPES, fields.partnerType),
    integrationType: oneOf(PARTNER_INTEGRATION_TYPES, fields.integrationType),
    environment: oneOf(ENVIRONMENTS, fields.environment),
  };
}
