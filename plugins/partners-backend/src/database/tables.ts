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

import type {
  IdentityStatus,
  IdentityType,
  PartnerEnvironment,
  PartnerIntegrationType,
  PartnerLifecycleStageName,
  PartnerEntityV1alpha1,
  PartnerType,
  RiskTier,
  Severity,
} from '@partner-governance/plugin-partners-common';

/*
 * The rows of the identity index and findings tables as knex returns them
 * (see migrations/). Dates are ISO-8601 strings; JSON columns are text, read
 * with the helpers of ./json; bigint ids arrive as strings on PostgreSQL.
 */

/** A row of `partners`: one per Partner entity the index has seen. */
export interface PartnersRow {
  entity_ref: string;
  title: string | null;
  type: string;
  stage: string;
  tier: string;
  owner_ref: string;
  contract_end: string | null;
  contract_status: string | null;
  /** The entity as the catalog returned it, JSON. */
  entity: string;
  hash: string;
  synced_at: string;
  /** When it left the catalog; null while it is in it. */
  gone_at: string | null;
}

/** A row of `integrations`: one per PartnerIntegration entity. */
export interface IntegrationsRow {
  entity_ref: string;
  partner_ref: string;
  title: string | null;
  type: string;
  owner_ref: string;
  environment: string | null;
  access_package: string | null;
  /** The entity as the catalog returned it, JSON. */
  entity: string;
  hash: string;
  synced_at: string;
  gone_at: string | null;
}

/** A row of `identities`: one per identity an integration declares. */
export interface IdentitiesRow {
  id: number | string;
  integration_ref: string;
  name: string;
  type: string;
  status: string;
  custodian_ref: string | null;
  /** JSON array. */
  scopes: string;
  /** 0/1 on SQLite. */
  privileged: boolean | number;
  environment: string | null;
  /** Where the secret lives, never the secret. */
  secret_ref: string | null;
  /** `<sourceId>:<externalId>` in an identity source. */
  observed_as: string | null;
  issued: string | null;
  last_rotated: string | null;
  rotation_days: number | null;
  expires: string | null;
  last_used: string | null;
  /** JSON array of entity refs. */
  shared_with: string;
  gone_at: string | null;
}

/** A row of `findings`. */
export interface FindingsRow {
  id: number | string;
  rule_id: string;
  entity_ref: string;
  /** The identity of an identity-level finding, else empty. */
  identity: string;
  partner_ref: string | null;
  severity: Severity;
  message: string;
  /** JSON array of control ids. */
  frameworks: string;
  first_seen_at: string;
  last_seen_at: string;
  resolved_at: string | null;
}

/*
 * The index writes the columns below from entities the catalog validated
 * against their kinds: a read may take the values as the kinds type them.
 */

/** A contract status the Partner kind allows. */
type ContractStatus = NonNullable<
  NonNullable<PartnerEntityV1alpha1['spec']['contract']>['status']
>;

/** A `partners` row, typed as the Partner kind types its values. */
export interface IndexedPartnersRow extends PartnersRow {
  type: PartnerType;
  stage: PartnerLifecycleStageName;
  tier: RiskTier;
  contract_status: ContractStatus | null;
}

/** An `integrations` row, typed as the PartnerIntegration kind types it. */
export interface IndexedIntegrationsRow extends IntegrationsRow {
  type: PartnerIntegrationType;
  environment: PartnerEnvironment | null;
}

/** An `identities` row, typed as the PartnerIntegration kind types it. */
export interface IndexedIdentitiesRow extends IdentitiesRow {
  type: IdentityType;
  status: IdentityStatus;
  environment: PartnerEnvironment | null;
}

/**
 * A grouped count's row: the grouped columns of `T` (counts group rows
 * where they are set) and the count `n`, a bigint string on PostgreSQL.
 */
export type CountRow<T, K extends keyof T> = {
  [C in K]: NonNullable<T[C]>;
} & { n: number | string };
