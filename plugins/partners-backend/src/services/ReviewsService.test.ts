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
import {
  DEFAULT_PARTNERS_POLICY,
  RULES,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from '../__testUtils__/databases';
import {
  CRIT_API,
  day,
  HIGH_API,
  LOW_API,
  MED_API,
  scheduledReviews,
  seedReviewEstate,
  T0,
} from '../__testUtils__/reviews';
import { DatabaseFindingsStore } from '../database/DatabaseFindingsStore';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import { ReviewsService } from './ReviewsService';

jest.setTimeout(90_000);

describe('ReviewsService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let service: ReviewsService;
    let findingsStore: DatabaseFindingsStore;
    let store: DatabaseReviewsStore;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseReviewsStore.create({
        database: created.database,
      });
      findingsStore = await DatabaseFindingsStore.create({
        database: created.database,
      });
      await seedReviewEstate(knex);
      service = new ReviewsService({
        store,
        policy: () => DEFAULT_PARTNERS_POLICY,
        logger: mockServices.logger.mock(),
      });
    });

    const reviews = () => scheduledReviews(knex);

    it('opens the long-due first reviews on the first run, due after the lead window, and the others one cadence after issue', async () => {
      // every live key was issued on 2026-01-10: one cadence later is
      // before T0+14 for critical (30), high (90) and medium (180), so those
      // open at once, due T0+14; low (365) is due 2027-01-10 = T0+101
      await expect(service.openDueReviews(day(0))).resolves.toBe(3);
      await expect(service.openDueReviews(day(86))).resolves.toBe(0);
      await expect(service.openDueReviews(day(87))).resolves.toBe(1);
      // never for the offboarded partner, the gone partner or the gone integration
      await expect(service.openDueReviews(day(800))).resolves.toBe(0);

      const pending = (
        ref: string,
        assignee: string,
        opened: number,
        due: number,
      ) => ({
        integration_ref: ref,
        partner_ref: `partner:default/${ref
          .replace(/^.*\//, '')
          .replace(/-api$/, '')}`,
        assignee_ref: assignee,
        status: 'pending',
        pending_key: ref,
        opened_at: day(opened).toISOString(),
        due_at: day(due).toISOString(),
      });
      expect(await reviews()).toEqual([
        pending(CRIT_API, 'group:default/team-a', 0, 14),
        pending(HIGH_API, 'user:default/alice', 0, 14),
        pending(MED_API, 'group:default/team-b', 0, 14),
        pending(LOW_API, 'group:default/team-a', 87, 101),
      ]);
      const opened = await knex('audit_events')
        .where('action', 'review.opened')
        .orderBy('id');
      expect(opened.map(row => [row.subject_ref, row.actor])).toEqual([
        [CRIT_API, 'plugin:partners'],
        [HIGH_API, 'plugin:partners'],
        [MED_API, 'plugin:partners'],
        [LOW_API, 'plugin:partners'],
      ]);
      expect(JSON.parse(opened[0].after)).toEqual({
        reviewId: 1,
        assignee: 'group:default/team-a',
        dueAt: day(14).toISOString(),
      });
    });

    // crit-api (critical, 30 days) first seen on T0 = 2026-10-01: the issue
    // branch wins from an earliest issue date after 2026-09-15
    it.each([
      ['long ago: the lead window', ['2025-01-01', '2026-09-30'], 14, 0],
      ['on the boundary: both equal', ['2026-09-15', '2026-09-30'], 14, 0],
      ['one day after the boundary', ['2026-09-16', '2026-09-30'], 15, 1],
      ['the earliest live key counts', ['2026-09-30', '2026-09-20'], 19, 5],
      [
        'as a timestamp, its calendar day',
        ['2026-09-16T23:30:00-05:00', '2026-09-30'],
        15,
        1,
      ],
      ['no issue date: one cadence after first seen', [null, null], 30, 16],
      ['an unreadable issue date: as none', ['2026-02-30', null], 30, 16],
    ])(
      'schedules the first review of crit-api issued %s',
      async (_, [keyIssued, oldIssued], dueDay, openDay) => {
        // the gone key, issued earliest, never counts
        await knex('identities')
          .where({ integration_ref: CRIT_API, name: 'crit-gone' })
          .update({ issued: '2020-01-01' });
        await knex('identities')
          .where({ integration_ref: CRIT_API, name: 'crit-key' })
          .update({ issued: keyIssued });
        await knex('identities')
          .where({ integration_ref: CRIT_API, name: 'crit-old' })
          .update({ issued: oldIssued });
        const crit = () =>
          knex('access_reviews').where('integration_ref', CRIT_API);
        // one run a day from first sight: it opens on openDay, not before
        const counts: number[] = [];
        for (let d = 0; d <= openDay; d++) {
          await service.openDueReviews(day(d));
          counts.push((await crit()).length);
        }
        expect(counts).toEqual([...Array(openDay).fill(0), 1]);
        expect(await crit()).toEqual([
          expect.objectContaining({
            opened_at: day(openDay).toISOString(),
            due_at: day(dueDay).toISOString(),
          }),
        ]);
      },
    );

    it('is idempotent on re-runs, also concurrent ones', async () => {
      const results = await Promise.all([
        service.openDueReviews(day(0)),
        service.openDueReviews(day(0)),
      ]);
      expect(results[0] + results[1]).toBe(3);
      await expect(service.openDueReviews(day(0))).resolves.toBe(0);
      await expect(service.openDueReviews(day(1))).resolves.toBe(0);
      expect(await knex('access_reviews')).toHaveLength(3);
      expect(
        await knex('audit_events').where('action', 'review.opened'),
      ).toHaveLength(3);
    });

    it('keeps one pending review per integration in the database', async () => {
      await service.openDueReviews(day(0));
      await service.openDueReviews(day(16));
      await expect(
        knex('access_reviews').insert({
          integration_ref: CRIT_API,
          partner_ref: 'partner:default/crit',
          assignee_ref: 'group:default/team-a',
          status: 'pending',
          pending_key: CRIT_API,
          opened_at: T0,
          due_at: T0,
        }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(
          /UNIQUE constraint failed|duplicate key value/,
        ),
      });
    });

    it('schedules the next review one cadence after the decision', async () => {
      await service.openDueReviews(day(0));
      await service.openDueReviews(day(16));
      const decided = await service.decide(
        1,
        { decision: 'attest', comment: 'crit-old is a yearly batch job' },
        { actor: 'user:default/alice', authorize: async () => true },
        day(20),
      );
      expect(decided.status).toBe('attested');
      expect(await knex('access_reviews').where('id', 1).first()).toMatchObject(
        { pending_key: null, decided_at: day(20).toISOString() },
      );
      // next due T0+20+30 = T0+50 (not after the lead window: only the
      // first review is): opens on day 36, not on day 35
      await expect(service.openDueReviews(day(35))).resolves.toBe(0);
      await expect(service.openDueReviews(day(36))).resolves.toBe(1);
      // #2 and #3 are high-api's and med-api's, opened on day 0
      const next = await knex('access_reviews').where('id', 4).first();
      expect(next).toMatchObject({
        integration_ref: CRIT_API,
        status: 'pending',
        due_at: day(50).toISOString(),
      });
    });

    it('reports a pending review past its due date as a review-overdue finding, stored with the others', async () => {
      // crit-api, high-api and med-api open on day 0, due on day 14
      await service.openDueReviews(day(0));
      await expect(service.overdueFindings(day(14))).resolves.toEqual([]);
      const overdue = await service.overdueFindings(day(15));
      expect(overdue[0]).toEqual({
        ruleId: 'review-overdue',
        // high, raised for a critical-tier partner
        severity: 'critical',
        entityRef: CRIT_API,
        partnerRef: 'partner:default/crit',
        message: `The access review of ${CRIT_API} assigned to group:default/team-a was due ${day(
          14,
        ).toISOString()}`,
        frameworks: RULES['review-overdue'].frameworks,
      });
      // high- and medium-tier partners keep the rule's severity
      expect(overdue.map(f => [f.entityRef, f.severity])).toEqual([
        [CRIT_API, 'critical'],
        [HIGH_API, 'high'],
        [MED_API, 'high'],
      ]);
      // an integration that left the catalog is not reported
      await knex('integrations')
        .where('entity_ref', HIGH_API)
        .update({ gone_at: day(15).toISOString() });
      expect(
        (await service.overdueFindings(day(15))).map(f => f.entityRef),
      ).toEqual([CRIT_API, MED_API]);
      await findingsStore.storeEvaluation(
        overdue.slice(0, 1),
        day(15).toISOString(),
      );
      expect(
        await knex('findings').select(
          'rule_id',
          'entity_ref',
          'partner_ref',
          'severity',
          'resolved_at',
        ),
      ).toEqual([
        {
          rule_id: 'review-overdue',
          entity_ref: CRIT_API,
          partner_ref: 'partner:default/crit',
          severity: 'critical',
          resolved_at: null,
        },
      ]);
      await expect(service.get(1, day(15))).resolves.toMatchObject({
        overdue: true,
        findings: [{ ruleId: 'review-overdue', entityRef: CRIT_API }],
      });

      // once decided it is no longer overdue, and the finding resolves
      await service.decide(
        1,
        { decision: 'revoke', identities: ['crit-old'] },
        { actor: 'user:default/alice', authorize: async () => true },
        day(16),
      );
      const after = await service.overdueFindings(day(16));
      expect(after.map(f => f.entityRef)).toEqual([MED_API]);
      await findingsStore.storeEvaluation(after, day(16).toISOString());
      expect(
        await knex('findings').where('entity_ref', CRIT_API).first(),
      ).toMatchObject({
        resolved_at: day(16).toISOString(),
      });
    });

    it('shows what changed since the previous decision', async () => {
      await service.openDueReviews(day(0));
      await service.openDueReviews(day(16));
      await service.decide(
        1,
        { decision: 'attest', comment: 'ok' },
        { actor: 'user:default/alice', authorize: async () => true },
        day(20),
      );
      // the index changes: a scope added, a key gone, a key new
      await knex('identities')
        .where({ integration_ref: CRIT_API, name: 'crit-key' })
        .update({ scopes: '["orders:read","refunds:write"]' });
      await knex('identities')
        .where({ integration_ref: CRIT_API, name: 'crit-old' })
        .update({ gone_at: day(25).toISOString() });
      await knex('identities').insert({
        integration_ref: CRIT_API,
        name: 'crit-new',
        type: 'oauth-client',
        status: 'active',
        scopes: '[]',
        privileged: true,
        shared_with: '[]',
      });
      await service.openDueReviews(day(36));
      // #2 and #3 are high-api's and med-api's, opened on day 0
      const review = await service.get(4, day(36));
      expect(review.changes).toEqual({
        since: day(20).toISOString(),
        added: ['crit-new'],
        removed: ['crit-old'],
        scopeChanges: [
          {
            name: 'crit-key',
            added: ['refunds:write'],
            removed: ['orders:write'],
          },
        ],
      });
      // the decided review keeps what its reviewer saw
      const first = await service.get(1, day(36));
      expect(first.identities.map(i => i.name)).toEqual([
        'crit-key',
        'crit-old',
      ]);
      expect(first.changes).toBeUndefined();
    });

    it('stores one of two decisions racing on the same pending review', async () => {
      await service.openDueReviews(day(0));
      await service.openDueReviews(day(16));
      const review = (await store.getReview(1))!;
      const update = {
        decidedAt: day(20).toISOString(),
        decidedBy: 'user:default/alice',
        snapshot: [],
      };
      const results = await Promise.all([
        store.decide(review, { ...update, status: 'attested', comment: 'a' }),
        store.decide(review, {
          ...update,
          status: 'revoked',
          revokedIdentities: ['crit-old'],
        }),
      ]);
      expect([...results].sort()).toEqual([false, true]);
      expect(
        await knex('audit_events').where('action', 'review.decided'),
      ).toHaveLength(1);
      // a stale read decides nothing once the review is decided
      await expect(
        store.decide(review, { ...update, status: 'attested' }),
      ).resolves.toBe(false);
    });

    it('opens revocations through the seam inside the decision', async () => {
      const onRevoke = jest.fn();
      const withSeam = new ReviewsService({
        store,
        policy: () => DEFAULT_PARTNERS_POLICY,
        logger: mockServices.logger.mock(),
        onRevoke,
      });
      await withSeam.openDueReviews(day(0));
      await withSeam.openDueReviews(day(16));
      await withSeam.decide(
        1,
        { decision: 'revoke', identities: ['crit-key'] },
        { actor: 'user:default/alice', authorize: async () => true },
        day(20),
      );
      expect(onRevoke).toHaveBeenCalledWith(
        expect.anything(),
        expect.objectContaining({ id: 1, integrationRef: CRIT_API }),
        ['crit-key'],
      );
    });
  });
});
