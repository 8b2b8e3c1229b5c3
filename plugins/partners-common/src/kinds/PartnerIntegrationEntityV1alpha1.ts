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
import schema from './PartnerIntegration.v1alpha1.schema.json';
import { PARTNERS_API_VERSION, type IsoDate } from './PartnerEntityV1alpha1';
import { createPartnersKindValidator } from './validation';

/** The ways a partner integration reaches our systems. @public */
export const PARTNER_INTEGRATION_TYPES = [
  'api',
  'sandbox',
  'data-feed',
  'support-tooling',
  'delegated-admin',
  'sso',
  'managed-service',
] as const;

/** A kind of partner integration. @public */
export type PartnerIntegrationType = (typeof PARTNER_INTEGRATION_TYPES)[number];

/** The kinds of non-human identity. @public */
export const IDENTITY_TYPES = [
  'api-key',
  'oauth-client',
  'service-account',
  'token',
  'certificate',
  'ssh-key',
  'delegated-admin',
  'webhook-secret',
] as const;

/** A kind of non-human identity. @public */
export type IdentityType = (typeof IDENTITY_TYPES)[number];

/** A deployment environment. @public */
export type PartnerEnvironment = 'production' | 'staging' | 'sandbox';

/** The status of a non-human identity. @public */
export type IdentityStatus = 'active' | 'suspended' | 'revoked';

/**
 * A non-human identity granted to a partner for one integration. It names
 * where its secret lives (`secretRef`), never the secret.
 *
 * @public
 */
export type PartnerIdentity = {
  name: string;
  type: IdentityType;
  custodian?: string;
  scopes?: string[];
  privileged?: boolean;
  environment?: PartnerEnvironment;
  secretRef?: string;
  /**
   * What the identity is in an identity source: `<sourceId>:<externalId>`,
   * e.g. `partner-db:partner_lumen_reader`.
   */
  observedAs?: string;
  issued?: IsoDate;
  lastRotated?: IsoDate;
  rotationDays?: number;
  expires?: IsoDate;
  lastUsed?: IsoDate;
  sharedWith?: string[];
  status?: IdentityStatus;
};

/**
 * One way a partner reaches our systems, with the identities granted for it.
 *
 * @public
 */
export interface PartnerIntegrationEntityV1alpha1 extends Entity {
  apiVersion: typeof PARTNERS_API_VERSION;
  kind: 'PartnerIntegration';
  spec: {
    partner: string;
    type: PartnerIntegrationType;
    owner: string;
    environment?: PartnerEnvironment;
    accessPackage?: string;
    accesses?: string[];
    identities?: PartnerIdentity[];
  };
}

/**
 * Validates PartnerIntegration entities against the JSON schema, with the
 * checks the schema cannot express (unique identity names, calendar dates).
 *
 * @public
 */
export const partnerIntegrationEntityV1alpha1Validator =
  createPartnersKindValidator(schema, entity => {
    const identities = (entity as unknown as PartnerIntegrationEntityV1alpha1)
      .spec.identities;
    const seen = new Set<string>();
    identities?.forEach((identity, index) => {
      if (seen.has(identity.name)) {
        throw new TypeError(
          `/spec/identities/${index}/name must be unique within the integration - duplicate: ${identity.name}`,
        );
      }
      seen.add(identity.name);
    });
  });

/**
 * Tells whether an entity is a PartnerIntegration of this apiVersion.
 *
 * @public
 */
export function isPartnerIntegrationEntityV1alpha1(
  entity: Entity,
): entity is PartnerIntegrationEntityV1alpha1 {
  return (
    entity.apiVersion === PARTNERS_API_VERSION &&
    entity.kind === 'PartnerIntegration'
  );
}

/** The status of an identity, applying the default. @public */
export function identityStatus(
  identity: Pick<PartnerIdentity, 'status'>,
): IdentityStatus {
  return identity.status ?? 'active';
}
