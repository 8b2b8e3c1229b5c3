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
import {
  CRIT_API,
  day,
  HIGH_API,
  LOW_API,
  MED_API,
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

    const reviews = () =>
      knex('access_reviews')
        .select(
          'integration_ref',
          'partner_ref',
          'assignee_ref',
          'status',
          'pending_key',
          'opened_at',
          'due_at',
        )
        .orderBy('id');

    it('opens one review per active integration on the cadence of its tier, 14 days before due', async () => {
      // the first run only records when the integrations were first seen
      await expect(service.openDueReviews(day(0))).resolves.toBe(0);
      // critical: due T0+30, opens on day 16, not on day 15
      await expect(service.openDueReviews(day(15))).resolves.toBe(0);
      await expect(service.openDueReviews(day(16))).resolves.toBe(1);
      // high: due T0+90, opens on day 76
      await expect(service.openDueReviews(day(75))).resolves.toBe(0);
      await expect(service.openDueReviews(day(76))).resolves.toBe(1);
      // medium: due T0+180; low: due T0+365
      await expect(service.openDueReviews(day(166))).resolves.toBe(1);
      await expect(service.openDueReviews(day(350))).resolves.toBe(0);
      await expect(service.openDueReviews(day(351))).resolves.toBe(1);
      // never for the offboarded partner, the gone partner or the gone integration
      await expect(service.openDueReviews(day(800))).resolves.toBe(0);

      expect(await reviews()).toEqual([
        {
          integration_ref: CRIT_API,
          partner_ref: 'partner:default/crit',
          assignee_ref: 'group:default/team-a',
          status: 'pending',
          pending_key: CRIT_API,
          opened_at: day(16).toISOString(),
          due_at: day(30).toISOString(),
        },
        {
          integration_ref: HIGH_API,
          partner_ref: 'partner:default/high',
          assignee_ref: 'user:default/alice',
          status: 'pending',
          pending_key: HIGH_API,
          opened_at: day(76).toISOString(),
          due_at: day(90).toISOString(),
        },
        {
          integration_ref: MED_API,
          partner_ref: 'partner:default/med',
          assignee_ref: 'group:default/team-b',
          status: 'pending',
          pending_key: MED_API,
          opened_at: day(166).toISOString(),
          due_at: day(180).toISOString(),
        },
        {
          integration_ref: LOW_API,
          partner_ref: 'partner:default/low',
          assignee_ref: 'group:default/team-a',
          status: 'pending',
          pending_key: LOW_API,
          opened_at: day(351).toISOString(),
          due_at: day(365).toISOString(),
        },
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
        dueAt: day(30).toISOString(),
      });
    });

    it('is idempotent on re-runs, also concurrent ones', async () => {
      await service.openDueReviews(day(0));
      await expect(service.openDueReviews(day(16))).resolves.toBe(1);
      await expect(service.openDueReviews(day(16))).resolves.toBe(0);
      const results = await Promise.all([
        service.openDueReviews(day(17)),
        service.openDueReviews(day(17)),
      ]);
      expect(results).toEqual([0, 0]);
      expect(await knex('access_reviews')).toHaveLength(1);
      expect(
        await knex('audit_events').where('action', 'review.opened'),
      ).toHaveLength(1);
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
      // next due T0+20+30 = T0+50: opens on day 36, not on day 35
      await expect(service.openDueReviews(day(35))).resolves.toBe(0);
      await expect(service.openDueReviews(day(36))).resolves.toBe(1);
      const next = await knex('access_reviews').where('id', 2).first();
      expect(next).toMatchObject({
        integration_ref: CRIT_API,
        status: 'pending',
        due_at: day(50).toISOString(),
      });
    });

    it('reports a pending review past its due date as a review-overdue finding, stored with the others', async () => {
      await service.openDueReviews(day(0));
      await service.openDueReviews(day(16));
      await expect(service.overdueFindings(day(30))).resolves.toEqual([]);
      const overdue = await service.overdueFindings(day(31));
      expect(overdue).toEqual([
        {
          ruleId: 'review-overdue',
          // high, raised for a critical-tier partner
          severity: 'critical',
          entityRef: CRIT_API,
          partnerRef: 'partner:default/crit',
          message: `The access review of ${CRIT_API} assigned to group:default/team-a was due ${day(
            30,
          ).toISOString()}`,
          frameworks: ['PR.AA-05', 'GV.SC-07', 'CIS 5.5'],
        },
      ]);
      // a high-tier partner keeps the rule's severity
      await service.openDueReviews(day(76));
      expect(
        (await service.overdueFindings(day(91))).map(f => [
          f.entityRef,
          f.severity,
        ]),
      ).toEqual([
        [CRIT_API, 'critical'],
        [HIGH_API, 'high'],
      ]);
      // an integration that left the catalog is not reported
      await knex('integrations')
        .where('entity_ref', HIGH_API)
        .update({ gone_at: day(91).toISOString() });
      expect(
        (await service.overdueFindings(day(91))).map(f => f.entityRef),
      ).toEqual([CRIT_API]);
      await findingsStore.storeEvaluation(overdue, day(31).toISOString());
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
      await expect(service.get(1, day(31))).resolves.toMatchObject({
        overdue: true,
        findings: [{ ruleId: 'review-overdue', entityRef: CRIT_API }],
      });

      // once decided it is no longer overdue, and the finding resolves
      await service.decide(
        1,
        { decision: 'revoke', identities: ['crit-old'] },
        { actor: 'user:default/alice', authorize: async () => true },
        day(32),
      );
      const after = await service.overdueFindings(day(32));
      expect(after).toEqual([]);
      await findingsStore.storeEvaluation(after, day(32).toISOString());
      expect(await knex('findings').first()).toMatchObject({
        resolved_at: day(32).toISOString(),
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
      const review = await service.get(2, day(36));
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
