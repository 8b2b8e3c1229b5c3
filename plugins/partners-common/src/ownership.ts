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
import type { PartnerIntegrationSummary } from './api/models';
import {
  PARTNER_LIFECYCLE_STAGES,
  type PartnerEntityV1alpha1,
} from './kinds/PartnerEntityV1alpha1';
import type { PartnerIntegrationEntityV1alpha1 } from './kinds/PartnerIntegrationEntityV1alpha1';

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
  const rows = new Map<string, string[]>();
  const add = (ref: string | undefined, role: string) => {
    if (!ref?.trim()) return;
    const key = ownerKey(ref);
    const roles = rows.get(key) ?? [];
    roles.push(role);
    rows.set(key, roles);
  };
  add(partner.spec.owner, 'Business owner');
  const stageOwners = partner.spec.lifecycle.stageOwners ?? {};
  for (const stage of PARTNER_LIFECYCLE_STAGES) {
    if (stage !== 'offboarded') {
      const label = `${stage[0].toUpperCase()}${stage.slice(1)}`;
      add(stageOwners[stage], `${label} stage owner`);
    }
  }
  for (const integration of options.integrations) {
    add(
      integration.owner,
      `Owner of integration ${integration.title ?? integration.entityRef}`,
    );
  }
  for (const integration of options.integrationEntities) {
    for (const identity of integration.spec.identities ?? []) {
      if (identity.custodian) {
        add(
          identity.custodian,
          `Custodian of ${identity.name} (${integration.metadata.name})`,
        );
      }
    }
  }
  return Array.from(rows, ([owner, roles]) => ({ owner, roles })).sort((a, b) =>
    a.owner.localeCompare(b.owner),
  );
}
