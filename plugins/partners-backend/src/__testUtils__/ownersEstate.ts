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

import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { identity } from './reviews';

export const NOW = new Date('2026-11-30T08:00:00.000Z');
export const ACME = 'partner:default/acme';
const BOLT = 'partner:default/bolt';
export const PAYMENTS = 'group:default/payments';
export const PLATFORM = 'group:default/platform';
export const JANE = 'user:default/jane';
export const ACME_API = 'partnerintegration:default/acme-api';
export const ACME_SANDBOX = 'partnerintegration:default/acme-sandbox';
export const BOLT_FEED = 'partnerintegration:default/bolt-feed';
export const BOLT_SSO = 'partnerintegration:default/bolt-sso';
export const ORPHAN_FEED = 'partnerintegration:default/orphan-feed';

const partnerRow = (row: Record<string, unknown>) => ({
  title: null,
  type: 'integrator',
  contract_end: null,
  contract_status: null,
  entity: '{}',
  hash: 'h',
  synced_at: NOW.toISOString(),
  gone_at: null,
  ...row,
});

const integrationRow = (row: Record<string, unknown>) => ({
  title: null,
  type: 'api',
  environment: null,
  access_package: null,
  entity: '{}',
  hash: 'h',
  synced_at: NOW.toISOString(),
  gone_at: null,
  ...row,
});

const findingRow = (row: Record<string, unknown>) => ({
  identity: '',
  message: 'm',
  frameworks: '[]',
  first_seen_at: '2026-11-01T00:00:00.000Z',
  last_seen_at: NOW.toISOString(),
  resolved_at: null,
  ...row,
});

const reviewRow = (row: Record<string, unknown>) => ({
  status: 'pending',
  opened_at: '2026-11-01T00:00:00.000Z',
  decided_at: null,
  decided_by: null,
  ...row,
});

/**
 * Integrations owned by payments, platform, jane and support, one gone;
 * identities of every status; pending, overdue and decided reviews;
 * open and resolved findings.
 */
export async function seedOwnersEstate(knex: Knex) {
  await knex('partners').insert([
    partnerRow({
      entity_ref: ACME,
      title: 'Acme Corp',
      stage: 'measurement',
      tier: 'high',
      owner_ref: 'group:default/partner-ops',
    }),
    partnerRow({
      entity_ref: BOLT,
      stage: 'onboarding',
      tier: 'low',
      owner_ref: JANE,
    }),
  ]);
  await knex('integrations').insert([
    integrationRow({
      entity_ref: ACME_API,
      partner_ref: ACME,
      title: 'Acme API',
      owner_ref: PAYMENTS,
      environment: 'production',
    }),
    integrationRow({
      entity_ref: ACME_SANDBOX,
      partner_ref: ACME,
      type: 'sandbox',
      owner_ref: PAYMENTS,
      environment: 'sandbox',
    }),
    integrationRow({
      entity_ref: 'partnerintegration:default/acme-old',
      partner_ref: ACME,
      owner_ref: PAYMENTS,
      gone_at: NOW.toISOString(),
    }),
    integrationRow({
      entity_ref: BOLT_FEED,
      partner_ref: BOLT,
      type: 'data-feed',
      owner_ref: JANE,
    }),
    integrationRow({
      entity_ref: BOLT_SSO,
      partner_ref: BOLT,
      type: 'sso',
      owner_ref: PLATFORM,
    }),
    integrationRow({
      entity_ref: ORPHAN_FEED,
      partner_ref: 'partner:default/unknown',
      type: 'data-feed',
      owner_ref: PLATFORM,
    }),
    integrationRow({
      entity_ref: 'partnerintegration:default/support-desk',
      partner_ref: ACME,
      type: 'support-tooling',
      owner_ref: 'group:default/support',
    }),
  ]);
  await knex('identities').insert([
    identity(ACME_API, 'key-1'),
    identity(ACME_API, 'key-2'),
    identity(ACME_API, 'admin', { status: 'suspended' }),
    identity(ACME_API, 'old', { gone_at: NOW.toISOString() }),
    identity(ACME_SANDBOX, 'sandbox-token', { status: 'revoked' }),
    identity(BOLT_SSO, 'sso-client', { type: 'oauth-client' }),
  ]);
  await knex('access_reviews').insert([
    reviewRow({
      integration_ref: ACME_API,
      partner_ref: ACME,
      assignee_ref: PAYMENTS,
      pending_key: ACME_API,
      due_at: '2026-11-20T00:00:00.000Z',
    }),
    reviewRow({
      integration_ref: ACME_SANDBOX,
      partner_ref: ACME,
      assignee_ref: PAYMENTS,
      status: 'attested',
      pending_key: null,
      due_at: '2026-11-01T00:00:00.000Z',
      decided_at: '2026-10-30T00:00:00.000Z',
      decided_by: JANE,
    }),
    reviewRow({
      integration_ref: BOLT_FEED,
      partner_ref: BOLT,
      assignee_ref: JANE,
      pending_key: BOLT_FEED,
      due_at: '2026-12-24T00:00:00.000Z',
    }),
  ]);
  await knex('findings').insert([
    findingRow({
      rule_id: 'identity-rotation-overdue',
      entity_ref: ACME_API,
      identity: 'key-1',
      partner_ref: ACME,
      severity: 'high',
    }),
    findingRow({
      rule_id: 'identity-dormant',
      entity_ref: ACME_API,
      identity: 'key-2',
      partner_ref: ACME,
      severity: 'medium',
    }),
    findingRow({
      rule_id: 'identity-no-expiry',
      entity_ref: ACME_API,
      identity: 'key-2',
      partner_ref: ACME,
      severity: 'medium',
    }),
    findingRow({
      rule_id: 'access-package-missing',
      entity_ref: ACME_API,
      partner_ref: ACME,
      severity: 'low',
      resolved_at: '2026-11-15T00:00:00.000Z',
    }),
    findingRow({
      rule_id: 'due-diligence-missing',
      entity_ref: ACME,
      partner_ref: ACME,
      severity: 'critical',
    }),
    findingRow({
      rule_id: 'contract-ended-access-active',
      entity_ref: BOLT_SSO,
      partner_ref: BOLT,
      severity: 'critical',
    }),
  ]);
}

const user = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
  relations: [
    ...memberOf.map(targetRef => ({ type: 'memberOf', targetRef })),
    { type: 'ownerOf', targetRef: 'component:default/orders-service' },
  ],
});

/** The catalog the owners service reads users and their groups from. */
export const CATALOG: Entity[] = [
  // the relations the catalog emits are lower case; spec.memberOf is not read
  user('jane', [PLATFORM, PAYMENTS]),
  user('bob', []),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const none = { critical: 0, high: 0, medium: 0, low: 0 };

/** The seeded integrations as the API lists them, by ref. */
export const ITEMS = {
  [ACME_API]: {
    entityRef: ACME_API,
    title: 'Acme API',
    type: 'api',
    environment: 'production',
    owner: PAYMENTS,
    partner: {
      entityRef: ACME,
      title: 'Acme Corp',
      stage: 'measurement',
      tier: 'high',
    },
    identities: { active: 2, total: 3 },
    reviews: { pending: 1, overdue: 1, pendingReviewId: 1 },
    openFindings: { critical: 0, high: 1, medium: 2, low: 0 },
  },
  [ACME_SANDBOX]: {
    entityRef: ACME_SANDBOX,
    type: 'sandbox',
    environment: 'sandbox',
    owner: PAYMENTS,
    partner: {
      entityRef: ACME,
      title: 'Acme Corp',
      stage: 'measurement',
      tier: 'high',
    },
    identities: { active: 0, total: 1 },
    reviews: { pending: 0, overdue: 0 },
    openFindings: none,
  },
  [BOLT_FEED]: {
    entityRef: BOLT_FEED,
    type: 'data-feed',
    owner: JANE,
    partner: { entityRef: BOLT, stage: 'onboarding', tier: 'low' },
    identities: { active: 0, total: 0 },
    reviews: { pending: 1, overdue: 0, pendingReviewId: 3 },
    openFindings: none,
  },
  [BOLT_SSO]: {
    entityRef: BOLT_SSO,
    type: 'sso',
    owner: PLATFORM,
    partner: { entityRef: BOLT, stage: 'onboarding', tier: 'low' },
    identities: { active: 1, total: 1 },
    reviews: { pending: 0, overdue: 0 },
    openFindings: { ...none, critical: 1 },
  },
  [ORPHAN_FEED]: {
    entityRef: ORPHAN_FEED,
    type: 'data-feed',
    owner: PLATFORM,
    // the partner is not in the index: its ref only
    partner: { entityRef: 'partner:default/unknown' },
    identities: { active: 0, total: 0 },
    reviews: { pending: 0, overdue: 0 },
    openFindings: none,
  },
};
