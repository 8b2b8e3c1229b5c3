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

import type { Knex } from 'knex';
import { stakeholdersOf } from '../database/stakeholders';
import type { IntegrationResource } from './resource';

/** Refs per query: well under the bound-parameter limits of every database. */
const BATCH_SIZE = 500;

/**
 * Creates the `getResources` of the partner integration resource type: loads
 * integrations, or partners as the whole of their integrations, by entity
 * ref from the identity index with their stakeholders, in batches, matching
 * refs case-insensitively (the index stores them in lower case). An
 * integration's stakeholders are its owner, the custodians of its
 * identities, and its partner's owner and stage owners; a partner's are its
 * owner and stage owners and the stakeholders of each of its integrations.
 * Unknown refs resolve to `undefined`, which the permission framework treats
 * as DENY. Entities that left the catalog (`gone_at` set) still load: their
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
        const batch = unique.slice(i, i + BATCH_SIZE);
        const rows: Array<{
          entity_ref: string;
          partner_ref: string;
          stakeholder_ref: string;
        }> = await knex('stakeholders')
          .select('entity_ref', 'partner_ref', 'stakeholder_ref')
          .whereIn('entity_ref', batch)
          .where('role', 'owner');
        const stakeholders = await stakeholdersOf(knex, batch);
        for (const row of rows) {
          found.set(row.entity_ref, {
            entityRef: row.entity_ref,
            ownerRef: row.stakeholder_ref,
            partnerRef: row.partner_ref,
            stakeholderRefs: [
              ...(stakeholders.get(row.entity_ref) ?? []),
            ].sort(),
          });
        }
      }
    }
    return lower.map(ref => found.get(ref));
  };
}
