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

/** When the review job first sees the estate. */
export const T0 = '2026-10-01T00:00:00.000Z';

/** T0 plus whole days, as a Date. */
export function day(days: number): Date {
  return new Date(Date.parse(T0) + days * 24 * 60 * 60 * 1000);
}

export const CRIT = 'partner:default/crit';
export const CRIT_API = 'partnerintegration:default/crit-api';
export const HIGH_API = 'partnerintegration:default/high-api';
export const MED_API = 'partnerintegration:default/med-api';
export const LOW_API = 'partnerintegration:default/low-api';
export const OFF_API = 'partnerintegration:default/off-api';
export const GONE_PARTNER_API = 'partnerintegration:default/gone-partner-api';
export const GONE_API = 'partnerintegration:default/gone-api';

const partner = (name: string, tier: string, extra = {}) => ({
  entity_ref: `partner:default/${name}`,
  title: null,
  type: 'integrator',
  stage: 'measurement',
  tier,
  owner_ref: 'group:default/partner-ops',
  contract_end: null,
  contract_status: null,
  entity: '{}',
  hash: 'h',
  synced_at: T0,
  gone_at: null,
  ...extra,
});

const integration = (
  ref: string,
  partnerName: string,
  owner: string,
  extra = {},
) => ({
  entity_ref: ref,
  partner_ref: `partner:default/${partnerName}`,
  title: null,
  type: 'api',
  owner_ref: owner,
  environment: 'production',
  access_package: null,
  entity: '{}',
  hash: 'h',
  synced_at: T0,
  gone_at: null,
  ...extra,
});

export const identity = (
  integrationRef: string,
  name: string,
  extra: Record<string, unknown> = {},
) => ({
  integration_ref: integrationRef,
  name,
  type: 'api-key',
  status: 'active',
  custodian_ref: null,
  scopes: '["orders:read"]',
  privileged: false,
  environment: 'production',
  secret_ref: null,
  issued: '2026-01-10',
  last_rotated: null,
  rotation_days: null,
  expires: null,
  last_used: '2026-10-10',
  shared_with: '[]',
  gone_at: null,
  ...extra,
});

/**
 * Partners of every tier with one integration each, plus integrations that
 * must never be reviewed: of an offboarded partner, of a gone partner, and
 * one gone itself. crit-api has a recently used key, a dormant one (last
 * used 2026-06-01) and a gone one.
 */
export async function seedReviewEstate(knex: Knex): Promise<void> {
  await knex('partners').insert([
    partner('crit', 'critical'),
    partner('high', 'high'),
    partner('med', 'medium'),
    partner('low', 'low'),
    partner('off', 'critical', { stage: 'offboarded' }),
    partner('gone', 'critical', { gone_at: T0 }),
  ]);
  await knex('integrations').insert([
    integration(CRIT_API, 'crit', 'group:default/team-a'),
    integration(HIGH_API, 'high', 'user:default/alice'),
    integration(MED_API, 'med', 'group:default/team-b'),
    integration(LOW_API, 'low', 'group:default/team-a'),
    integration(OFF_API, 'off', 'group:default/team-a'),
    integration(GONE_PARTNER_API, 'gone', 'group:default/team-a'),
    integration(GONE_API, 'crit', 'group:default/team-a', { gone_at: T0 }),
  ]);
  await knex('identities').insert([
    identity(CRIT_API, 'crit-key', {
      scopes: '["orders:read","orders:write"]',
      last_rotated: '2026-09-01',
    }),
    identity(CRIT_API, 'crit-old', { last_used: '2026-06-01' }),
    identity(CRIT_API, 'crit-gone', { gone_at: T0 }),
    identity(HIGH_API, 'high-key'),
    identity(MED_API, 'med-key'),
    identity(LOW_API, 'low-key'),
  ]);
}

/** The stored reviews by id, with what scheduling decides of them. */
export function scheduledReviews(knex: Knex) {
  return knex('access_reviews')
    .select(
      'integration_ref',
      'partner_ref',
      'assignee_ref',
      'status',
      'pending_key',
      'opened_at',
      'due_at',
    )
    .orderBy('id');
}
