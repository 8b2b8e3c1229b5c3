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

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  DEFAULT_PARTNERS_POLICY,
  partnersOffboardingCompletePermission,
  partnersOffboardingVerifyPermission,
} from '@partner-governance/plugin-partners-common';
import express from 'express';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from './__testUtils__/databases';
import { grantingPermissions } from './__testUtils__/permissions';
import {
  ENDED,
  ENDED_API,
  NOW,
  seedOffboardingEstate,
  STAYS,
  STAYS_API,
} from './__testUtils__/offboarding';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseOffboardingStore } from './database/DatabaseOffboardingStore';
import { DatabaseReviewsStore } from './database/DatabaseReviewsStore';
import { createRouter } from './router';
import { OffboardingService } from './services/OffboardingService';
import { createReadModels } from './services/read';
import { ReviewsService } from './services/ReviewsService';

jest.setTimeout(90_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const DAVE = 'user:default/dave';
const MALLORY = 'user:default/mallory';
const GITHUB_TOKEN = `ghp_${'a1B2'.repeat(9)}`;

/** Who holds which permission: the policy the mock permissions apply. */
const GRANTS: Record<string, string[]> = {
  [partnersOffboardingCompletePermission.name]: [ALICE, BOB],
  [partnersOffboardingVerifyPermission.name]: [ALICE, BOB, CAROL, DAVE],
  'partners.review.decide': [ALICE],
};

/** The checklist of partner `ended` as the job opens it. */
const ENDED_ITEMS = [
  {
    id: 1,
    checklistId: 1,
    kind: 'revoke',
    integrationRef: ENDED_API,
    identity: 'ended-key',
    description: `Revoke api-key ended-key of ${ENDED_API}`,
    source: 'offboarding',
    status: 'pending',
  },
  {
    id: 2,
    checklistId: 1,
    kind: 'rotate',
    integrationRef: ENDED_API,
    identity: 'ended-key',
    description: `Rotate the shared secret of api-key ended-key of ${ENDED_API} (its secret is held by 1 other identity too)`,
    source: 'offboarding',
    status: 'pending',
  },
  {
    id: 3,
    checklistId: 1,
    kind: 'close',
    integrationRef: ENDED_API,
    description: `Close ${ENDED_API}`,
    source: 'offboarding',
    status: 'pending',
  },
];

describe('offboarding routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let baseUrl: string;
    let permissions: ReturnType<typeof mockServices.permissions.mock>;
    let auditor: ReturnType<typeof mockServices.auditor.mock>;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      const offboarding = new OffboardingService({
        store: await DatabaseOffboardingStore.create({
          database: created.database,
        }),
        logger: mockServices.logger.mock(),
        clock: () => NOW,
      });
      const reviews = new ReviewsService({
        store: await DatabaseReviewsStore.create({
          database: created.database,
        }),
        policy: () => DEFAULT_PARTNERS_POLICY,
        logger: mockServices.logger.mock(),
        onRevoke: offboarding.onRevoke,
        clock: () => NOW,
      });
      await seedOffboardingEstate(knex);
      // checklists 1 (ended, items 1-3), 2 (leaving, 4-9), 3 (terminated)
      await offboarding.openDueChecklists();

      permissions = grantingPermissions(GRANTS);
      auditor = mockServices.auditor.mock();
      const router = await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions,
        auditor,
        sync: { run: jest.fn() },
        reads: createReadModels(knex),
        userInfo: mockServices.userInfo(),
        reviews,
        audit: new DatabaseAuditStore(knex),
        offboarding,
        validateResponses: true,
      });
      const app = express().use(router).use(mockErrorHandler());
      server = await new Promise<Server>(resolve => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise(resolve => server?.close(resolve));
    });

    const get = (path: string, authorization = mockCredentials.user.header()) =>
      fetch(`${baseUrl}${path}`, { headers: { Authorization: authorization } });
    const post = (
      path: string,
      payload: unknown,
      as: string = ALICE,
      authorization = mockCredentials.user.header(as),
    ) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          Authorization: authorization,
          ...(payload !== undefined && { 'Content-Type': 'application/json' }),
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
      });
    const complete = (id: number | string, payload: unknown, as = ALICE) =>
      post(`/offboarding/items/${id}/complete`, payload, as);
    const verify = (ref: string, payload: unknown, as = CAROL) =>
      post(
        `/partners/${encodeURIComponent(ref)}/offboarding/verify`,
        payload,
        as,
      );
    const dump = async () => ({
      checklists: await knex('offboarding_checklists').orderBy('id'),
      items: await knex('offboarding_items').orderBy('id'),
      audit: await knex('audit_events').orderBy('id'),
    });
    async function errorOf(response: Response) {
      const body = await response.json();
      return {
        status: response.status,
        name: body.error?.name,
        message: body.error?.message,
      };
    }
    /** The auditor events' outcomes: [eventId, 'success' | 'fail']. */
    async function auditorOutcomes() {
      const outcomes: Array<[string, string]> = [];
      for (const [i, call] of auditor.createEvent.mock.calls.entries()) {
        const event = await auditor.createEvent.mock.results[i].value;
        if (event.success.mock.calls.length) {
          outcomes.push([call[0].eventId, 'success']);
        }
        if (event.fail.mock.calls.length) {
          outcomes.push([call[0].eventId, 'fail']);
        }
      }
      return outcomes;
    }

    describe('GET /partners/{ref}/offboarding', () => {
      it('shows the checklist with its items and progress', async () => {
        const response = await get(
          `/partners/${encodeURIComponent(ENDED)}/offboarding`,
        );
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          partnerRef: ENDED,
          checklist: {
            id: 1,
            partnerRef: ENDED,
            status: 'open',
            reasons: ['contract-ended'],
            openedAt: NOW.toISOString(),
            progress: { total: 3, done: 0, pending: 3 },
            items: ENDED_ITEMS,
          },
        });
        // a service may read it too
        expect(
          (
            await get(
              '/partners/ended/offboarding',
              mockCredentials.service.header(),
            )
          ).status,
        ).toBe(200);
        expect(await auditorOutcomes()).toEqual([
          ['offboarding-fetch', 'success'],
          ['offboarding-fetch', 'success'],
        ]);
      });

      it('answers without a checklist for a partner that never had one, 404 for an unknown partner', async () => {
        const response = await get('/partners/stays/offboarding');
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ partnerRef: STAYS });
        expect(
          await errorOf(await get('/partners/nobody/offboarding')),
        ).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No partner partner:default/nobody',
        });
        expect(
          await errorOf(
            await get(
              `/partners/${encodeURIComponent('partner:default/')}/offboarding`,
            ),
          ),
        ).toMatchObject({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/^request\/params\/ref/),
        });
      });
    });

    describe('POST /offboarding/items/{id}/complete', () => {
      it('ticks the item with trimmed evidence, audited both ways', async () => {
        const response = await complete(1, { evidence: ' CHG-1 key revoked ' });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          ...ENDED_ITEMS[0],
          status: 'done',
          completedBy: ALICE,
          completedAt: NOW.toISOString(),
          evidence: 'CHG-1 key revoked',
        });
        expect(permissions.authorize).toHaveBeenCalledWith(
          [{ permission: partnersOffboardingCompletePermission }],
          { credentials: mockCredentials.user(ALICE) },
        );
        const events = await knex('audit_events').where(
          'action',
          'offboarding.item-completed',
        );
        expect(events).toHaveLength(1);
        expect([events[0].actor, events[0].partner_ref]).toEqual([
          ALICE,
          ENDED,
        ]);
        expect(JSON.parse(events[0].after)).toMatchObject({
          itemId: 1,
          status: 'done',
          evidence: 'CHG-1 key revoked',
        });
        expect(await auditorOutcomes()).toEqual([
          ['offboarding-item-complete', 'success'],
        ]);
        const page = await (await get('/partners/ended/offboarding')).json();
        expect(page.checklist.progress).toEqual({
          total: 3,
          done: 1,
          pending: 2,
        });
      });

      it('answers 400 for missing, blank, extra or secret evidence and changes nothing', async () => {
        const before = await dump();
        expect(await errorOf(await complete(1, {}))).toMatchObject({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/evidence/),
        });
        expect(
          await errorOf(await complete(1, { evidence: '' })),
        ).toMatchObject({ status: 400, name: 'InputError' });
        expect(await errorOf(await complete(1, { evidence: '  ' }))).toEqual({
          status: 400,
          name: 'InputError',
          message: 'request/body/evidence must not be empty',
        });
        expect(
          await errorOf(await complete(1, { evidence: 'x'.repeat(4001) })),
        ).toMatchObject({ status: 400, name: 'InputError' });
        expect(
          await errorOf(await complete(1, { evidence: 'ok', extra: 1 })),
        ).toMatchObject({
          status: 400,
          message: expect.stringMatching(/extra|additional/),
        });
        const secret = await errorOf(
          await complete(1, { evidence: `rotated; old one ${GITHUB_TOKEN}` }),
        );
        expect(secret).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(
            /^request\/body\/evidence holds a secret value \(a GitHub token\)/,
          ),
        });
        expect(secret.message).not.toContain(GITHUB_TOKEN);
        expect(await complete(0, { evidence: 'x' })).toHaveProperty(
          'status',
          400,
        );
        expect(await dump()).toEqual(before);
        // neither the auditor's events nor their errors carry the secret
        const recorded: unknown[] = [];
        for (const [i, call] of auditor.createEvent.mock.calls.entries()) {
          const event = await auditor.createEvent.mock.results[i].value;
          recorded.push(
            call[0].meta,
            ...event.fail.mock.calls.map(
              ([f]: [{ error: Error }]) => f.error.message,
            ),
          );
        }
        // the spec refuses the others before the handler runs
        expect(recorded.filter(r => typeof r === 'string')).toEqual([
          'request/body/evidence must not be empty',
          expect.stringMatching(/^request\/body\/evidence holds a secret/),
        ]);
        expect(JSON.stringify(recorded)).not.toContain(GITHUB_TOKEN);
      });

      it('answers 403 without the permission or for a service, changing nothing', async () => {
        const before = await dump();
        expect(
          await errorOf(await complete(1, { evidence: 'x' }, MALLORY)),
        ).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: 'You may not complete offboarding items',
        });
        const asService = await post(
          '/offboarding/items/1/complete',
          { evidence: 'x' },
          ALICE,
          mockCredentials.service.header(),
        );
        expect(await errorOf(asService)).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: "This endpoint does not allow 'service' credentials",
        });
        expect(await dump()).toEqual(before);
        expect(await auditorOutcomes()).toEqual([
          ['offboarding-item-complete', 'fail'],
          ['offboarding-item-complete', 'fail'],
        ]);
      });

      it('answers 404 for an unknown item and 409 the second time', async () => {
        expect(await errorOf(await complete(999, { evidence: 'x' }))).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No offboarding item 999',
        });
        expect((await complete(1, { evidence: 'CHG-1' })).status).toBe(200);
        const before = await dump();
        expect(
          await errorOf(await complete(1, { evidence: 'CHG-2' }, BOB)),
        ).toEqual({
          status: 409,
          name: 'ConflictError',
          message: 'Offboarding item 1 was already completed',
        });
        expect(await dump()).toEqual(before);
      });
    });

    describe('POST /partners/{ref}/offboarding/verify', () => {
      const completeEnded = async () => {
        expect((await complete(1, { evidence: 'CHG-1' }, ALICE)).status).toBe(
          200,
        );
        expect((await complete(2, { evidence: 'CHG-2' }, BOB)).status).toBe(
          200,
        );
        expect((await complete(3, { evidence: 'CHG-3' }, BOB)).status).toBe(
          200,
        );
      };

      it('answers 409 while items are pending, 403 to whoever completed one, then verifies once', async () => {
        expect((await complete(1, { evidence: 'CHG-1' })).status).toBe(200);
        let before = await dump();
        expect(await errorOf(await verify(ENDED, {}))).toEqual({
          status: 409,
          name: 'ConflictError',
          message: 'Offboarding checklist 1 has 2 pending items',
        });
        expect(await dump()).toEqual(before);

        expect((await complete(2, { evidence: 'CHG-2' }, BOB)).status).toBe(
          200,
        );
        expect((await complete(3, { evidence: 'CHG-3' }, BOB)).status).toBe(
          200,
        );
        before = await dump();
        for (const who of [ALICE, BOB]) {
          expect(await errorOf(await verify(ENDED, {}, who))).toEqual({
            status: 403,
            name: 'NotAllowedError',
            message:
              'Offboarding checklist 1 must be verified by a second person: you completed items of it',
          });
        }
        expect(await dump()).toEqual(before);

        const response = await verify('ended', { comment: 'checked' });
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(body).toEqual({
          partnerRef: ENDED,
          checklist: {
            id: 1,
            partnerRef: ENDED,
            status: 'verified',
            reasons: ['contract-ended'],
            openedAt: NOW.toISOString(),
            verifiedBy: CAROL,
            verifiedAt: NOW.toISOString(),
            comment: 'checked',
            progress: { total: 3, done: 3, pending: 0 },
            items: [
              expect.objectContaining({ id: 1, completedBy: ALICE }),
              expect.objectContaining({ id: 2, completedBy: BOB }),
              expect.objectContaining({ id: 3, completedBy: BOB }),
            ],
          },
        });
        expect(permissions.authorize).toHaveBeenLastCalledWith(
          [{ permission: partnersOffboardingVerifyPermission }],
          { credentials: mockCredentials.user(CAROL) },
        );
        const event = await knex('audit_events')
          .where('action', 'offboarding.verified')
          .first();
        expect([event.actor, event.partner_ref]).toEqual([CAROL, ENDED]);

        before = await dump();
        expect(await errorOf(await verify(ENDED, undefined, BOB))).toEqual({
          status: 409,
          name: 'ConflictError',
          message: 'Offboarding checklist 1 was already verified',
        });
        expect(
          await errorOf(await complete(1, { evidence: 'again' }, BOB)),
        ).toEqual({
          status: 409,
          name: 'ConflictError',
          message: 'Offboarding checklist 1 was already verified',
        });
        expect(await dump()).toEqual(before);
      });

      it('answers 403 without the permission, 404 for an unknown partner and 409 without a checklist', async () => {
        await completeEnded();
        const before = await dump();
        expect(await errorOf(await verify(ENDED, {}, MALLORY))).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: 'You may not verify offboarding checklists',
        });
        expect(await errorOf(await verify('nobody', {}))).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No partner partner:default/nobody',
        });
        expect(await errorOf(await verify(STAYS, {}))).toEqual({
          status: 409,
          name: 'ConflictError',
          message: `${STAYS} has no open offboarding checklist`,
        });
        expect(
          await errorOf(await verify(ENDED, { comment: GITHUB_TOKEN })),
        ).toMatchObject({ status: 400, name: 'InputError' });
        expect(await dump()).toEqual(before);
        expect(
          (await auditorOutcomes()).filter(
            ([id]) => id === 'offboarding-verify',
          ),
        ).toEqual([
          ['offboarding-verify', 'fail'],
          ['offboarding-verify', 'fail'],
          ['offboarding-verify', 'fail'],
          ['offboarding-verify', 'fail'],
        ]);
      });

      it('lets one of two concurrent verifications succeed', async () => {
        await completeEnded();
        const responses = await Promise.all([
          verify(ENDED, { comment: 'one' }, CAROL),
          verify(ENDED, { comment: 'two' }, DAVE),
        ]);
        expect(responses.map(r => r.status).sort()).toEqual([200, 409]);
        const winner = await responses.find(r => r.status === 200)!.json();
        const row = await knex('offboarding_checklists').where('id', 1).first();
        expect([row.status, row.open_key, row.verified_by]).toEqual([
          'verified',
          null,
          winner.checklist.verifiedBy,
        ]);
        expect(
          await knex('audit_events').where('action', 'offboarding.verified'),
        ).toHaveLength(1);
      });
    });

    describe('revoke decisions', () => {
      it('opens revoke items with the decision', async () => {
        const [row] = await knex('access_reviews')
          .insert({
            integration_ref: STAYS_API,
            partner_ref: STAYS,
            assignee_ref: 'group:default/team-a',
            status: 'pending',
            pending_key: STAYS_API,
            opened_at: NOW.toISOString(),
            due_at: NOW.toISOString(),
          })
          .returning('id');
        const reviewId = Number(typeof row === 'object' ? row.id : row);
        const response = await post(`/reviews/${reviewId}/decision`, {
          decision: 'revoke',
          identities: ['stays-key'],
        });
        expect(response.status).toBe(200);
        const page = await (await get('/partners/stays/offboarding')).json();
        expect(page).toEqual({
          partnerRef: STAYS,
          checklist: {
            id: 4,
            partnerRef: STAYS,
            status: 'open',
            reasons: ['review-revoke'],
            openedAt: NOW.toISOString(),
            progress: { total: 1, done: 0, pending: 1 },
            items: [
              {
                id: 10,
                checklistId: 4,
                kind: 'revoke',
                integrationRef: STAYS_API,
                identity: 'stays-key',
                description: `Revoke api-key stays-key of ${STAYS_API} (access review ${reviewId})`,
                source: 'review-revoke',
                reviewId,
                status: 'pending',
              },
            ],
          },
        });
        expect(
          (
            await knex('audit_events').where('partner_ref', STAYS).orderBy('id')
          ).map(e => e.action),
        ).toEqual(['review.decided', 'offboarding.opened']);
      });
    });
  });
});
