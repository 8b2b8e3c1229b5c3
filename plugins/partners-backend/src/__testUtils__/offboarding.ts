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
import { identity } from './reviews';

/** "Now" of the offboarding tests. */
export const NOW = new Date('2026-11-01T12:00:00.000Z');

export const LEAVING = 'partner:default/leaving';
export const ENDED = 'partner:default/ended';
export const TERMINATED = 'partner:default/terminated';
export const STAYS = 'partner:default/stays';
const ENDS_TODAY = 'partner:default/ends-today';
const GONE_LEAVING = 'partner:default/gone-leaving';

export const LEAVING_API = 'partnerintegration:default/leaving-api';
export const LEAVING_FEED = 'partnerintegration:default/leaving-feed';
const LEAVING_GONE = 'partnerintegration:default/leaving-gone';
export const ENDED_API = 'partnerintegration:default/ended-api';
export const STAYS_API = 'partnerintegration:default/stays-api';
export const TERMINATED_API = 'partnerintegration:default/terminated-api';
const ENDS_TODAY_API = 'partnerintegration:default/ends-today-api';
const GONE_LEAVING_API = 'partnerintegration:default/gone-leaving-api';

/** A secret location two partners' identities share. */
const SHARED_SECRET_REF = 'vault:kv/partners/shared';

const SYNCED = '2026-10-01T00:00:00.000Z';

/** A partner row of the index, live, in measurement. */
export const partner = (ref: string, extra = {}) => ({
  entity_ref: ref,
  title: null,
  type: 'integrator',
  stage: 'measurement',
  tier: 'high',
  owner_ref: 'group:default/partner-ops',
  contract_end: null,
  contract_status: null,
  entity: '{}',
  hash: 'h',
  synced_at: SYNCED,
  gone_at: null,
  ...extra,
});

/** An integration row of the index, live. */
export const integration = (ref: string, partnerRef: string, extra = {}) => ({
  entity_ref: ref,
  partner_ref: partnerRef,
  title: null,
  type: 'api',
  owner_ref: 'group:default/team-a',
  environment: 'production',
  access_package: null,
  entity: '{}',
  hash: 'h',
  synced_at: SYNCED,
  gone_at: null,
  ...extra,
});

/**
 * Partners that leave and partners that stay:
 * - leaving (stage offboarding): leaving-api with key-a (active, own
 *   secret), key-b (active, sharedWith a team), key-c (revoked), key-d
 *   (gone) and key-e (suspended, secret shared with ended-key); leaving-feed
 *   with no identities; leaving-gone, gone.
 * - ended (contract end 2026-09-30, past): ended-api with ended-key.
 * - terminated (contract status terminated): no integrations.
 * - stays (contract ends 2027-01-01), ends-today (contract ends on NOW's
 *   day: not past yet) and gone-leaving (offboarding, but gone from the
 *   catalog): never get a checklist.
 */
export async function seedOffboardingEstate(knex: Knex): Promise<void> {
  await knex('partners').insert([
    partner(LEAVING, { stage: 'offboarding' }),
    partner(ENDED, { contract_end: '2026-09-30', contract_status: 'active' }),
    partner(TERMINATED, { contract_status: 'terminated' }),
    partner(STAYS, { contract_end: '2027-01-01', contract_status: 'active' }),
    partner(ENDS_TODAY, { contract_end: '2026-11-01' }),
    partner(GONE_LEAVING, { stage: 'offboarding', gone_at: SYNCED }),
  ]);
  await knex('integrations').insert([
    integration(LEAVING_API, LEAVING),
    integration(LEAVING_FEED, LEAVING, { type: 'data-feed' }),
    integration(LEAVING_GONE, LEAVING, { gone_at: SYNCED }),
    integration(ENDED_API, ENDED),
    integration(STAYS_API, STAYS),
    integration(ENDS_TODAY_API, ENDS_TODAY),
    integration(GONE_LEAVING_API, GONE_LEAVING),
  ]);
  await knex('identities').insert([
    identity(LEAVING_API, 'key-a', { secret_ref: 'vault:kv/partners/a' }),
    identity(LEAVING_API, 'key-b', {
      type: 'oauth-client',
      shared_with: '["group:default/team-x"]',
    }),
    identity(LEAVING_API, 'key-c', { status: 'revoked' }),
    identity(LEAVING_API, 'key-d', { gone_at: SYNCED }),
    identity(LEAVING_API, 'key-e', {
      status: 'suspended',
      secret_ref: SHARED_SECRET_REF,
    }),
    identity(LEAVING_GONE, 'gone-key'),
    identity(ENDED_API, 'ended-key', { secret_ref: SHARED_SECRET_REF }),
    identity(STAYS_API, 'stays-key'),
    identity(ENDS_TODAY_API, 'today-key'),
    identity(GONE_LEAVING_API, 'gone-leaving-key'),
  ]);
}

/** A credential shape the secret guard must refuse in evidence. */
export const GITHUB_TOKEN = `ghp_${'a1B2'.repeat(9)}`;

/**
 * Changes what identities of leaving-api declare, by name: where a source
 * observes them (`observed_as`) and any other column.
 */
export async function declareLeavingApi(
  knex: Knex,
  byName: Record<string, Record<string, unknown>>,
): Promise<void> {
  for (const [name, columns] of Object.entries(byName)) {
    await knex('identities')
      .where({ integration_ref: LEAVING_API, name })
      .update(columns);
  }
}
