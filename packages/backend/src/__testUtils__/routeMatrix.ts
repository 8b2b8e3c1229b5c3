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

import { mockCredentials } from '@backstage/backend-test-utils';
import type { TestDatabases } from '@backstage/backend-test-utils';
import {
  BILLING,
  GUEST,
  NOOR,
  ORDERS,
  PARTNER,
  PARTNER_OWNER,
  STRANGER,
  seedPartnersIndex,
} from './partnersTestBackend';

type Knex = Awaited<ReturnType<TestDatabases['init']>>;

/** The callers of the route matrix. */
export const ROLES = [
  'owner',
  'otherTeam',
  'partnerOwner',
  'security',
  'service',
  'unauthenticated',
] as const;

export type Role = (typeof ROLES)[number];

/** The Authorization header of each role; none when unauthenticated. */
export function authorizationOf(role: Role): string | undefined {
  switch (role) {
    case 'owner':
      return `Bearer ${mockCredentials.user.token(GUEST)}`;
    case 'otherTeam':
      return `Bearer ${mockCredentials.user.token(STRANGER)}`;
    case 'partnerOwner':
      return `Bearer ${mockCredentials.user.token(PARTNER_OWNER)}`;
    case 'security':
      return `Bearer ${mockCredentials.user.token(NOOR)}`;
    case 'service':
      return mockCredentials.service.header();
    default:
      return undefined;
  }
}

/** Where each identity's secret lives: what only stakeholders may read. */
const SECRET_REFS: Record<string, string> = {
  'orders-key': 'vault:matrix/orders-key',
  'billing-key': 'vault:matrix/billing-key',
};

const AT = '2026-11-01T09:00:00.000Z';

/** The ids of what the matrix reads and decides. */
export interface MatrixEstate {
  reviews: Record<string, number>;
  exceptions: Record<string, number>;
  items: Record<
    'ordersClose' | 'billingClose' | 'ordersRevoke' | 'billingRevoke',
    number
  >;
}

async function insertId(
  knex: Knex,
  table: string,
  row: Record<string, unknown>,
): Promise<number> {
  const [inserted] = await knex(table).insert(row).returning('id');
  return Number(inserted.id ?? inserted);
}

/**
 * The estate of {@link seedPartnersIndex} with what every route reads: an
 * identity per integration (with its secret location) reaching the orders
 * service, a finding on the partner and on each integration, a pending
 * review and a requested exception per integration, an open offboarding
 * checklist with four items, and audit events of acme and of another
 * partner.
 */
export async function seedMatrixEstate(knex: Knex): Promise<MatrixEstate> {
  await seedPartnersIndex(knex);
  for (const [ref, name] of [
    [ORDERS, 'orders-key'],
    [BILLING, 'billing-key'],
  ]) {
    await knex('identities').insert({
      integration_ref: ref,
      name,
      type: 'api-key',
      status: 'active',
      custodian_ref: null,
      scopes: '["orders:read"]',
      privileged: false,
      shared_with: '[]',
      secret_ref: SECRET_REFS[name],
    });
    await knex('integration_accesses').insert({
      integration_ref: ref,
      target_ref: 'component:default/orders-service',
    });
  }
  for (const [ref, identity] of [
    [PARTNER, ''],
    [ORDERS, 'orders-key'],
    [BILLING, 'billing-key'],
  ]) {
    await knex('findings').insert({
      rule_id: identity ? 'identity-dormant' : 'partner-dormant',
      entity_ref: ref,
      identity,
      partner_ref: PARTNER,
      severity: 'medium',
      message: `A finding about ${ref}`,
      frameworks: '["NHI1"]',
      first_seen_at: AT,
      last_seen_at: AT,
    });
  }
  const estate: MatrixEstate = {
    reviews: {},
    exceptions: {},
    items: {} as MatrixEstate['items'],
  };
  for (const [ref, owner] of [
    [ORDERS, 'group:default/team-orders'],
    [BILLING, 'group:default/team-payments'],
  ]) {
    estate.reviews[ref] = await insertId(knex, 'access_reviews', {
      integration_ref: ref,
      partner_ref: PARTNER,
      assignee_ref: owner,
      status: 'pending',
      pending_key: ref,
      opened_at: AT,
      due_at: '2026-12-01T09:00:00.000Z',
    });
    estate.exceptions[ref] = await insertId(knex, 'exceptions', {
      rule_id: 'identity-rotation-overdue',
      entity_ref: ref,
      identity: '',
      partner_ref: PARTNER,
      justification: 'Rotation planned with the partner',
      requested_by: owner,
      requested_at: AT,
      expires_at: '2099-01-01T00:00:00.000Z',
      status: 'requested',
      open_key: `matrix-${ref}`,
    });
  }
  const checklist = await insertId(knex, 'offboarding_checklists', {
    partner_ref: PARTNER,
    reasons: '["stage-offboarding"]',
    status: 'open',
    open_key: PARTNER,
    opened_at: AT,
  });
  const item = (ref: string, kind: string, identity?: string) =>
    insertId(knex, 'offboarding_items', {
      checklist_id: checklist,
      partner_ref: PARTNER,
      integration_ref: ref,
      kind,
      identity: identity ?? null,
      item_key: `${kind}-${ref}-${identity ?? ''}`.slice(0, 64),
      description: `${kind} ${identity ?? ref}`,
      source: 'offboarding',
      status: 'pending',
    });
  estate.items = {
    ordersClose: await item(ORDERS, 'close'),
    billingClose: await item(BILLING, 'close'),
    ordersRevoke: await item(ORDERS, 'revoke', 'orders-key'),
    billingRevoke: await item(BILLING, 'revoke', 'billing-key'),
  };
  for (const partnerRef of [PARTNER, 'partner:default/globex']) {
    await knex('audit_events').insert({
      at: AT,
      actor: 'user:default/someone',
      action: 'review.decided',
      subject_type: 'access-review',
      subject_ref: '0',
      partner_ref: partnerRef,
    });
  }
  // acme's stage history: its first sighting, then a move a user's sync saw
  await knex('partner_stage_history').insert(
    [null, 'enablement'].map(previous => ({
      partner_ref: PARTNER,
      stage: previous ? 'measurement' : 'enablement',
      previous_stage: previous,
      seen_at: AT,
      allowed: true,
      recorded_by: previous ? 'user:default/someone' : 'plugin:partners',
      changed_by: previous ? 'user:default/pia-keller' : null,
    })),
  );
  return estate;
}
