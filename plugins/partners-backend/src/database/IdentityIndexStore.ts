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
import type {
  PartnerEntityV1alpha1,
  PartnerIntegrationEntityV1alpha1,
  RiskTier,
} from '@partner-governance/plugin-partners-common';
import type { AuditEventInput } from './AuditStore';

/** A partner or integration as the index last stored it. */
export interface IndexedEntityState {
  hash: string;
  gone: boolean;
}

/**
 * Where a partner's change came from, as far as the catalog tells: who the
 * file names as the requester (`partners.governance.dev/changed-by`, a claim
 * of the file) and the location the catalog read it from.
 */
export interface StageProvenance {
  /** An entity ref, lower case. */
  changedBy?: string;
  sourceLocation?: string;
}

/** What one sync changes in the index. */
export interface IndexChanges {
  /** Partners that are new, changed, or back after being gone. */
  partners: Array<{
    entity: PartnerEntityV1alpha1;
    ref: string;
    ownerRef: string;
    hash: string;
    /** What the Partner file says of its latest change, for the stage history. */
    provenance?: StageProvenance;
  }>;
  /** Integrations that are new, changed, or back after being gone. */
  integrations: Array<{
    entity: PartnerIntegrationEntityV1alpha1;
    ref: string;
    partnerRef: string;
    ownerRef: string;
    accesses: string[];
    /** Custodian ref per identity name, defaulting to the owner. */
    custodians: Map<string, string>;
    hash: string;
  }>;
  /** Refs of entities that left the catalog. */
  gonePartners: string[];
  goneIntegrations: string[];
  /** When the sync ran, ISO-8601. */
  now: string;
  /** The run's actor, as the stage history records it; `plugin:partners` unless said. */
  actor?: string;
  /**
   * The run's audit event, given the rows written: appended in the same
   * transaction as the changes, so that a failed write records no event.
   */
  auditEvent?: (rowsWritten: number) => AuditEventInput;
}

/** A stored identity of an integration, as the index holds it. */
export interface IndexedIdentity {
  name: string;
  type: string;
  status: string;
  scopes: string[];
  privileged: boolean;
  issued?: string;
  lastRotated?: string;
  lastUsed?: string;
}

/**
 * An integration access reviews cover: live, of a live partner that is not
 * offboarded.
 */
export interface ReviewableIntegration {
  integrationRef: string;
  partnerRef: string;
  ownerRef: string;
  /** Its partner's risk tier. */
  tier: RiskTier;
  /** The earliest `issued` day of its live identities, if one has one. */
  firstIssued?: string;
}

/** A live partner as the offboarding job reads it. */
export interface OffboardingCandidate {
  partnerRef: string;
  stage: string;
  contractEnd?: string;
  contractStatus?: string;
}

/** What a partner can still reach: its live integrations and identities. */
export interface PartnerAccessFacts {
  /** Its live integrations, by ref. */
  integrations: string[];
  /** Their live identities, by integration and name. */
  identities: Array<{
    integrationRef: string;
    name: string;
    type: string;
    status: string;
    /** Entity refs the identity is shared with. */
    sharedWith: string[];
    /** How many live identities, this one included, hold its secret location; 0 without one. */
    secretHolders: number;
    /** Where its secret lives; only to tell one shared secret from another. */
    secretRef?: string;
  }>;
}

/** A partner or integration in the catalog, with the partner it belongs to. */
export interface LiveEntity {
  entityRef: string;
  kind: 'partner' | 'partnerintegration';
  partnerRef: string;
}

/** Who owns a live partner or integration, and what it is called. */
export interface IndexedOwner {
  ownerRef: string;
  title?: string;
  /** A partner's lifecycle stage. */
  stage?: string;
  /** An integration's partner. */
  partnerRef?: string;
}

/** Storage of the identity index. */
export interface IdentityIndexStore {
  /** The stored hash and gone state of every partner and integration. */
  getStates(): Promise<{
    partners: Map<string, IndexedEntityState>;
    integrations: Map<string, IndexedEntityState>;
  }>;
  /**
   * Applies one sync, with its audit event if it has one, in a single
   * transaction; returns the index rows written.
   */
  apply(changes: IndexChanges): Promise<number>;
  /** The partners and integrations currently in the catalog, for the rules. */
  listLiveEntities(): Promise<Entity[]>;
  /** The integrations access reviews cover, by ref. */
  listReviewable(): Promise<ReviewableIntegration[]>;
  /** The live identities of an integration, by name. */
  listIdentities(integrationRef: string): Promise<IndexedIdentity[]>;
  /** Partners in the catalog (not gone), by entity ref. */
  listLivePartners(): Promise<OffboardingCandidate[]>;
  /** Whether the index knows the partner, in the catalog or gone. */
  hasPartner(partnerRef: string): Promise<boolean>;
  /** The live integrations and identities of a partner. */
  partnerAccess(partnerRef: string): Promise<PartnerAccessFacts>;
  /** A live partner or integration, with the partner it belongs to. */
  findLiveEntity(entityRef: string): Promise<LiveEntity | undefined>;
  /** Whether an integration has a live identity of that name. */
  hasIdentity(integrationRef: string, name: string): Promise<boolean>;
  /** The owners of those of the refs that are live partners or integrations. */
  ownersOf(entityRefs: string[]): Promise<Map<string, IndexedOwner>>;
}
