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
import schema from './Partner.v1alpha1.schema.json';
import { createPartnersKindValidator } from './validation';

/** The apiVersion of both partner governance kinds. @public */
export const PARTNERS_API_VERSION = 'partners.governance.dev/v1alpha1';

/** The six kinds of partnership. @public */
export const PARTNER_TYPES = [
  'referral',
  'reseller',
  'integrator',
  'co-support',
  'managed-service',
  'strategic-alliance',
] as const;

/** A kind of partnership. @public */
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** Risk tiers, lowest first. @public */
export const RISK_TIERS = ['low', 'medium', 'high', 'critical'] as const;

/** A third-party risk tier. @public */
export type RiskTier = (typeof RISK_TIERS)[number];

/** An ISO-8601 date or timestamp, kept as the string the file holds. @public */
export type IsoDate = string;

/** One incident of a partnership. @public */
export type PartnerIncident = {
  date: IsoDate;
  severity: RiskTier;
  summary: string;
  reference?: string;
};

/**
 * A partner: an external organisation given access to our systems, governed
 * through a lifecycle.
 *
 * @public
 */
export interface PartnerEntityV1alpha1 extends Entity {
  apiVersion: typeof PARTNERS_API_VERSION;
  kind: 'Partner';
  spec: {
    type: PartnerType;
    owner: string;
    lifecycle: {
      stage: PartnerLifecycleStageName;
      stageOwners?: Partial<Record<PartnerActiveStageName, string>>;
    };
    risk: {
      tier: RiskTier;
      criticality?: 'low' | 'medium' | 'high';
      dataAccess?: string[];
      dueDiligence?: { completed?: IsoDate; reference?: string };
      ai?: { supplies: boolean; contingencyPlan?: string };
    };
    contract?: {
      start?: IsoDate;
      end?: IsoDate;
      status?: 'active' | 'notice' | 'terminated' | 'expired';
    };
    lastActivity?: IsoDate;
    supportChannels?: string[];
    incidents?: PartnerIncident[];
  };
}

/** The lifecycle stages, in order. @public */
export const PARTNER_LIFECYCLE_STAGES = [
  'onboarding',
  'enablement',
  'measurement',
  'offboarding',
  'offboarded',
] as const;

/** A lifecycle stage. @public */
export type PartnerLifecycleStageName =
  (typeof PARTNER_LIFECYCLE_STAGES)[number];

/** A stage that has an owner (every stage but `offboarded`). @public */
export type PartnerActiveStageName = Exclude<
  PartnerLifecycleStageName,
  'offboarded'
>;

/**
 * Validates Partner entities against the JSON schema, with calendar-date
 * checks the schema cannot express.
 *
 * @public
 */
export const partnerEntityV1alpha1Validator =
  createPartnersKindValidator(schema);

/**
 * Tells whether an entity is a Partner of this apiVersion.
 *
 * @public
 */
export function isPartnerEntityV1alpha1(
  entity: Entity,
): entity is PartnerEntityV1alpha1 {
  return (
    entity.apiVersion === PARTNERS_API_VERSION && entity.kind === 'Partner'
  );
}
