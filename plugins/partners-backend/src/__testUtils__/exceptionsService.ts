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
import {
  DEFAULT_PARTNERS_POLICY,
  type PartnersPolicy,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseExceptionsStore } from '../database/DatabaseExceptionsStore';
import { ExceptionsService } from '../services/ExceptionsService';
import { createTestDatabaseService } from './databases';
import { CRIT_API, day, seedReviewEstate } from './reviews';
import { CRIT } from './reviews';

/** "Now" of the exceptions tests: day 20 of the review estate. */
export const NOW = day(20);

/** A request for an exception to crit-old's dormancy, with overrides. */
export const request = (overrides: Record<string, unknown> = {}) => ({
  ruleId: 'identity-dormant',
  entityRef: CRIT_API,
  identity: 'crit-old',
  justification: 'Yearly export job; rotation planned with the partner',
  expiresAt: day(50).toISOString(),
  ...overrides,
});

/** A findings row: crit-old's dormancy, open since day 0, with overrides. */
export const openFinding = (overrides: Record<string, unknown> = {}) => ({
  rule_id: 'identity-dormant',
  entity_ref: CRIT_API,
  identity: 'crit-old',
  partner_ref: CRIT,
  severity: 'medium',
  message: 'crit-old is dormant',
  frameworks: '["NHI1"]',
  first_seen_at: day(0).toISOString(),
  last_seen_at: day(20).toISOString(),
  resolved_at: null,
  ...overrides,
});

/**
 * The exceptions service over the review estate on a fresh test database,
 * reading the policy `policy` returns on every use, on NOW.
 */
export async function openExceptionsService(
  databases: TestDatabases,
  id: TestDatabaseId,
  policy: () => PartnersPolicy = () => DEFAULT_PARTNERS_POLICY,
): Promise<{
  knex: Knex;
  store: DatabaseExceptionsStore;
  service: ExceptionsService;
}> {
  const created = await createTestDatabaseService(databases, id);
  const knex = created.knex;
  const store = await DatabaseExceptionsStore.create({
    database: created.database,
  });
  await seedReviewEstate(knex);
  const service = new ExceptionsService({
    store,
    policy,
    logger: mockServices.logger.mock(),
    clock: () => NOW,
  });
  return { knex, store, service };
}

/**
 * The audit rows (all, or of one action) in the database `knex` returns at
 * call time, without their ids and with their JSON parsed.
 */
export function auditRowsOf(knex: () => Knex) {
  return async (action?: string) =>
    (
      (await knex()('audit_events')
        .where(action ? { action } : {})
        .orderBy('id')) as Array<Record<string, any>>
    ).map(row => ({
      ...row,
      id: undefined,
      before: row.before ? JSON.parse(row.before) : null,
      after: row.after ? JSON.parse(row.after) : null,
    }));
}
