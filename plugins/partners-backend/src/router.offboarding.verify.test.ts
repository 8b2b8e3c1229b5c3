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

import { mockCredentials } from '@backstage/backend-test-utils';
import { partnersOffboardingVerifyPermission } from '@partner-governance/plugin-partners-common';
import { ALICE, BOB } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import { errorOf } from './__testUtils__/http';
import { ENDED, NOW, STAYS } from './__testUtils__/offboarding';
import {
  DAVE,
  MALLORY,
  offboardingRouter,
} from './__testUtils__/offboardingRouter';
import { CAROL } from './__testUtils__/actors';
import { GITHUB_TOKEN } from './__testUtils__/offboarding';

jest.setTimeout(90_000);

describe('offboarding routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = offboardingRouter(databases, databaseId);
    const { complete, verify, dump, auditorOutcomes } = fx;

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
        expect(fx.permissions.authorize).toHaveBeenLastCalledWith(
          [{ permission: partnersOffboardingVerifyPermission }],
          { credentials: mockCredentials.user(CAROL) },
        );
        const event = await fx
          .knex('audit_events')
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
        const row = await fx
          .knex('offboarding_checklists')
          .where('id', 1)
          .first();
        expect([row.status, row.open_key, row.verified_by]).toEqual([
          'verified',
          null,
          winner.checklist.verifiedBy,
        ]);
        expect(
          await fx.knex('audit_events').where('action', 'offboarding.verified'),
        ).toHaveLength(1);
      });
    });
  });
});
