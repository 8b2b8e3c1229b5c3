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
import type { IntegrationResource } from './resource';

/** Refs per query: well under the bound-parameter limits of every database. */
const BATCH_SIZE = 500;

interface IntegrationRow {
  entity_ref: string;
  owner_ref: string;
  partner_ref: string;
}

/**
 * Creates the `getResources` of the partner integration resource type: loads
 * integrations by entity ref from the identity index, in batches, matching
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
        for (const row of rows) {
          found.set(row.entity_ref.toLocaleLowerCase('en-US'), {
            entityRef: row.entity_ref,
            ownerRef: row.owner_ref,
            partnerRef: row.partner_ref,
          });
        }
      }
    }
    return lower.map(ref => found.get(ref));
  };
}
