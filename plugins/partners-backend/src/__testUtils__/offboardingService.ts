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

import { completer } from './actors';
import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import { OffboardingService } from '../services/OffboardingService';
import { createTestDatabaseService } from './databases';
import { NOW, seedOffboardingEstate } from './offboarding';

/** A GitHub token shape; the detector must refuse it as evidence. */

/**
 * The offboarding service over the offboarding estate on a fresh test
 * database, on NOW; with the reviews store of the same database.
 */
export async function openOffboardingService(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<{
  knex: Knex;
  reviewsStore: DatabaseReviewsStore;
  service: OffboardingService;
}> {
  const created = await createTestDatabaseService(databases, id);
  const knex = created.knex;
  const store = await DatabaseOffboardingStore.create({
    database: created.database,
  });
  const reviewsStore = await DatabaseReviewsStore.create({
    database: created.database,
  });
  await seedOffboardingEstate(knex);
  const service = new OffboardingService({
    store,
    logger: mockServices.logger.mock(),
    clock: () => NOW,
  });
  return { knex, reviewsStore, service };
}

/** An offboarding item as `items()` reads it: pending, from offboarding. */
export const item = (
  checklistId: number,
  integrationRef: string,
  kind: string,
  name: string | null,
  extra = {},
) => ({
  checklist_id: checklistId,
  integration_ref: integrationRef,
  kind,
  identity: name,
  source: 'offboarding',
  review_id: null,
  status: 'pending',
  ...extra,
});

/**
 * Reads of the offboarding tables, and completing a checklist, over the
 * database and service `current` returns at call time.
 */
export function offboardingTools(
  current: () => { knex: Knex; service: OffboardingService },
) {
  const table = (name: string) => current().knex(name);
  return {
    checklists: () =>
      table('offboarding_checklists')
        .select('id', 'partner_ref', 'status', 'open_key', 'reasons')
        .orderBy('id'),
    items: (partnerRef?: string) => {
      const q = table('offboarding_items')
        .select(
          'checklist_id',
          'integration_ref',
          'kind',
          'identity',
          'source',
          'review_id',
          'status',
        )
        .orderBy('id');
      return partnerRef ? q.where('partner_ref', partnerRef) : q;
    },
    /** Every checklist, item and audit row, in order. */
    dump: async () => ({
      checklists: await table('offboarding_checklists').orderBy('id'),
      items: await table('offboarding_items').orderBy('id'),
      audit: await table('audit_events').orderBy('id'),
    }),
    /** Completes every item of a checklist as `actor`. */
    completeAll: async (checklistId: number, actor: string) => {
      const rows = await table('offboarding_items')
        .select('id')
        .where('checklist_id', checklistId)
        .where('status', 'pending');
      for (const row of rows) {
        await current().service.completeItem(
          Number(row.id),
          { evidence: `CHG-${row.id}` },
          completer(actor),
        );
      }
    },
  };
}
