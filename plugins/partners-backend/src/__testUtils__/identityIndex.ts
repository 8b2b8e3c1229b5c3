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

import type {
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type {
  PartnerEntityV1alpha1,
  PartnerIdentity,
  PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import type { IndexChanges } from '../database/IdentityIndexStore';
import { createTestDatabaseService } from './databases';

/** The times of successive index writes. */
export const T1 = '2026-11-01T08:00:00.000Z';
export const T2 = '2026-11-02T08:00:00.000Z';
export const T3 = '2026-11-03T08:00:00.000Z';

type PartnerChange = IndexChanges['partners'][number];
type IntegrationChange = IndexChanges['integrations'][number];

/** A partner as the sync hands it to the store. */
export function partnerChange(
  name: string,
  options: { hash?: string; stage?: 'enablement' | 'offboarding' } = {},
): PartnerChange {
  const entity: PartnerEntityV1alpha1 = {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'Partner',
    metadata: { name, namespace: 'default', title: `Partner ${name}` },
    spec: {
      type: 'integrator',
      owner: 'group:partner-operations',
      lifecycle: { stage: options.stage ?? 'enablement' },
      risk: { tier: 'medium' },
      contract: { end: '2027-06-30', status: 'active' },
    },
  };
  return {
    entity,
    ref: `partner:default/${name}`,
    ownerRef: 'group:default/partner-operations',
    hash: options.hash ?? `hash-${name}-1`,
  };
}

/** An identity as a PartnerIntegration entity declares it. */
export function identity(
  name: string,
  overrides: Partial<PartnerIdentity> = {},
): PartnerIdentity {
  return {
    name,
    type: 'api-key',
    scopes: ['orders:read'],
    secretRef: `vault:kv/partners/${name}`,
    issued: '2026-01-10',
    lastUsed: '2026-11-20',
    ...overrides,
  };
}

/** An integration of partner acme (or another) as the sync hands it over. */
export function integrationChange(
  name: string,
  options: {
    partner?: string;
    hash?: string;
    identities?: PartnerIdentity[];
    accesses?: string[];
    custodians?: Record<string, string>;
  } = {},
): IntegrationChange {
  const partner = options.partner ?? 'acme';
  const identities = options.identities ?? [identity(`${name}-key`)];
  const entity: PartnerIntegrationEntityV1alpha1 = {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name, namespace: 'default' },
    spec: {
      partner: `partner:${partner}`,
      type: 'api',
      owner: 'group:team-orders',
      environment: 'production',
      accessPackage: 'orders-read',
      accesses: options.accesses ?? ['component:orders-api'],
      identities,
    },
  };
  return {
    entity,
    ref: `partnerintegration:default/${name}`,
    partnerRef: `partner:default/${partner}`,
    ownerRef: 'group:default/team-orders',
    accesses: (options.accesses ?? ['component:orders-api']).map(target =>
      target.replace(/^(\w+):(?!default\/)/, '$1:default/'),
    ),
    custodians: new Map(
      identities.map(i => [
        i.name,
        options.custodians?.[i.name] ?? 'group:default/team-orders',
      ]),
    ),
    hash: options.hash ?? `hash-${name}-1`,
  };
}

/** One write to the index: nothing changed or gone unless given, at T1. */
export function changes(partial: Partial<IndexChanges>): IndexChanges {
  return {
    partners: [],
    integrations: [],
    gonePartners: [],
    goneIntegrations: [],
    now: T1,
    ...partial,
  };
}

/** The identity index store over a fresh test database. */
export async function openIdentityIndexStore(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<{ knex: Knex; store: DatabaseIdentityIndexStore }> {
  const created = await createTestDatabaseService(databases, id);
  return {
    knex: created.knex,
    store: await DatabaseIdentityIndexStore.create({
      database: created.database,
    }),
  };
}

/**
 * The stored identities (by name) and access targets (sorted) of an
 * integration, read through the database `knex` returns at call time.
 */
export function integrationRows(knex: () => Knex) {
  return {
    identitiesOf: (integrationRef: string) =>
      knex()('identities')
        .where('integration_ref', integrationRef)
        .orderBy('name'),
    accessesOf: async (integrationRef: string) =>
      (
        await knex()('integration_accesses')
          .where('integration_ref', integrationRef)
          .orderBy('target_ref')
      ).map(row => row.target_ref),
  };
}
