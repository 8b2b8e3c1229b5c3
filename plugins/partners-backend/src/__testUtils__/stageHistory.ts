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

import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type {
  PartnerEntityV1alpha1,
  PartnerIntegrationEntityV1alpha1,
  PartnerLifecycleStageName,
} from '@partner-governance/plugin-partners-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { IdentityIndexSync } from '../services/IdentityIndexSync';
import { createTestDatabaseService } from './databases';

/*
 * Partners whose stage changes from one sync to the next, for the stage
 * history tests (test-only).
 */

/** The times of successive syncs, a day apart. */
export const DAYS = [
  new Date('2026-12-01T08:00:00.000Z'),
  new Date('2026-12-02T08:00:00.000Z'),
  new Date('2026-12-03T08:00:00.000Z'),
  new Date('2026-12-04T08:00:00.000Z'),
  new Date('2026-12-05T08:00:00.000Z'),
];

/** A Partner file as the catalog serves it, with its annotations. */
export function partnerFile(
  name: string,
  stage: PartnerLifecycleStageName,
  options: {
    annotations?: Record<string, string>;
    tier?: 'low' | 'medium' | 'high' | 'critical';
    title?: string;
  } = {},
): PartnerEntityV1alpha1 {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'Partner',
    metadata: {
      name,
      namespace: 'default',
      title: options.title ?? name,
      annotations: {
        'backstage.io/managed-by-location': `url:https://git.example/partners/${name}.yaml`,
        'backstage.io/managed-by-origin-location':
          'url:https://git.example/partners/all.yaml',
        ...options.annotations,
      },
    },
    spec: {
      type: 'integrator',
      owner: 'group:default/partner-ops',
      lifecycle: {
        stage,
        stageOwners: { onboarding: 'group:default/partner-ops' },
      },
      risk: { tier: options.tier ?? 'medium' },
    },
  };
}

/** An integration of a partner with one active api key. */
export function integrationFile(
  partner: string,
): PartnerIntegrationEntityV1alpha1 {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name: `${partner}-api`, namespace: 'default' },
    spec: {
      partner: `partner:default/${partner}`,
      type: 'api',
      owner: 'group:default/team-orders',
      identities: [{ name: `${partner}-key`, type: 'api-key' }],
    },
  };
}

/** An empty index on a fresh test database, and syncs over given files. */
export async function openStageHistoryFixture(
  databases: TestDatabases,
  id: TestDatabaseId,
) {
  const { knex, database } = await createTestDatabaseService(databases, id);
  const store = await DatabaseIdentityIndexStore.create({ database });
  const logger = mockServices.logger.mock();
  return {
    knex,
    store,
    logger,
    /** Syncs the given files at `at`, as `actor` when given. */
    sync: (
      files: Array<PartnerEntityV1alpha1 | PartnerIntegrationEntityV1alpha1>,
      at: Date,
      actor?: string,
    ) =>
      new IdentityIndexSync({
        store,
        // fresh objects on each run, as a catalog client returns them
        catalog: catalogServiceMock({ entities: structuredClone(files) }),
        auth: mockServices.auth(),
        logger,
      }).run(at, { actor }),
  };
}

/** The stage history as stored, oldest first, without ids. */
export async function historyRows(knex: Knex, partnerRef?: string) {
  const query = knex('partner_stage_history')
    .select(
      'partner_ref',
      'stage',
      'previous_stage',
      'seen_at',
      'allowed',
      'recorded_by',
      'changed_by',
      'source_location',
    )
    .orderBy('id');
  if (partnerRef) {
    query.where('partner_ref', partnerRef);
  }
  return (await query).map(row => ({ ...row, allowed: Boolean(row.allowed) }));
}

/** The `partner.stage-changed` audit events, oldest first, JSON parsed. */
export async function stageEvents(knex: Knex) {
  const rows = await knex('audit_events')
    .where('action', 'partner.stage-changed')
    .orderBy('id');
  return rows.map(row => ({
    at: row.at,
    actor: row.actor,
    subject: `${row.subject_type} ${row.subject_ref}`,
    partnerRef: row.partner_ref,
    before: JSON.parse(row.before),
    after: JSON.parse(row.after),
  }));
}
