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

import { createTestDatabases } from '../__testUtils__/databases';
import {
  ACME,
  ACME_API,
  ACME_FEED,
  openTriggerFixture,
  T1,
  T2,
  T3,
  type TriggerFixture,
} from '../__testUtils__/reviewTriggers';

jest.setTimeout(120_000);

const OWNER_CHANGE =
  'the owner changed from group:default/team-orders to group:default/team-payments';
const SCOPE_CHANGE =
  'the scopes of identity orders-key changed: added refunds:write';

describe('re-review triggers over time', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let fx: TriggerFixture;

    describe('after a decision', () => {
      beforeEach(async () => {
        fx = await openTriggerFixture(databases, databaseId);
      });

      it('accumulates several changes in one review, and its decision consumes them', async () => {
        fx.estate.api.spec.owner = 'group:team-payments';
        await fx.refresh(T2);
        fx.estate.api.spec.identities![0].scopes!.push('refunds:write');
        await fx.refresh(T3);

        const [first, review] = await fx.reviewsOf(ACME_API);
        expect(await fx.reviewsOf(ACME_API)).toHaveLength(2);
        // opened by the first change, still due then, for the new owner
        expect(review).toMatchObject({
          status: 'pending',
          assignee_ref: 'group:default/team-payments',
          opened_at: T2.toISOString(),
          due_at: T2.toISOString(),
        });
        const dueReason = `Due now: 2 changes since 2026-12-05: ${OWNER_CHANGE}; ${SCOPE_CHANGE}.`;
        const pending = await fx.reviews.get(Number(review.id), T3);
        expect(pending.dueReason).toBe(dueReason);
        expect(pending.triggers!.map(t => [t.kind, t.at])).toEqual([
          ['integration-owner', T2.toISOString()],
          ['identity-scopes', T3.toISOString()],
        ]);
        expect(await fx.events('review.triggered')).toHaveLength(2);

        const decidedAt = new Date(T3.getTime() + 3_600_000);
        await fx.attest(ACME_API, decidedAt);

        expect(
          (await fx.triggers()).map(t => [Number(t.review_id), t.consumed_at]),
        ).toEqual([
          [Number(review.id), decidedAt.toISOString()],
          [Number(review.id), decidedAt.toISOString()],
        ]);
        const decisions = await fx.events('review.decided');
        expect(JSON.parse(decisions[0].after)).not.toHaveProperty(
          'consumedTriggers',
        );
        expect(JSON.parse(decisions[1].after)).toEqual({
          reviewId: Number(review.id),
          status: 'attested',
          comment: 'still needed',
          consumedTriggers: 2,
        });
        // the decided review keeps why it was due; the first one had none
        const decided = await fx.reviews.get(Number(review.id), decidedAt);
        expect(decided.status).toBe('attested');
        expect(decided.dueReason).toBe(
          `Was due on change: 2 changes since 2026-12-05: ${OWNER_CHANGE}; ${SCOPE_CHANGE}.`,
        );
        expect(decided.triggers).toHaveLength(2);
        const firstReview = await fx.reviews.get(Number(first.id), decidedAt);
        expect(firstReview).toMatchObject({
          dueReason: 'Due by cadence.',
          triggers: [],
        });

        // next due by cadence again: nothing opens on the next refresh
        await fx.refresh(new Date(T3.getTime() + 86_400_000));
        expect(await fx.reviewsOf(ACME_API)).toHaveLength(2);

        // and a change after the decision opens the next one
        fx.estate.api.spec.owner = 'group:team-orders';
        const later = new Date(T3.getTime() + 2 * 86_400_000);
        await fx.refresh(later);
        const reviews = await fx.reviewsOf(ACME_API);
        expect(reviews).toHaveLength(3);
        expect(reviews[2]).toMatchObject({
          status: 'pending',
          due_at: later.toISOString(),
        });
        const third = await fx.reviews.get(Number(reviews[2].id), later);
        expect(third.triggers!.map(t => t.kind)).toEqual(['integration-owner']);
      });

      it('never triggers an integration that left the catalog with its partner change', async () => {
        fx.estate.acme.spec.owner = 'user:alice';
        delete (fx.estate as Partial<typeof fx.estate>).feed;
        await fx.refresh(T2);

        expect(
          (await fx.triggers()).map(t => [t.integration_ref, t.kind]),
        ).toEqual([[ACME_API, 'partner-owner']]);
      });

      it('never triggers an integration that left the catalog before its partner changed', async () => {
        const { feed } = fx.estate;
        delete (fx.estate as Partial<typeof fx.estate>).feed;
        await fx.refresh(T2);
        fx.estate.acme.spec.risk.tier = 'critical';
        await fx.refresh(T3);

        expect(
          (await fx.triggers()).map(t => [t.integration_ref, t.kind]),
        ).toEqual([[ACME_API, 'partner-tier']]);

        // back in the catalog with the partner's next change: triggered
        fx.estate.feed = feed;
        fx.estate.acme.spec.owner = 'user:alice';
        const later = new Date(T3.getTime() + 86_400_000);
        await fx.refresh(later);
        expect(
          (await fx.triggers())
            .filter(t => t.seen_at === later.toISOString())
            .map(t => [t.integration_ref, t.kind]),
        ).toEqual([
          [ACME_API, 'partner-owner'],
          [ACME_FEED, 'partner-owner'],
        ]);
      });

      it('stores a value shaped like a secret redacted, in the trigger and its audit event', async () => {
        const token = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
        fx.estate.api.spec.identities![0].scopes!.push(token);
        await fx.refresh(T2);

        const [trigger] = await fx.triggers();
        // sorted where the token was
        expect(JSON.parse(trigger.after)).toEqual([
          '<redacted>',
          'orders:read',
          'orders:write',
        ]);
        const stored = JSON.stringify({
          triggers: await fx.triggers(),
          events: await fx.events('review.triggered'),
        });
        expect(stored).not.toContain(token);
      });

      it('bounds the values of a large change', async () => {
        fx.estate.api.spec.identities![0].scopes = Array.from(
          { length: 70 },
          (_, i) => `scope:${String(i).padStart(2, '0')}${'x'.repeat(300)}`,
        );
        await fx.refresh(T2);

        const [trigger] = await fx.triggers();
        const after: string[] = JSON.parse(trigger.after);
        expect(after).toHaveLength(51);
        expect(after[50]).toBe('… and 20 more');
        expect(after.every(v => Array.from(v).length <= 200)).toBe(true);
        const { triggers } = await fx.reviews.get(
          Number((await fx.reviewsOf(ACME_API))[1].id),
          T2,
        );
        expect(triggers![0].summary).toMatch(
          /^the scopes of identity orders-key changed from orders:read, orders:write to scope:00/,
        );
      });
    });

    describe('while a review is open', () => {
      beforeEach(async () => {
        fx = await openTriggerFixture(databases, databaseId, {
          decided: false,
        });
      });

      it('brings the open review forward to now with the reasons attached, audited', async () => {
        const [open] = await fx.reviewsOf(ACME_API);
        // opened by cadence at the first refresh, due after the lead window
        expect(open.due_at).toBe(
          new Date(T1.getTime() + 14 * 86_400_000).toISOString(),
        );
        fx.estate.api.spec.owner = 'group:team-payments';
        await fx.refresh(T2);

        const reviews = await fx.reviewsOf(ACME_API);
        expect(reviews).toEqual([
          {
            ...open,
            due_at: T2.toISOString(),
            assignee_ref: 'group:default/team-payments',
          },
        ]);
        const [moved] = await fx.events('review.brought-forward');
        expect(moved).toMatchObject({
          at: T2.toISOString(),
          actor: 'plugin:partners',
          subject_ref: ACME_API,
          partner_ref: ACME,
        });
        expect(JSON.parse(moved.before)).toEqual({
          reviewId: Number(open.id),
          dueAt: open.due_at,
        });
        expect(JSON.parse(moved.after)).toEqual({
          reviewId: Number(open.id),
          dueAt: T2.toISOString(),
        });
        const [item] = (
          await fx.reviews.list({ integration: ACME_API }, { now: T2 })
        ).items;
        expect(item.dueReason).toBe(`Due now: ${OWNER_CHANGE} on 2026-12-05.`);

        // a second change keeps the date of the first and moves nothing
        fx.estate.api.spec.accesses = [];
        await fx.refresh(T3);
        expect((await fx.reviewsOf(ACME_API))[0].due_at).toBe(T2.toISOString());
        expect(await fx.events('review.brought-forward')).toHaveLength(1);
        const detail = await fx.reviews.get(Number(open.id), T3);
        expect(detail.triggers!.map(t => t.kind)).toEqual([
          'integration-owner',
          'integration-accesses',
        ]);
      });

      it("brings forward the open reviews of each of a partner's integrations on a partner change", async () => {
        const before = {
          api: (await fx.reviewsOf(ACME_API))[0],
          feed: (await fx.reviewsOf(ACME_FEED))[0],
        };
        fx.estate.acme.spec.risk.tier = 'critical';
        await fx.refresh(T2);

        expect((await fx.reviewsOf(ACME_API))[0].id).toEqual(before.api.id);
        for (const ref of [ACME_API, ACME_FEED]) {
          const [review] = await fx.reviewsOf(ref);
          expect(review.due_at).toBe(T2.toISOString());
        }
        expect(
          (await fx.events('review.brought-forward')).map(e => e.subject_ref),
        ).toEqual([ACME_API, ACME_FEED]);
      });
    });
  });
});
