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
import { ALICE } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  LEAVING,
  LEAVING_API,
  NOW,
  STAYS,
  STAYS_API,
} from '../__testUtils__/offboarding';
import {
  item,
  offboardingTools,
  openOffboardingService,
} from '../__testUtils__/offboardingService';
import { identity } from '../__testUtils__/reviews';
import type { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import type { OffboardingService } from './OffboardingService';
import { ReviewsService } from './ReviewsService';

jest.setTimeout(90_000);

describe('OffboardingService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let reviewsStore: DatabaseReviewsStore;
    let service: OffboardingService;

    beforeEach(async () => {
      ({ knex, reviewsStore, service } = await openOffboardingService(
        databases,
        databaseId,
      ));
    });

    const { checklists, items, dump } = offboardingTools(() => ({
      knex,
      service,
    }));

    describe('revoke decisions', () => {
      /** A pending review of an integration, as the review job opens it. */
      async function pendingReview(integrationRef: string, partnerRef: string) {
        const [row] = await knex('access_reviews')
          .insert({
            integration_ref: integrationRef,
            partner_ref: partnerRef,
            assignee_ref: 'group:default/team-a',
            status: 'pending',
            pending_key: integrationRef,
            opened_at: NOW.toISOString(),
            due_at: NOW.toISOString(),
          })
          .returning('id');
        return Number(typeof row === 'object' ? row.id : row);
      }
      const reviews = (onRevoke = service.onRevoke) =>
        new ReviewsService({
          store: reviewsStore,
          policy: () => DEFAULT_PARTNERS_POLICY,
          logger: mockServices.logger.mock(),
          onRevoke,
          clock: () => NOW,
        });
      const decider = { actor: ALICE, authorize: async () => true };

      it('opens revoke items in a new checklist with the decision', async () => {
        const id = await pendingReview(STAYS_API, STAYS);
        await reviews().decide(
          id,
          { decision: 'revoke', identities: ['stays-key'] },
          decider,
        );
        expect(
          (await checklists()).map(c => [c.partner_ref, c.status, c.reasons]),
        ).toEqual([[STAYS, 'open', '["review-revoke"]']]);
        expect(
          (await items()).map(i => ({
            ...i,
            checklist_id: Number(i.checklist_id),
            review_id: Number(i.review_id),
          })),
        ).toEqual([
          item(1, STAYS_API, 'revoke', 'stays-key', {
            source: 'review-revoke',
            review_id: id,
          }),
        ]);
        expect(
          (await knex('audit_events').orderBy('id')).map(e => [
            e.action,
            e.partner_ref,
          ]),
        ).toEqual([
          ['review.decided', STAYS],
          ['offboarding.opened', STAYS],
        ]);

        // the partner leaves later: the same checklist gets the rest
        await knex('partners')
          .where('entity_ref', STAYS)
          .update({ stage: 'offboarding' });
        await service.openDueChecklists();
        expect(
          (await items(STAYS)).map(i => [i.kind, i.identity, i.source]),
        ).toEqual([
          ['revoke', 'stays-key', 'review-revoke'],
          ['close', null, 'offboarding'],
        ]);
        expect(
          (await checklists()).filter(c => c.partner_ref === STAYS),
        ).toHaveLength(1);
      });

      it('adds to the open checklist without duplicating an item', async () => {
        await service.openDueChecklists();
        await knex('identities').insert(identity(LEAVING_API, 'key-f'));
        const id = await pendingReview(LEAVING_API, LEAVING);
        await reviews().decide(
          id,
          { decision: 'revoke', identities: ['key-a', 'key-f'] },
          decider,
        );
        const rows = await items(LEAVING);
        expect(rows).toHaveLength(7);
        expect(
          rows.filter(i => i.identity === 'key-a').map(i => i.source),
        ).toEqual(['offboarding']);
        expect(rows[6]).toMatchObject({
          kind: 'revoke',
          identity: 'key-f',
          source: 'review-revoke',
        });
        expect(Number(rows[6].review_id)).toBe(id);
        expect(await checklists()).toHaveLength(3);
      });

      it('stores neither the decision nor the items when the handler fails', async () => {
        const id = await pendingReview(STAYS_API, STAYS);
        const failing = reviews(async (tx, review, names) => {
          await service.onRevoke(tx, review, names);
          expect(await tx('offboarding_items')).toHaveLength(1);
          throw new Error('boom');
        });
        const before = await dump();
        await expect(
          failing.decide(
            id,
            { decision: 'revoke', identities: ['stays-key'] },
            decider,
          ),
        ).rejects.toThrow('boom');
        expect(await dump()).toEqual(before);
        expect(
          (await knex('access_reviews').where('id', id).first()).status,
        ).toBe('pending');
      });
    });
  });
});
