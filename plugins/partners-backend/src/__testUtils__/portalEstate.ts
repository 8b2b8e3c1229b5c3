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
import {
  CRIT,
  CRIT_API,
  day,
  GONE_API,
  GONE_PARTNER_API,
  HIGH_API,
  identity,
  MED_API,
  OFF_API,
  seedReviewEstate,
} from './reviews';

/** Midday of 2026-12-30 (T0 + 90 days): "today" is 2026-12-30. */
export const NOW = new Date(day(90).getTime() + 12 * 60 * 60 * 1000);
export const CRIT_BATCH = 'partnerintegration:default/crit-batch';
/** The contract notice window of the policy the portal reads. */
export const NOTICE_DAYS = 30;

const review = (
  integrationRef: string,
  partner: string,
  dueAt: Date,
  status = 'pending',
) => ({
  integration_ref: integrationRef,
  partner_ref: `partner:default/${partner}`,
  assignee_ref: 'group:default/team-a',
  status,
  pending_key: status === 'pending' ? integrationRef : null,
  opened_at: day(0).toISOString(),
  due_at: dueAt.toISOString(),
});

const finding = (
  ruleId: string,
  entityRef: string,
  partner: string,
  severity: string,
  extra: Record<string, unknown> = {},
) => ({
  rule_id: ruleId,
  entity_ref: entityRef,
  identity: '',
  partner_ref: `partner:default/${partner}`,
  severity,
  message: `${ruleId} on ${entityRef}`,
  frameworks: '[]',
  first_seen_at: day(0).toISOString(),
  last_seen_at: day(90).toISOString(),
  resolved_at: null,
  ...extra,
});

const exception = (
  ruleId: string,
  entityRef: string,
  identityName: string,
  expiresAt: Date,
) => ({
  rule_id: ruleId,
  entity_ref: entityRef,
  identity: identityName,
  partner_ref: 'partner:default/any',
  justification: 'Known and accepted',
  requested_by: 'user:default/alice',
  requested_at: day(1).toISOString(),
  expires_at: expiresAt.toISOString(),
  status: 'approved',
  open_key: `${ruleId}/${entityRef}/${identityName}`,
  decided_by: 'user:default/bob',
  decided_at: day(2).toISOString(),
});

/**
 * The review estate (partners crit, high, med, low, off (offboarded) and
 * gone) with reviews, contracts, findings and exceptions around NOW.
 */
export async function seedPortalEstate(knex: Knex) {
  await seedReviewEstate(knex);
  await knex('integrations').insert({
    entity_ref: CRIT_BATCH,
    partner_ref: CRIT,
    title: null,
    type: 'data-feed',
    owner_ref: 'group:default/team-a',
    environment: 'staging',
    access_package: 'batch-pkg',
    entity: '{}',
    hash: 'h',
    synced_at: day(0).toISOString(),
    gone_at: null,
  });
  await knex('identities').insert(
    identity(CRIT_BATCH, 'batch-key', {
      type: 'service-account',
      custodian_ref: 'group:default/team-a',
      scopes: '["batch:run"]',
      privileged: true,
      environment: 'staging',
      secret_ref: 'vault:secret/crit/batch',
      issued: null,
      expires: '2027-01-01',
      last_used: null,
    }),
  );
  await knex('access_reviews').insert([
    review(CRIT_API, 'crit', day(30)),
    // due exactly now: pending, not overdue
    review(HIGH_API, 'high', NOW),
    review(MED_API, 'med', day(180)),
    review(MED_API, 'med', day(10), 'attested'),
    review(OFF_API, 'off', day(40)),
    // a gone integration, and the integration of a gone partner
    review(GONE_API, 'crit', day(10)),
    review(GONE_PARTNER_API, 'gone', day(10)),
  ]);
  const contracts: Array<[string, string]> = [
    ['crit', '2026-12-30'],
    ['high', '2027-01-29'],
    ['med', '2027-01-30'],
    ['low', '2026-12-29'],
    ['off', '2026-12-31T08:00:00+01:00'],
    ['gone', '2026-12-30'],
  ];
  for (const [name, end] of contracts) {
    await knex('partners')
      .where('entity_ref', `partner:default/${name}`)
      .update({ contract_end: end });
  }
  await knex('findings').insert([
    finding('due-diligence-missing', CRIT, 'crit', 'critical'),
    finding(
      'due-diligence-missing',
      'partner:default/high',
      'high',
      'critical',
    ),
    finding('due-diligence-missing', 'partner:default/med', 'med', 'critical', {
      resolved_at: day(80).toISOString(),
    }),
    finding('stage-owner-missing', 'partner:default/med', 'med', 'low'),
    finding('offboarded-identity-active', OFF_API, 'off', 'critical', {
      identity: 'off-key',
    }),
    finding(
      'due-diligence-missing',
      'partner:default/gone',
      'gone',
      'critical',
    ),
    finding('identity-no-expiry', CRIT_API, 'crit', 'high', {
      identity: 'crit-key',
    }),
    finding('identity-dormant', CRIT_API, 'crit', 'medium', {
      identity: 'crit-old',
    }),
    finding('identity-dormant', CRIT_API, 'crit', 'medium', {
      identity: 'crit-key',
    }),
  ]);
  await knex('exceptions').insert([
    exception('due-diligence-missing', 'partner:default/high', '', day(100)),
    exception('identity-dormant', CRIT_API, 'crit-old', day(100)),
    // lapses exactly now: the finding is open again
    exception('identity-dormant', CRIT_API, 'crit-key', NOW),
  ]);
}
