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
  UNIQUE_VIOLATION,
} from '../__testUtils__/databases';
import {
  ENDED,
  ENDED_API,
  LEAVING,
  LEAVING_API,
  LEAVING_FEED,
  NOW,
  seedOffboardingEstate,
  STAYS,
  STAYS_API,
  TERMINATED,
} from '../__testUtils__/offboarding';
import { identity } from '../__testUtils__/reviews';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import { OffboardingService, offboardingReasons } from './OffboardingService';
import { ReviewsService } from './ReviewsService';

jest.setTimeout(90_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
/** A GitHub token shape; the detector must refuse it as evidence. */
const GITHUB_TOKEN = `ghp_${'a1B2'.repeat(9)}`;

describe('offboardingReasons', () => {
  const now = new Date('2026-11-01T12:00:00.000Z');
  const candidate = { partnerRef: 'partner:default/x', stage: 'measurement' };

  it('names the stage and an ended contract, and nothing otherwise', () => {
    expect(
      offboardingReasons({ ...candidate, stage: 'offboarding' }, now),
    ).toEqual(['stage-offboarding']);
    expect(
      offboardingReasons(
        { ...candidate, stage: 'offboarding', contractStatus: 'expired' },
        now,
      ),
    ).toEqual(['stage-offboarding', 'contract-ended']);
    expect(
      offboardingReasons({ ...candidate, contractEnd: '2026-10-31' }, now),
    ).toEqual(['contract-ended']);
    expect(
      offboardingReasons(
        { ...candidate, contractEnd: '2026-10-31T23:59:00-05:00' },
        now,
      ),
    ).toEqual(['contract-ended']);
    // ends today: not past yet
    expect(
      offboardingReasons({ ...candidate, contractEnd: '2026-11-01' }, now),
    ).toEqual([]);
    expect(
      offboardingReasons(
        { ...candidate, contractEnd: '2027-01-01', contractStatus: 'notice' },
        now,
      ),
    ).toEqual([]);
    expect(
      offboardingReasons({ ...candidate, contractEnd: 'not a date' }, now),
    ).toEqual([]);
    expect(
      offboardingReasons({ ...candidate, stage: 'offboarded' }, now),
    ).toEqual([]);
  });
});

describe('OffboardingService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseOffboardingStore;
    let reviewsStore: DatabaseReviewsStore;
    let service: OffboardingService;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseOffboardingStore.create({
        database: created.database,
      });
      reviewsStore = await DatabaseReviewsStore.create({
        database: created.database,
      });
      await seedOffboardingEstate(knex);
      service = new OffboardingService({
        store,
        logger: mockServices.logger.mock(),
        clock: () => NOW,
      });
    });

    const checklists = () =>
      knex('offboarding_checklists')
        .select('id', 'partner_ref', 'status', 'open_key', 'reasons')
        .orderBy('id');
    const items = (partnerRef?: string) => {
      const q = knex('offboarding_items')
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
    };
    const dump = async () => ({
      checklists: await knex('offboarding_checklists').orderBy('id'),
      items: await knex('offboarding_items').orderBy('id'),
      audit: await knex('audit_events').orderBy('id'),
    });
    const item = (
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
    /** Completes every item of a checklist as `actor`. */
    async function completeAll(checklistId: number, actor: string) {
      const rows = await knex('offboarding_items')
        .select('id')
        .where('checklist_id', checklistId)
        .where('status', 'pending');
      for (const row of rows) {
        await service.completeItem(
          Number(row.id),
          { evidence: `CHG-${row.id}` },
          { actor },
        );
      }
    }

    describe('openDueChecklists', () => {
      it('opens one checklist per leaving partner, with an item per active identity, shared secret and integration', async () => {
        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 3,
          items: 9,
        });
        expect(
          (await checklists()).map(c => ({
            ...c,
            id: Number(c.id),
            reasons: JSON.parse(c.reasons),
          })),
        ).toEqual([
          {
            id: 1,
            partner_ref: ENDED,
            status: 'open',
            open_key: ENDED,
            reasons: ['contract-ended'],
          },
          {
            id: 2,
            partner_ref: LEAVING,
            status: 'open',
            open_key: LEAVING,
            reasons: ['stage-offboarding'],
          },
          {
            id: 3,
            partner_ref: TERMINATED,
            status: 'open',
            open_key: TERMINATED,
            reasons: ['contract-ended'],
          },
        ]);
        expect(
          (await items()).map(i => ({
            ...i,
            checklist_id: Number(i.checklist_id),
          })),
        ).toEqual([
          item(1, ENDED_API, 'revoke', 'ended-key'),
          // its secret location is also key-e's
          item(1, ENDED_API, 'rotate', 'ended-key'),
          item(1, ENDED_API, 'close', null),
          // key-c is revoked, key-d gone, key-e suspended: nothing to revoke
          item(2, LEAVING_API, 'revoke', 'key-a'),
          item(2, LEAVING_API, 'revoke', 'key-b'),
          // key-b has sharedWith; key-e's secret is ended-key's too
          item(2, LEAVING_API, 'rotate', 'key-b'),
          item(2, LEAVING_API, 'rotate', 'key-e'),
          item(2, LEAVING_API, 'close', null),
          item(2, LEAVING_FEED, 'close', null),
        ]);
        const descriptions = (
          await knex('offboarding_items')
            .where('partner_ref', LEAVING)
            .orderBy('id')
        ).map(row => row.description);
        expect(descriptions).toEqual([
          `Revoke api-key key-a of ${LEAVING_API}`,
          `Revoke oauth-client key-b of ${LEAVING_API}`,
          `Rotate the shared secret of oauth-client key-b of ${LEAVING_API} (shared with group:default/team-x)`,
          `Rotate the shared secret of api-key key-e of ${LEAVING_API} (its secret is held by 1 other identity too)`,
          `Close ${LEAVING_API}`,
          `Close ${LEAVING_FEED}`,
        ]);
        // secret locations are never written into an item
        expect(JSON.stringify(await knex('offboarding_items'))).not.toMatch(
          /vault:/,
        );

        const events = await knex('audit_events').orderBy('id');
        expect(events.map(e => [e.action, e.actor, e.partner_ref])).toEqual([
          ['offboarding.opened', 'plugin:partners', ENDED],
          ['offboarding.opened', 'plugin:partners', LEAVING],
          ['offboarding.opened', 'plugin:partners', TERMINATED],
        ]);
        expect(JSON.parse(events[1].after)).toEqual({
          checklistId: 2,
          status: 'open',
          reasons: ['stage-offboarding'],
          items: [
            {
              itemId: 4,
              kind: 'revoke',
              integrationRef: LEAVING_API,
              identity: 'key-a',
              source: 'offboarding',
            },
            {
              itemId: 5,
              kind: 'revoke',
              integrationRef: LEAVING_API,
              identity: 'key-b',
              source: 'offboarding',
            },
            {
              itemId: 6,
              kind: 'rotate',
              integrationRef: LEAVING_API,
              identity: 'key-b',
              source: 'offboarding',
            },
            {
              itemId: 7,
              kind: 'rotate',
              integrationRef: LEAVING_API,
              identity: 'key-e',
              source: 'offboarding',
            },
            {
              itemId: 8,
              kind: 'close',
              integrationRef: LEAVING_API,
              source: 'offboarding',
            },
            {
              itemId: 9,
              kind: 'close',
              integrationRef: LEAVING_FEED,
              source: 'offboarding',
            },
          ],
        });
      });

      it('is idempotent, also when two instances run at once', async () => {
        const other = new OffboardingService({
          store: new DatabaseOffboardingStore(knex),
          logger: mockServices.logger.mock(),
          clock: () => NOW,
        });
        const results = await Promise.all([
          service.openDueChecklists(),
          other.openDueChecklists(),
        ]);
        expect(results.reduce((n, r) => n + r.opened, 0)).toBe(3);
        expect(results.reduce((n, r) => n + r.items, 0)).toBe(9);
        const before = await dump();
        expect(before.checklists).toHaveLength(3);
        expect(before.items).toHaveLength(9);
        expect(before.audit).toHaveLength(3);

        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 0,
          items: 0,
        });
        expect(await dump()).toEqual(before);
      });

      it('adds the items of identities and integrations that appear later, once', async () => {
        await service.openDueChecklists();
        await knex('identities').insert(identity(LEAVING_FEED, 'feed-key'));
        // a second reason for the same open checklist
        await knex('partners')
          .where('entity_ref', LEAVING)
          .update({ contract_status: 'expired' });

        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 0,
          items: 1,
        });
        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 0,
          items: 0,
        });
        expect(await items(LEAVING)).toHaveLength(7);
        const last = (await items(LEAVING))[6];
        expect({ ...last, checklist_id: Number(last.checklist_id) }).toEqual(
          item(2, LEAVING_FEED, 'revoke', 'feed-key'),
        );
        expect(
          JSON.parse(
            (await knex('offboarding_checklists').where('id', 2).first())
              .reasons,
          ),
        ).toEqual(['stage-offboarding', 'contract-ended']);
        const event = await knex('audit_events')
          .where('action', 'offboarding.items-added')
          .first();
        expect(event.partner_ref).toBe(LEAVING);
        expect(JSON.parse(event.before)).toEqual({
          checklistId: 2,
          reasons: ['stage-offboarding'],
        });
        expect(JSON.parse(event.after)).toEqual({
          checklistId: 2,
          reasons: ['stage-offboarding', 'contract-ended'],
          items: [
            {
              itemId: 10,
              kind: 'revoke',
              integrationRef: LEAVING_FEED,
              identity: 'feed-key',
              source: 'offboarding',
            },
          ],
        });
        expect(
          await knex('audit_events').where('action', 'offboarding.items-added'),
        ).toHaveLength(1);
      });

      it('opens no new checklist for a partner verified offboarded', async () => {
        await service.openDueChecklists();
        await completeAll(2, ALICE);
        await service.verify(LEAVING, {}, { actor: BOB });
        await knex('identities').insert(identity(LEAVING_FEED, 'late-key'));
        const before = await dump();
        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 0,
          items: 0,
        });
        expect(await dump()).toEqual(before);
      });
    });

    it('keeps one open checklist per partner and one item per key in the schema', async () => {
      const checklist = (openKey: string | null) => ({
        partner_ref: LEAVING,
        reasons: '[]',
        status: openKey ? 'open' : 'verified',
        open_key: openKey,
        opened_at: NOW.toISOString(),
      });
      await knex('offboarding_checklists').insert(checklist(LEAVING));
      await expect(
        knex('offboarding_checklists').insert(checklist(LEAVING)),
      ).rejects.toMatchObject({
        message: expect.stringMatching(UNIQUE_VIOLATION),
      });
      // verified checklists hold no key: any number of them
      await knex('offboarding_checklists').insert(checklist(null));
      await knex('offboarding_checklists').insert(checklist(null));
      const [first, second] = (
        await knex('offboarding_checklists').select('id').orderBy('id')
      ).map(r => Number(r.id));
      const row = {
        checklist_id: first,
        partner_ref: LEAVING,
        integration_ref: LEAVING_API,
        kind: 'close',
        item_key: 'k',
        description: 'd',
        source: 'offboarding',
        status: 'pending',
      };
      await knex('offboarding_items').insert(row);
      await expect(knex('offboarding_items').insert(row)).rejects.toMatchObject(
        { message: expect.stringMatching(UNIQUE_VIOLATION) },
      );
      await knex('offboarding_items').insert({ ...row, checklist_id: second });
      // an item belongs to a checklist that exists
      await expect(
        knex('offboarding_items').insert({ ...row, checklist_id: 999 }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/FOREIGN KEY|foreign key/),
      });
    });

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

    describe('completeItem', () => {
      beforeEach(async () => {
        await service.openDueChecklists();
      });

      it('ticks a pending item with trimmed evidence, audited', async () => {
        await expect(
          service.completeItem(
            4,
            { evidence: '  CHG-1234 revoked  ' },
            {
              actor: ALICE,
            },
          ),
        ).resolves.toEqual({
          id: 4,
          checklistId: 2,
          kind: 'revoke',
          integrationRef: LEAVING_API,
          identity: 'key-a',
          description: `Revoke api-key key-a of ${LEAVING_API}`,
          source: 'offboarding',
          status: 'done',
          completedBy: ALICE,
          completedAt: NOW.toISOString(),
          evidence: 'CHG-1234 revoked',
        });
        const event = await knex('audit_events')
          .where('action', 'offboarding.item-completed')
          .first();
        expect([event.actor, event.subject_ref, event.partner_ref]).toEqual([
          ALICE,
          LEAVING_API,
          LEAVING,
        ]);
        const audited = {
          checklistId: 2,
          itemId: 4,
          kind: 'revoke',
          integrationRef: LEAVING_API,
          identity: 'key-a',
          source: 'offboarding',
        };
        expect(JSON.parse(event.before)).toEqual({
          ...audited,
          status: 'pending',
        });
        expect(JSON.parse(event.after)).toEqual({
          ...audited,
          status: 'done',
          evidence: 'CHG-1234 revoked',
        });
      });

      it('refuses empty, too long and secret evidence, changing nothing', async () => {
        const before = await dump();
        const complete = (evidence: string) =>
          service.completeItem(4, { evidence }, { actor: ALICE });
        await expect(complete('   ')).rejects.toMatchObject({
          name: 'InputError',
          message: 'request/body/evidence must not be empty',
        });
        await expect(complete('x'.repeat(4001))).rejects.toMatchObject({
          name: 'InputError',
          message: 'request/body/evidence must be at most 4000 characters',
        });
        // the bound applies after trimming
        await expect(complete(` ${'x'.repeat(4000)} `)).resolves.toMatchObject({
          status: 'done',
        });
        await knex('offboarding_items').where('id', 4).update({
          status: 'pending',
          completed_by: null,
          completed_at: null,
          evidence: null,
        });
        await knex('audit_events')
          .where('action', 'offboarding.item-completed')
          .delete();
        const error = await complete(
          `revoked, token was ${GITHUB_TOKEN}`,
        ).catch(e => e);
        expect(error).toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(
            /^request\/body\/evidence holds a secret value \(a GitHub token\)/,
          ),
        });
        expect(error.message).not.toContain(GITHUB_TOKEN);
        expect(await dump()).toEqual(before);
      });

      it('answers 404 for an unknown item and 409 twice or once verified', async () => {
        await expect(
          service.completeItem(999, { evidence: 'x' }, { actor: ALICE }),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: 'No offboarding item 999',
        });
        await service.completeItem(4, { evidence: 'CHG-1' }, { actor: ALICE });
        const before = await dump();
        await expect(
          service.completeItem(4, { evidence: 'CHG-2' }, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding item 4 was already completed',
        });
        expect(await dump()).toEqual(before);

        // terminated's checklist has no items: verified straight away
        await service.verify(TERMINATED, {}, { actor: BOB });
        await knex('offboarding_items').insert({
          checklist_id: 3,
          partner_ref: TERMINATED,
          integration_ref: 'partnerintegration:default/late',
          kind: 'close',
          item_key: 'k',
          description: 'late',
          source: 'offboarding',
          status: 'pending',
        });
        const late = await knex('offboarding_items')
          .where('item_key', 'k')
          .first();
        await expect(
          service.completeItem(
            Number(late.id),
            { evidence: 'x' },
            {
              actor: ALICE,
            },
          ),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 3 was already verified',
        });
      });
    });

    describe('verify', () => {
      beforeEach(async () => {
        await service.openDueChecklists();
      });

      it('verifies only with no pending item, by a second person, once', async () => {
        await completeAll(1, ALICE);
        await service.completeItem(4, { evidence: 'CHG-4' }, { actor: BOB });
        const before = await dump();
        await expect(
          service.verify(LEAVING, {}, { actor: 'user:default/carol' }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 2 has 5 pending items',
        });
        expect(await dump()).toEqual(before);

        await expect(
          service.verify(ENDED, {}, { actor: 'User:default/Alice' }),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message:
            'Offboarding checklist 1 must be verified by a second person: you completed items of it',
        });
        expect(await dump()).toEqual(before);

        const response = await service.verify(
          'ended',
          { comment: '  all gone  ' },
          { actor: BOB },
        );
        expect(response).toMatchObject({
          partnerRef: ENDED,
          checklist: {
            id: 1,
            status: 'verified',
            reasons: ['contract-ended'],
            verifiedBy: BOB,
            verifiedAt: NOW.toISOString(),
            comment: 'all gone',
            progress: { total: 3, done: 3, pending: 0 },
          },
        });
        const row = await knex('offboarding_checklists').where('id', 1).first();
        expect([row.status, row.open_key]).toEqual(['verified', null]);
        const event = await knex('audit_events')
          .where('action', 'offboarding.verified')
          .first();
        expect([event.actor, event.subject_ref, event.partner_ref]).toEqual([
          BOB,
          ENDED,
          ENDED,
        ]);
        expect(JSON.parse(event.before)).toEqual({
          checklistId: 1,
          status: 'open',
        });
        expect(JSON.parse(event.after)).toEqual({
          checklistId: 1,
          status: 'verified',
          items: 3,
          comment: 'all gone',
        });

        await expect(
          service.verify(ENDED, {}, { actor: 'user:default/carol' }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 1 was already verified',
        });
      });

      it('answers 404 for an unknown partner, 409 without a checklist, 400 for a secret comment', async () => {
        await expect(
          service.verify('nobody', {}, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: 'No partner partner:default/nobody',
        });
        await expect(
          service.verify(STAYS, {}, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: `${STAYS} has no open offboarding checklist`,
        });
        await expect(
          service.verify(TERMINATED, { comment: GITHUB_TOKEN }, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(
            /^request\/body\/comment holds a secret/,
          ),
        });
        await expect(
          service.verify('partner:default/', {}, { actor: BOB }),
        ).rejects.toMatchObject({ name: 'InputError' });
      });

      it('lets exactly one of two concurrent verifications succeed', async () => {
        await completeAll(1, ALICE);
        const results = await Promise.allSettled([
          service.verify(ENDED, { comment: 'one' }, { actor: BOB }),
          new OffboardingService({
            store: new DatabaseOffboardingStore(knex),
            logger: mockServices.logger.mock(),
            clock: () => NOW,
          }).verify(ENDED, { comment: 'two' }, { actor: 'user:default/carol' }),
        ]);
        expect(results.map(r => r.status).sort()).toEqual([
          'fulfilled',
          'rejected',
        ]);
        const rejected = results.find(r => r.status === 'rejected') as
          | PromiseRejectedResult
          | undefined;
        expect(rejected?.reason).toMatchObject({ name: 'ConflictError' });
        expect(
          await knex('audit_events').where('action', 'offboarding.verified'),
        ).toHaveLength(1);
      });
    });

    describe('getOffboarding', () => {
      it('shows the open checklist, else the latest, else none', async () => {
        await expect(service.getOffboarding(STAYS)).resolves.toEqual({
          partnerRef: STAYS,
        });
        await expect(service.getOffboarding('nobody')).rejects.toMatchObject({
          name: 'NotFoundError',
        });
        await service.openDueChecklists();
        const response = await service.getOffboarding(
          'Partner:default/Leaving',
        );
        expect(response.partnerRef).toBe(LEAVING);
        expect(response.checklist).toMatchObject({
          id: 2,
          status: 'open',
          openedAt: NOW.toISOString(),
          progress: { total: 6, done: 0, pending: 6 },
        });
        expect(response.checklist?.items.map(i => i.id)).toEqual([
          4, 5, 6, 7, 8, 9,
        ]);
        await service.verify(TERMINATED, {}, { actor: BOB });
        await expect(service.getOffboarding(TERMINATED)).resolves.toMatchObject(
          { checklist: { id: 3, status: 'verified', items: [] } },
        );
      });
    });
  });
});
