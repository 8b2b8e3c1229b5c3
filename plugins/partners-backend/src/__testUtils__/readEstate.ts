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

import type { FindingRecord } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';

export const NOW = '2026-11-30T08:00:00.000Z';

const partnerRow = (row: Record<string, unknown>) => ({
  title: null,
  contract_end: null,
  contract_status: null,
  entity: '{}',
  hash: 'h',
  synced_at: NOW,
  gone_at: null,
  ...row,
});

const integrationRow = (row: Record<string, unknown>) => ({
  title: null,
  environment: null,
  access_package: null,
  entity: '{}',
  hash: 'h',
  synced_at: NOW,
  gone_at: null,
  ...row,
});

const identityRow = (row: Record<string, unknown>) => ({
  status: 'active',
  custodian_ref: null,
  scopes: '[]',
  privileged: false,
  environment: null,
  secret_ref: null,
  issued: null,
  last_rotated: null,
  rotation_days: null,
  expires: null,
  last_used: null,
  shared_with: '[]',
  gone_at: null,
  ...row,
});

const findingRow = (row: Record<string, unknown>) => ({
  identity: '',
  partner_ref: null,
  frameworks: '[]',
  first_seen_at: '2026-11-01T00:00:00.000Z',
  last_seen_at: NOW,
  resolved_at: null,
  ...row,
});

export const ACME = 'partner:default/acme';
export const ACME_API = 'partnerintegration:default/acme-api';
export const ACME_SANDBOX = 'partnerintegration:default/acme-sandbox';
export const ORPHAN_FEED = 'partnerintegration:default/orphan-feed';
export const ORDERS = 'component:default/orders-service';

/** A small estate: live, gone and dangling rows of every table. */
/**
 * Partners (one gone), integrations (one orphaned, one gone), identities and
 * findings (one resolved) as the index holds them, for the read API tests.
 */
export async function seedReadEstate(knex: Knex) {
  await knex('partners').insert([
    partnerRow({
      entity_ref: ACME,
      title: 'Acme Corp',
      type: 'reseller',
      stage: 'measurement',
      tier: 'high',
      owner_ref: 'group:default/partner-ops',
      contract_end: '2027-01-31',
      contract_status: 'active',
    }),
    partnerRow({
      entity_ref: 'partner:default/bolt',
      type: 'integrator',
      stage: 'onboarding',
      tier: 'low',
      owner_ref: 'group:default/sales',
    }),
    partnerRow({
      entity_ref: 'partner:default/cobalt',
      title: 'Cobalt Ltd',
      type: 'managed-service',
      stage: 'offboarding',
      tier: 'critical',
      owner_ref: 'user:default/jane',
      contract_end: '2026-01-01',
      contract_status: 'terminated',
    }),
    partnerRow({
      entity_ref: 'partner:other/delta',
      type: 'referral',
      stage: 'enablement',
      tier: 'medium',
      owner_ref: 'group:default/sales',
    }),
    partnerRow({
      entity_ref: 'partner:default/gone-partner',
      type: 'referral',
      stage: 'measurement',
      tier: 'low',
      owner_ref: 'group:default/sales',
      gone_at: NOW,
    }),
  ]);
  await knex('integrations').insert([
    integrationRow({
      entity_ref: ACME_API,
      partner_ref: ACME,
      title: 'Acme API',
      type: 'api',
      owner_ref: 'group:default/payments',
      environment: 'production',
      access_package: 'payments-read',
    }),
    integrationRow({
      entity_ref: ACME_SANDBOX,
      partner_ref: ACME,
      type: 'sandbox',
      owner_ref: 'group:default/payments',
      environment: 'sandbox',
    }),
    integrationRow({
      entity_ref: 'partnerintegration:default/acme-old',
      partner_ref: ACME,
      type: 'api',
      owner_ref: 'group:default/payments',
      gone_at: NOW,
    }),
    integrationRow({
      entity_ref: 'partnerintegration:default/cobalt-support',
      partner_ref: 'partner:default/cobalt',
      type: 'support-tooling',
      owner_ref: 'group:default/support',
    }),
    integrationRow({
      entity_ref: ORPHAN_FEED,
      partner_ref: 'partner:default/unknown',
      type: 'data-feed',
      owner_ref: 'group:default/data',
    }),
  ]);
  await knex('identities').insert([
    identityRow({
      integration_ref: ACME_API,
      name: 'acme-api-key',
      type: 'api-key',
      custodian_ref: 'group:default/payments',
      scopes: JSON.stringify(['orders:read', 'orders:write']),
      environment: 'production',
      secret_ref: 'vault:secret/partners/acme/api-key',
      issued: '2025-12-01',
      last_rotated: '2026-01-10',
      rotation_days: 90,
      expires: '2026-12-31',
      last_used: '2026-11-20',
    }),
    identityRow({
      integration_ref: ACME_API,
      name: 'acme-admin',
      type: 'service-account',
      status: 'suspended',
      custodian_ref: 'group:default/platform',
      scopes: JSON.stringify(['admin']),
      privileged: true,
      environment: 'production',
      secret_ref: 'arn:aws:secretsmanager:eu-west-1:123:secret:acme-admin',
    }),
    identityRow({
      integration_ref: ACME_API,
      name: 'old-token',
      type: 'token',
      secret_ref: 'vault:secret/partners/acme/old',
      gone_at: NOW,
    }),
    identityRow({
      integration_ref: ACME_SANDBOX,
      name: 'sandbox-token',
      type: 'token',
      custodian_ref: 'group:default/payments',
      environment: 'sandbox',
    }),
    identityRow({
      integration_ref: 'partnerintegration:default/cobalt-support',
      name: 'cobalt-sso',
      type: 'oauth-client',
      status: 'revoked',
    }),
    identityRow({
      integration_ref: ORPHAN_FEED,
      name: 'feed-cert',
      type: 'certificate',
      custodian_ref: 'group:default/data',
    }),
  ]);
  await knex('integration_accesses').insert([
    { integration_ref: ACME_API, target_ref: ORDERS },
    { integration_ref: ACME_API, target_ref: 'api:default/orders-api' },
    { integration_ref: ACME_SANDBOX, target_ref: ORDERS },
    {
      integration_ref: 'partnerintegration:default/acme-old',
      target_ref: ORDERS,
    },
    { integration_ref: ORPHAN_FEED, target_ref: ORDERS },
    {
      integration_ref: 'partnerintegration:default/cobalt-support',
      target_ref: 'resource:default/support-desk',
    },
  ]);
  // inserted one by one so that ids follow this order on every engine
  for (const row of [
    findingRow({
      rule_id: 'identity-rotation-overdue',
      entity_ref: ACME_API,
      identity: 'acme-api-key',
      partner_ref: ACME,
      severity: 'high',
      message: 'acme-api-key was last rotated 324 days ago',
      frameworks: JSON.stringify(['NHI7', 'PR.AA-01']),
    }),
    findingRow({
      rule_id: 'due-diligence-missing',
      entity_ref: ACME,
      partner_ref: ACME,
      severity: 'critical',
      message: 'No completed due diligence',
      frameworks: JSON.stringify(['GV.SC-06']),
    }),
    findingRow({
      rule_id: 'identity-dormant',
      entity_ref: ACME_API,
      identity: 'acme-admin',
      partner_ref: ACME,
      severity: 'medium',
      message: 'acme-admin has not been used for 120 days',
      resolved_at: '2026-11-15T00:00:00.000Z',
      last_seen_at: '2026-11-15T00:00:00.000Z',
    }),
    findingRow({
      rule_id: 'access-package-missing',
      entity_ref: ACME_SANDBOX,
      partner_ref: ACME,
      severity: 'medium',
      message: 'No access package',
    }),
    findingRow({
      rule_id: 'contract-ended-access-active',
      entity_ref: 'partnerintegration:default/cobalt-support',
      partner_ref: 'partner:default/cobalt',
      severity: 'critical',
      message: 'The contract ended',
    }),
    findingRow({
      rule_id: 'owner-missing',
      entity_ref: ORPHAN_FEED,
      severity: 'low',
      message: 'The owner is not a known group or user',
    }),
    findingRow({
      rule_id: 'stage-owner-missing',
      entity_ref: 'partner:default/bolt',
      partner_ref: 'partner:default/bolt',
      severity: 'low',
      message: 'No onboarding stage owner',
    }),
  ]) {
    await knex('findings').insert(row);
  }
}

/** The seeded findings as the API returns them, by id. */
export function expectedFindings(ids: number[]): Record<number, FindingRecord> {
  const base = {
    firstSeen: '2026-11-01T00:00:00.000Z',
    lastSeen: NOW,
  };
  return {
    [ids[0]]: {
      id: ids[0],
      ruleId: 'identity-rotation-overdue',
      severity: 'high',
      entityRef: ACME_API,
      identity: 'acme-api-key',
      partnerRef: ACME,
      message: 'acme-api-key was last rotated 324 days ago',
      frameworks: ['NHI7', 'PR.AA-01'],
      ...base,
    },
    [ids[1]]: {
      id: ids[1],
      ruleId: 'due-diligence-missing',
      severity: 'critical',
      entityRef: ACME,
      partnerRef: ACME,
      message: 'No completed due diligence',
      frameworks: ['GV.SC-06'],
      ...base,
    },
    [ids[2]]: {
      id: ids[2],
      ruleId: 'identity-dormant',
      severity: 'medium',
      entityRef: ACME_API,
      identity: 'acme-admin',
      partnerRef: ACME,
      message: 'acme-admin has not been used for 120 days',
      frameworks: [],
      firstSeen: '2026-11-01T00:00:00.000Z',
      lastSeen: '2026-11-15T00:00:00.000Z',
      resolvedAt: '2026-11-15T00:00:00.000Z',
    },
    [ids[3]]: {
      id: ids[3],
      ruleId: 'access-package-missing',
      severity: 'medium',
      entityRef: ACME_SANDBOX,
      partnerRef: ACME,
      message: 'No access package',
      frameworks: [],
      ...base,
    },
    [ids[4]]: {
      id: ids[4],
      ruleId: 'contract-ended-access-active',
      severity: 'critical',
      entityRef: 'partnerintegration:default/cobalt-support',
      partnerRef: 'partner:default/cobalt',
      message: 'The contract ended',
      frameworks: [],
      ...base,
    },
    [ids[5]]: {
      id: ids[5],
      ruleId: 'owner-missing',
      severity: 'low',
      entityRef: ORPHAN_FEED,
      message: 'The owner is not a known group or user',
      frameworks: [],
      ...base,
    },
    [ids[6]]: {
      id: ids[6],
      ruleId: 'stage-owner-missing',
      severity: 'low',
      entityRef: 'partner:default/bolt',
      partnerRef: 'partner:default/bolt',
      message: 'No onboarding stage owner',
      frameworks: [],
      ...base,
    },
  };
}
