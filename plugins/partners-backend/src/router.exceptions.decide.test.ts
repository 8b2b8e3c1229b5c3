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
import { partnersExceptionApprovePermission } from '@partner-governance/plugin-partners-common';
import { ALICE, BOB } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import {
  CRIT_EXCEPTION,
  exceptionsRouter,
  NOW,
} from './__testUtils__/exceptionsRouter';
import { CAROL } from './__testUtils__/actors';
import { CRIT } from './__testUtils__/reviews';
import { errorOf, must } from './__testUtils__/http';
import { CRIT_API, day } from './__testUtils__/reviews';

jest.setTimeout(90_000);

describe('exceptions routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = exceptionsRouter(databases, databaseId);
    const { post, request, dump, lastEvent } = fx;

    describe('POST /exceptions/{id}/approve and /deny', () => {
      beforeEach(async () => {
        await must(request(), 201);
      });

      it('approves by another holder of the approve permission', async () => {
        const response = await post(
          '/exceptions/1/approve',
          { comment: 'until the rotation' },
          BOB,
        );
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          ...CRIT_EXCEPTION,
          status: 'approved',
          decidedBy: BOB,
          decidedAt: NOW.toISOString(),
          decisionComment: 'until the rotation',
        });
        expect(fx.permissions.authorize).toHaveBeenLastCalledWith(
          [{ permission: partnersExceptionApprovePermission }],
          { credentials: mockCredentials.user(BOB) },
        );
        const row = await fx
          .knex('audit_events')
          .where('action', 'exception.approved')
          .first();
        expect({
          actor: row.actor,
          partner_ref: row.partner_ref,
          before: JSON.parse(row.before),
          after: JSON.parse(row.after),
        }).toEqual({
          actor: BOB,
          partner_ref: CRIT,
          before: {
            exceptionId: 1,
            ruleId: 'identity-dormant',
            identity: 'crit-old',
            status: 'requested',
            expiresAt: day(50).toISOString(),
          },
          after: {
            exceptionId: 1,
            ruleId: 'identity-dormant',
            identity: 'crit-old',
            status: 'approved',
            expiresAt: day(50).toISOString(),
            comment: 'until the rotation',
          },
        });
        expect((await lastEvent()).success).toHaveBeenCalledWith({
          meta: { entityRef: CRIT_API, partnerRef: CRIT, status: 'approved' },
        });
      });

      it('denies without a body', async () => {
        const response = await fetch(`${fx.baseUrl}/exceptions/1/deny`, {
          method: 'POST',
          headers: { Authorization: mockCredentials.user.header(BOB) },
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          status: 'denied',
          decidedBy: BOB,
        });
        expect(
          await fx.knex('audit_events').where('action', 'exception.denied'),
        ).toHaveLength(1);
      });

      it.each(['approve', 'deny'])(
        'answers 403 to the requester on %s, changes nothing and audits the denial',
        async decision => {
          const before = await dump();
          expect(
            await errorOf(await post(`/exceptions/1/${decision}`, {}, ALICE)),
          ).toEqual({
            status: 403,
            name: 'NotAllowedError',
            message: 'You may not decide exception 1: you requested it',
          });
          expect(await dump()).toEqual(before);
          expect(fx.auditor.createEvent).toHaveBeenLastCalledWith(
            expect.objectContaining({
              eventId: 'exception-decide',
              severityLevel: 'medium',
              meta: { id: '1', decision },
            }),
          );
          expect((await lastEvent()).fail).toHaveBeenCalledWith({
            error: expect.objectContaining({ name: 'NotAllowedError' }),
          });
        },
      );

      it('answers 403 without the approve permission', async () => {
        const before = await dump();
        expect(
          await errorOf(await post('/exceptions/1/approve', {}, CAROL)),
        ).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: 'You may not decide exceptions',
        });
        expect(await dump()).toEqual(before);
      });

      it('answers 404 for an unknown exception and 400 for a bad id or body', async () => {
        expect(
          await errorOf(await post('/exceptions/99/approve', {}, BOB)),
        ).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No exception 99',
        });
        expect(
          (await errorOf(await post('/exceptions/x/deny', {}, BOB))).status,
        ).toBe(400);
        expect(
          await errorOf(await post('/exceptions/1/deny', { comment: 1 }, BOB)),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/comment/),
        });
      });

      it('answers 409 to a second decision', async () => {
        expect((await post('/exceptions/1/deny', {}, BOB)).status).toBe(200);
        const before = await dump();
        expect(
          await errorOf(await post('/exceptions/1/approve', {}, BOB)),
        ).toEqual({
          status: 409,
          name: 'ConflictError',
          message: 'Exception 1 is already denied',
        });
        expect(await dump()).toEqual(before);
      });

      it('stores exactly one of two concurrent decisions', async () => {
        const responses = await Promise.all([
          post('/exceptions/1/approve', {}, BOB),
          post('/exceptions/1/deny', {}, BOB),
        ]);
        expect(responses.map(r => r.status).sort()).toEqual([200, 409]);
        const winner = await responses.find(r => r.status === 200)!.json();
        const row = await fx.knex('exceptions').where('id', 1).first();
        expect(row.status).toBe(winner.status);
        const decisions = await fx
          .knex('audit_events')
          .whereIn('action', ['exception.approved', 'exception.denied']);
        expect(decisions).toHaveLength(1);
      });
    });
  });
});
