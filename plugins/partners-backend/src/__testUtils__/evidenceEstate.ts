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
import type { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { identity } from './reviews';

export const NOW = new Date('2026-11-30T08:00:00.000Z');
export const ACME = 'partner:default/acme';
export const BOLT = 'partner:default/bolt';
export const ACME_API = 'partnerintegration:default/acme-api';
export const ACME_OLD = 'partnerintegration:default/acme-old';
export const BOLT_API = 'partnerintegration:default/bolt-api';
/** Secret locations: they must never leave the backend in a pack. */
export const SECRET_REFS = [
  'vault:secret/partners/acme/api-key',
  'arn:aws:secretsmanager:eu-west-1:123:secret:acme-admin',
  'vault:secret/partners/acme/old',
  'vault:secret/partners/acme/legacy',
];

const ACME_ENTITY = {
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'Partner',
  metadata: { name: 'acme', namespace: 'default', title: 'Acme Corp' },
  spec: {
    type: 'reseller',
    owner: 'group:partner-ops',
    lifecycle: {
      stage: 'offboarding',
      stageOwners: { onboarding: 'group:default/Sales', offboarding: 'jane' },
    },
    risk: {
      tier: 'high',
      // a phone number a spreadsheet would read as a formula
      dueDiligence: { completed: '2025-01-15', reference: '+44 20 7946 0000' },
    },
    contract: { start: '2024-01-01', end: '2026-12-31', status: 'notice' },
    incidents: [
      { date: '2026-03-02', severity: 'medium', summary: 'Leaked test key' },
      { date: '2025-06-01', severity: 'low', summary: 'Over a year ago' },
    ],
  },
};

const base = { hash: 'h', synced_at: '2026-11-01T00:00:00.000Z' };

/**
 * Two partners as the index holds them, one gone from the catalog, with
 * integrations (one gone), identities with secret locations, reviews,
 * exceptions, findings (one resolved), an offboarding checklist and audit
 * events: what an evidence pack and a partner's scorecard are read from.
 */
export async function seedEvidenceEstate(
  knex: Knex,
  audit: DatabaseAuditStore,
) {
  await knex('partners').insert([
    {
      ...base,
      entity_ref: ACME,
      title: 'Acme Corp',
      type: 'reseller',
      stage: 'offboarding',
      tier: 'high',
      owner_ref: 'group:default/partner-ops',
      contract_end: '2026-12-31',
      contract_status: 'notice',
      entity: JSON.stringify(ACME_ENTITY),
      gone_at: null,
    },
    {
      ...base,
      entity_ref: BOLT,
      title: null,
      type: 'integrator',
      stage: 'measurement',
      tier: 'low',
      owner_ref: 'group:default/sales',
      contract_end: null,
      contract_status: null,
      entity: '{}',
      gone_at: '2026-11-20T00:00:00.000Z',
    },
  ]);
  const integration = (row: Record<string, unknown>) => ({
    ...base,
    title: null,
    type: 'api',
    environment: 'production',
    access_package: null,
    entity: '{}',
    gone_at: null,
    ...row,
  });
  await knex('integrations').insert([
    integration({
      entity_ref: ACME_API,
      partner_ref: ACME,
      title: 'Acme API',
      owner_ref: 'group:default/payments',
      access_package: 'orders-read',
    }),
    integration({
      entity_ref: ACME_OLD,
      partner_ref: ACME,
      type: 'data-feed',
      owner_ref: 'group:default/data',
      environment: null,
      gone_at: '2026-11-10T00:00:00.000Z',
    }),
    integration({
      entity_ref: BOLT_API,
      partner_ref: BOLT,
      owner_ref: 'group:default/sales',
    }),
  ]);
  await knex('identities').insert([
    identity(ACME_API, 'acme-api-key', {
      custodian_ref: 'group:default/payments',
      scopes: '["orders:read","orders:write"]',
      secret_ref: SECRET_REFS[0],
      issued: '2025-12-01',
      last_rotated: '2026-01-10',
      rotation_days: 90,
      expires: '2026-12-31',
      last_used: '2026-11-20',
      shared_with: '["group:default/support"]',
    }),
    identity(ACME_API, 'acme-admin', {
      type: 'service-account',
      status: 'suspended',
      custodian_ref: 'group:default/platform',
      scopes: '["admin"]',
      privileged: true,
      secret_ref: SECRET_REFS[1],
    }),
    identity(ACME_API, 'old-token', {
      type: 'token',
      custodian_ref: 'group:default/payments',
      secret_ref: SECRET_REFS[2],
      gone_at: '2026-11-05T00:00:00.000Z',
    }),
    identity(ACME_OLD, 'legacy-key', {
      custodian_ref: 'group:default/data',
      secret_ref: SECRET_REFS[3],
      gone_at: '2026-11-10T00:00:00.000Z',
    }),
    identity(BOLT_API, 'bolt-key', { custodian_ref: 'group:default/sales' }),
  ]);
  const review = (row: Record<string, unknown>) => ({
    status: 'pending',
    pending_key: null,
    opened_at: '2026-10-01T00:00:00.000Z',
    decided_at: null,
    decided_by: null,
    comment: null,
    revoked_identities: null,
    snapshot: null,
    ...row,
  });
  for (const row of [
    review({
      integration_ref: ACME_API,
      partner_ref: ACME,
      assignee_ref: 'group:default/payments',
      status: 'revoked',
      due_at: '2026-10-15T00:00:00.000Z',
      decided_at: '2026-10-10T00:00:00.000Z',
      decided_by: 'user:default/jane',
      comment: '-revoke the admin account',
      revoked_identities: '["acme-admin"]',
      snapshot: '[]',
    }),
    review({
      integration_ref: ACME_API,
      partner_ref: ACME,
      assignee_ref: 'group:default/payments',
      pending_key: ACME_API,
      due_at: '2026-11-25T00:00:00.000Z',
    }),
    review({
      integration_ref: BOLT_API,
      partner_ref: BOLT,
      assignee_ref: 'group:default/sales',
      pending_key: BOLT_API,
      due_at: '2026-12-25T00:00:00.000Z',
    }),
  ]) {
    await knex('access_reviews').insert(row);
  }
  const exception = (row: Record<string, unknown>) => ({
    identity: '',
    justification: 'Rotation scheduled with the partner',
    requested_by: 'user:default/jane',
    requested_at: '2026-11-01T00:00:00.000Z',
    open_key: null,
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    expired_at: null,
    ...row,
  });
  for (const row of [
    exception({
      rule_id: 'identity-rotation-overdue',
      entity_ref: ACME_API,
      identity: 'acme-api-key',
      partner_ref: ACME,
      expires_at: '2027-01-31T00:00:00.000Z',
      status: 'approved',
      open_key: 'k1',
      decided_by: 'user:default/bob',
      decided_at: '2026-11-02T00:00:00.000Z',
    }),
    exception({
      rule_id: 'identity-dormant',
      entity_ref: ACME_API,
      identity: 'acme-admin',
      partner_ref: ACME,
      expires_at: '2027-01-31T00:00:00.000Z',
      status: 'denied',
      decided_by: 'user:default/bob',
      decided_at: '2026-11-02T00:00:00.000Z',
      decision_comment: 'Revoke it instead',
    }),
    exception({
      rule_id: 'identity-dormant',
      entity_ref: BOLT_API,
      identity: 'bolt-key',
      partner_ref: BOLT,
      expires_at: '2027-01-31T00:00:00.000Z',
      status: 'requested',
      open_key: 'k3',
    }),
  ]) {
    await knex('exceptions').insert(row);
  }
  const finding = (row: Record<string, unknown>) => ({
    identity: '',
    first_seen_at: '2026-11-01T00:00:00.000Z',
    last_seen_at: NOW.toISOString(),
    resolved_at: null,
    ...row,
  });
  for (const row of [
    finding({
      rule_id: 'identity-rotation-overdue',
      entity_ref: ACME_API,
      identity: 'acme-api-key',
      partner_ref: ACME,
      severity: 'high',
      message: 'acme-api-key was last rotated 324 days ago',
      frameworks: '["NHI7","PR.AA-01"]',
    }),
    finding({
      rule_id: 'identity-dormant',
      entity_ref: ACME_API,
      identity: 'acme-admin',
      partner_ref: ACME,
      severity: 'medium',
      message: 'acme-admin has not been used for 120 days',
      frameworks: '["NHI1","CIS 5.3"]',
    }),
    finding({
      rule_id: 'access-package-missing',
      entity_ref: ACME_OLD,
      partner_ref: ACME,
      severity: 'medium',
      message: 'No access package',
      frameworks: '["PR.AA-05","ISO 5.18"]',
      resolved_at: '2026-11-10T00:00:00.000Z',
    }),
    finding({
      rule_id: 'owner-missing',
      entity_ref: ACME,
      partner_ref: ACME,
      severity: 'high',
      message: '=HYPERLINK("http://evil.example","click")',
      frameworks: '["GV.SC-02","GV.RR-02","CIS 5.5"]',
    }),
    finding({
      rule_id: 'identity-dormant',
      entity_ref: BOLT_API,
      identity: 'bolt-key',
      partner_ref: BOLT,
      severity: 'medium',
      message: 'bolt-key has not been used for 100 days',
      frameworks: '["NHI1","CIS 5.3"]',
    }),
  ]) {
    await knex('findings').insert(row);
  }
  const [checklist] = await knex('offboarding_checklists')
    .insert({
      partner_ref: ACME,
      reasons: '["stage-offboarding"]',
      status: 'open',
      open_key: ACME,
      opened_at: '2026-11-15T00:00:00.000Z',
      verified_by: null,
      verified_at: null,
      comment: null,
    })
    .returning('id');
  const checklistId = Number(
    typeof checklist === 'object' ? checklist.id : checklist,
  );
  const item = (row: Record<string, unknown>) => ({
    checklist_id: checklistId,
    partner_ref: ACME,
    integration_ref: ACME_API,
    identity: null,
    source: 'offboarding',
    review_id: null,
    status: 'pending',
    completed_by: null,
    completed_at: null,
    evidence: null,
    ...row,
  });
  for (const row of [
    item({
      kind: 'revoke',
      identity: 'acme-api-key',
      item_key: 'a',
      description: 'Revoke acme-api-key',
    }),
    item({
      kind: 'close',
      item_key: 'b',
      description: 'Close partnerintegration:default/acme-api',
      status: 'done',
      completed_by: 'user:default/jane',
      completed_at: '2026-11-16T00:00:00.000Z',
      evidence: '@SUM(1+1)*cmd|"/C calc"!A0',
    }),
  ]) {
    await knex('offboarding_items').insert(row);
  }
  for (const [at, partnerRef, action] of [
    ['2026-10-10T00:00:00.000Z', ACME, 'review.decided'],
    ['2026-11-02T00:00:00.000Z', BOLT, 'review.opened'],
    ['2026-11-02T00:00:00.000Z', ACME, 'exception.approved'],
    ['2026-11-03T00:00:00.000Z', undefined, 'index.synced'],
  ] as const) {
    await audit.append({
      at,
      actor: 'user:default/jane',
      action,
      subjectType: partnerRef ? 'access-review' : 'index',
      subjectRef: partnerRef === ACME ? ACME_API : partnerRef ?? 'catalog',
      partnerRef,
      after: { note: 'seeded' },
    });
  }
}
