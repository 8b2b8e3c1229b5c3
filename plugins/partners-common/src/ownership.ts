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

import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { OwnershipEntry, PartnerIntegrationSummary } from './api/models';
import {
  PARTNER_LIFECYCLE_STAGES,
  type PartnerActiveStageName,
  type PartnerEntityV1alpha1,
} from './kinds/PartnerEntityV1alpha1';
import type { PartnerIntegrationEntityV1alpha1 } from './kinds/PartnerIntegrationEntityV1alpha1';

/**
 * What a partner's ownership register is made of: the partner's owners and
 * its integrations and identities, live or gone.
 *
 * @public
 */
export interface OwnershipFacts {
  /** The partner's entity ref. */
  partnerRef: string;
  /** The business owner. */
  owner: string;
  /** The owner of each stage that names one. */
  stageOwners: Partial<Record<PartnerActiveStageName, string>>;
  /** The partner's integrations. */
  integrations: ReadonlyArray<{
    entityRef: string;
    owner: string;
    /** When it left the catalog; a gone integration answers to no one. */
    goneAt?: string;
  }>;
  /** The identities of those integrations, with their custodians. */
  identities: ReadonlyArray<{
    integrationRef: string;
    name: string;
    custodian?: string;
    goneAt?: string;
  }>;
}

/**
 * The shared ownership register of a partner: who answers for the partner,
 * for each stage, for each integration in the catalog and for each of its
 * live identities that names a custodian, in that order.
 *
 * @public
 */
export function ownershipEntries(facts: OwnershipFacts): OwnershipEntry[] {
  const entries: OwnershipEntry[] = [
    {
      role: 'business-owner',
      owner: facts.owner,
      subjectRef: facts.partnerRef,
    },
  ];
  for (const stage of PARTNER_LIFECYCLE_STAGES) {
    const owner = stage === 'offboarded' ? undefined : facts.stageOwners[stage];
    if (owner) {
      entries.push({
        role: 'stage-owner',
        owner,
        subjectRef: facts.partnerRef,
        stage,
      });
    }
  }
  const live = facts.integrations.filter(integration => !integration.goneAt);
  for (const integration of live) {
    entries.push({
      role: 'integration-owner',
      owner: integration.owner,
      subjectRef: integration.entityRef,
    });
  }
  const liveRefs = new Set(live.map(integration => integration.entityRef));
  for (const identity of facts.identities) {
    if (
      identity.custodian &&
      !identity.goneAt &&
      liveRefs.has(identity.integrationRef)
    ) {
      entries.push({
        role: 'identity-custodian',
        owner: identity.custodian,
        subjectRef: identity.integrationRef,
        identity: identity.name,
      });
    }
  }
  return entries;
}
/**
 * One person or team in a partner's ownership register, and everything of
 * the partner they are accountable for.
 *
 * @public
 */
export interface OwnerRegisterRow {
  /** The owner's entity ref, as stringifyEntityRef prints it. */
  owner: string;
  roles: string[];
}

function ownerKey(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' }));
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
}

/**
 * The shared ownership register of a partner: its business owner, stage
 * owners, integration owners and identity custodians, one row per owner,
 * sorted by owner, so that it is clear who to call and whose leaving orphans
 * what.
 *
 * @public
 */
export function ownershipRegister(options: {
  partner: PartnerEntityV1alpha1;
  /** The partner's integrations, as `GET /partners/{ref}` lists them. */
  integrations: ReadonlyArray<
    Pick<PartnerIntegrationSummary, 'entityRef' | 'title' | 'owner'>
  >;
  /** The integration entities, for the custodians of their identities. */
  integrationEntities: readonly PartnerIntegrationEntityV1alpha1[];
}): OwnerRegisterRow[] {
  const { partner } = options;
  const titles = new Map(
    options.integrations.map(i => [i.entityRef, i.title ?? i.entityRef]),
  );
  const entries = ownershipEntries({
    partnerRef: stringifyEntityRef(partner),
    owner: partner.spec.owner,
    stageOwners: partner.spec.lifecycle.stageOwners ?? {},
    integrations: options.integrations,
    identities: options.integrationEntities.flatMap(integration =>
      (integration.spec.identities ?? []).map(identity => ({
        integrationRef: stringifyEntityRef(integration),
        name: identity.name,
        custodian: identity.custodian,
      })),
    ),
  });
  const rows = new Map<string, string[]>();
  for (const entry of entries) {
    if (!entry.owner?.trim()) continue;
    const key = ownerKey(entry.owner);
    rows.set(key, [...(rows.get(key) ?? []), roleLabel(entry, titles)]);
  }
  return Array.from(rows, ([owner, roles]) => ({ owner, roles })).sort((a, b) =>
    a.owner.localeCompare(b.owner),
  );
}

function roleLabel(
  entry: OwnershipEntry,
  titles: ReadonlyMap<string, string>,
): string {
  switch (entry.role) {
    case 'business-owner':
      return 'Business owner';
    case 'stage-owner': {
      const stage = entry.stage ?? '';
      return `${stage.slice(0, 1).toUpperCase()}${stage.slice(1)} stage owner`;
    }
    case 'integration-owner':
      return `Owner of integration ${
        titles.get(entry.subjectRef) ?? entry.subjectRef
      }`;
    default:
      return `Custodian of ${entry.identity} (${
        parseEntityRef(entry.subjectRef).name
      })`;
  }
}
