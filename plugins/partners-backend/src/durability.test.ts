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

import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_PARTNERS_POLICY } from '@partner-governance/plugin-partners-common';
import knexFactory, { type Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from './__testUtils__/databases';
import { CRIT_API, day, seedReviewEstate } from './__testUtils__/reviews';
import { DatabaseReviewsStore } from './database/DatabaseReviewsStore';
import type { RevocationHandler } from './database/ReviewsStore';
import { ReviewsService } from './services/ReviewsService';

jest.setTimeout(90_000);

const DECIDER = 'user:default/alice';

/*
 * What a database failure does to decisions: a decision is one transaction
 * (the review, its audit event and what a revoke opens), so a connection
 * lost in the middle leaves nothing of it, and a committed one survives the
 * database dropping every connection, as a restart does.
 */
describe('decisions across database failures', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseReviewsStore;
    let failRevoke: RevocationHandler | undefined;
    let service: ReviewsService;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseReviewsStore.create({ database: created.database });
      await seedReviewEstate(knex);
      failRevoke = undefined;
      service = new ReviewsService({
        store,
        policy: () => DEFAULT_PARTNERS_POLICY,
        logger: mockServices.logger.mock(),
        onRevoke: (tx, review, identities) =>
          failRevoke ? failRevoke(tx, review, identities) : Promise.resolve(),
        clock: () => day(1),
      });
      await service.openDueReviews(day(0));
    });

    async function pendingReviewOf(integrationRef: string): Promise<number> {
      const row = await knex('access_reviews')
        .where({ integration_ref: integrationRef, status: 'pending' })
        .first();
      return Number(row.id);
    }

    const decidedEvents = (id: number) =>
      knex('audit_events')
        .where('action', 'review.decided')
        .select('after')
        .then(rows => rows.filter(r => JSON.parse(r.after).reviewId === id));

    it('keeps nothing of a decision whose transaction fails midway, and the review can still be decided', async () => {
      const id = await pendingReviewOf(CRIT_API);
      failRevoke = async tx => {
        // the revoke's own writes happen, then the transaction fails
        await tx('audit_events').insert({
          at: day(1).toISOString(),
          actor: DECIDER,
          action: 'offboarding.item-opened',
          subject_type: 'offboarding-item',
          subject_ref: CRIT_API,
        });
        if (databaseId.startsWith('POSTGRES')) {
          // the connection is lost mid-transaction
          await tx.raw('select pg_terminate_backend(pg_backend_pid())');
        }
        throw new Error('the connection was lost');
      };
      await expect(
        service.decide(
          id,
          { decision: 'revoke', identities: ['crit-old'] },
          { actor: DECIDER, authorize: async () => true },
        ),
      ).rejects.toBeDefined();

      const review = await knex('access_reviews').where('id', id).first();
      expect(review).toMatchObject({
        status: 'pending',
        pending_key: CRIT_API,
        decided_at: null,
        decided_by: null,
      });
      expect(await decidedEvents(id)).toEqual([]);
      expect(
        await knex('audit_events').where('action', 'offboarding.item-opened'),
      ).toEqual([]);

      failRevoke = undefined;
      await expect(
        service.decide(
          id,
          { decision: 'revoke', identities: ['crit-old'] },
          { actor: DECIDER, authorize: async () => true },
        ),
      ).resolves.toMatchObject({ status: 'revoked' });
      expect(await decidedEvents(id)).toHaveLength(1);
    });

    if (databaseId.startsWith('POSTGRES')) {
      it('keeps every committed decision when the database drops all connections, as a restart does', async () => {
        const id = await pendingReviewOf(CRIT_API);
        await service.decide(
          id,
          { decision: 'attest', comment: 'crit-old runs a yearly export' },
          { actor: DECIDER, authorize: async () => true },
        );

        // A separate connection terminates every session of the database,
        // including the idle ones in the store's pool.
        const admin = knexFactory(knex.client.config);
        try {
          const { rows } = await admin.raw(
            'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
          );
          expect(rows[0].n).toBeGreaterThan(0);
        } finally {
          await admin.destroy();
        }

        // The pool replaces dead connections: the next reads see the decision.
        const read = async () => service.get(id);
        const details = await read().catch(read);
        expect(details).toMatchObject({
          status: 'attested',
          decidedBy: DECIDER,
          comment: 'crit-old runs a yearly export',
        });
        expect(await decidedEvents(id)).toHaveLength(1);
        await expect(
          service.decide(
            id,
            { decision: 'revoke', identities: ['crit-old'] },
            { actor: DECIDER, authorize: async () => true },
          ),
        ).rejects.toMatchObject({ name: 'ConflictError' });
      });
    }
  });
});
