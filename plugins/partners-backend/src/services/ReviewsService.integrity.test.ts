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
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import { CRIT_API, day, seedReviewEstate } from '../__testUtils__/reviews';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import { ReviewsService } from './ReviewsService';

jest.setTimeout(90_000);

// A pending review follows its integration to a new owner, and a revoke
// decision never commits without what it opens.

describe('ReviewsService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let service: ReviewsService;
    let store: DatabaseReviewsStore;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      // the store migrates the database the estate is seeded into
      store = await DatabaseReviewsStore.create({
        database: created.database,
      });
      await seedReviewEstate(knex);
      service = new ReviewsService({
        store,
        policy: () => DEFAULT_PARTNERS_POLICY,
        logger: mockServices.logger.mock(),
      });
    });

    const pending = () =>
      knex('access_reviews')
        .where({ integration_ref: CRIT_API, status: 'pending' })
        .first();

    it('moves a pending review to the new owner of its integration, audited once', async () => {
      await service.openDueReviews(day(0));
      const before = await pending();
      expect(before.assignee_ref).not.toBe('group:default/team-new');

      await knex('integrations')
        .where('entity_ref', CRIT_API)
        .update({ owner_ref: 'group:default/team-new' });
      await service.openDueReviews(day(1));
      await service.openDueReviews(day(2));

      expect(await pending()).toMatchObject({
        id: before.id,
        assignee_ref: 'group:default/team-new',
      });
      const events = await knex('audit_events').where(
        'action',
        'review.reassigned',
      );
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].before)).toEqual({
        reviewId: Number(before.id),
        assignee: before.assignee_ref,
      });
      expect(JSON.parse(events[0].after)).toEqual({
        reviewId: Number(before.id),
        assignee: 'group:default/team-new',
      });
    });

    it('leaves decided reviews with whoever decided them', async () => {
      await service.openDueReviews(day(0));
      await knex('access_reviews')
        .where('integration_ref', CRIT_API)
        .update({ status: 'attested', pending_key: null });
      await knex('integrations')
        .where('entity_ref', CRIT_API)
        .update({ owner_ref: 'group:default/team-new' });
      await service.openDueReviews(day(1));
      expect(
        await knex('access_reviews')
          .where({ integration_ref: CRIT_API, status: 'attested' })
          .first(),
      ).toMatchObject({ assignee_ref: expect.not.stringMatching(/team-new/) });
      expect(
        await knex('audit_events').where('action', 'review.reassigned'),
      ).toEqual([]);
    });

    it('does not store a revoke decision when opening its offboarding items fails', async () => {
      const failing = new ReviewsService({
        store,
        policy: () => DEFAULT_PARTNERS_POLICY,
        logger: mockServices.logger.mock(),
        onRevoke: async () => {
          throw new Error('offboarding items could not be opened');
        },
      });
      await failing.openDueReviews(day(0));
      await failing.openDueReviews(day(16));
      const dump = async () => ({
        reviews: await knex('access_reviews').orderBy('id'),
        audit: await knex('audit_events').orderBy('id'),
      });
      const before = await dump();
      await expect(
        failing.decide(
          1,
          { decision: 'revoke', identities: ['crit-key'] },
          { actor: 'user:default/alice', authorize: async () => true },
          day(20),
        ),
      ).rejects.toThrow('offboarding items could not be opened');
      expect(await dump()).toEqual(before);
      expect((await pending()).status).toBe('pending');
    });
  });
});
