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

import type { PartnerEntityV1alpha1 } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { jsonOf } from '../database/json';
import { stageOwnersOf } from '../services/read/stageOwners';
import type { IntegrationResource } from './resource';

/** Refs per query: well under the bound-parameter limits of every database. */
const BATCH_SIZE = 500;

interface IntegrationRow {
  entity_ref: string;
  owner_ref: string;
  partner_ref: string;
}

/** What an integration's stakeholders are read from, batched. */
async function stakeholdersOf(
  knex: Knex,
  rows: IntegrationRow[],
): Promise<Map<string, Set<string>>> {
  const refs = rows.map(row => row.entity_ref);
  const partnerRefs = [...new Set(rows.map(row => row.partner_ref))];
  const [custodians, partners] = await Promise.all([
    knex('identities')
      .select('integration_ref', 'custodian_ref')
      .whereIn('integration_ref', refs)
      .whereNotNull('custodian_ref') as Promise<
      Array<{ integration_ref: string; custodian_ref: string }>
    >,
    knex('partners')
      .select('entity_ref', 'owner_ref', 'entity')
      .whereIn('entity_ref', partnerRefs) as Promise<
      Array<{ entity_ref: string; owner_ref: string; entity: string | null }>
    >,
  ]);
  const ofPartner = new Map(
    partners.map(partner => [
      partner.entity_ref,
      [
        partner.owner_ref,
        ...Object.values(
          stageOwnersOf(
            jsonOf<Partial<PartnerEntityV1alpha1>>(partner.entity) ?? {},
          ),
        ),
      ],
    ]),
  );
  const stakeholders = new Map(
    rows.map(row => [
      row.entity_ref,
      new Set([row.owner_ref, ...(ofPartner.get(row.partner_ref) ?? [])]),
    ]),
  );
  for (const { integration_ref, custodian_ref } of custodians) {
    stakeholders.get(integration_ref)?.add(custodian_ref);
  }
  return stakeholders;
}

/**
 * Creates the `getResources` of the partner integration resource type: loads
 * integrations by entity ref from the identity index, with their
 * stakeholders (owner, custodians, partner owner and stage owners), in
 * batches, matching
 * refs case-insensitively (the index stores them in lower case). Unknown refs
 * resolve to `undefined`, which the permission framework treats as DENY.
 * Integrations that left the catalog (`gone_at` set) still load: their
 * ownership still answers who may act on their history.
 *
 * @param getClient - the plugin's database client, resolved lazily
 */
export function createIntegrationResourceLoader(
  getClient: () => Promise<Knex>,
): (resourceRefs: string[]) => Promise<Array<IntegrationResource | undefined>> {
  return async resourceRefs => {
    const lower = resourceRefs.map(ref => ref.toLocaleLowerCase('en-US'));
    const unique = [...new Set(lower)];
    const found = new Map<string, IntegrationResource>();
    if (unique.length > 0) {
      const knex = await getClient();
      for (let i = 0; i < unique.length; i += BATCH_SIZE) {
        const rows: IntegrationRow[] = await knex('integrations')
          .select('entity_ref', 'owner_ref', 'partner_ref')
          .whereIn('entity_ref', unique.slice(i, i + BATCH_SIZE));
        const stakeholders = await stakeholdersOf(knex, rows);
        for (const row of rows) {
          found.set(row.entity_ref.toLocaleLowerCase('en-US'), {
            entityRef: row.entity_ref,
            ownerRef: row.owner_ref,
            partnerRef: row.partner_ref,
            stakeholderRefs: [...stakeholders.get(row.entity_ref)!].map(ref =>
              ref.toLocaleLowerCase('en-US'),
            ),
          });
        }
      }
    }
    return lower.map(ref => found.get(ref));
  };
}
