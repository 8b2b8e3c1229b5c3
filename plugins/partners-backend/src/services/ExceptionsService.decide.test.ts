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

import type { Knex } from 'knex';
import { ALICE, BOB } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  auditRowsOf,
  NOW,
  openExceptionsService,
  request,
} from '../__testUtils__/exceptionsService';
import { CRIT } from '../__testUtils__/reviews';
import { CRIT_API, day } from '../__testUtils__/reviews';
import type { ExceptionsService } from './ExceptionsService';

jest.setTimeout(90_000);

describe('ExceptionsService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let service: ExceptionsService;

    beforeEach(async () => {
      ({ knex, service } = await openExceptionsService(databases, databaseId));
    });

    const auditRows = auditRowsOf(() => knex);

    describe('decide', () => {
      it('approves with a comment, audited in the same change', async () => {
        const exception = await service.request(request(), ALICE);
        const result = await service.decide(
          exception.id,
          'approve',
          { comment: ' ok until the rotation ' },
          { actor: BOB },
        );
        expect(result).toEqual({
          ...exception,
          status: 'approved',
          decidedBy: BOB,
          decidedAt: NOW.toISOString(),
          decisionComment: 'ok until the rotation',
        });
        expect(await auditRows('exception.approved')).toEqual([
          expect.objectContaining({
            actor: BOB,
            subject_ref: CRIT_API,
            partner_ref: CRIT,
            before: expect.objectContaining({ status: 'requested' }),
            after: expect.objectContaining({
              exceptionId: exception.id,
              status: 'approved',
              comment: 'ok until the rotation',
            }),
          }),
        ]);
      });

      it('refuses the requester (any case), changing nothing', async () => {
        const exception = await service.request(request(), ALICE);
        const before = await knex('exceptions').select();
        await expect(
          service.decide(
            exception.id,
            'approve',
            {},
            { actor: 'user:default/Alice' },
          ),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: `You may not decide exception ${exception.id}: you requested it`,
        });
        expect(await knex('exceptions').select()).toEqual(before);
        expect(await auditRows()).toHaveLength(1);
      });

      it('answers 404, and 409 once decided or when its expiry passed', async () => {
        await expect(
          service.decide(99, 'deny', {}, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: 'No exception 99',
        });
        const exception = await service.request(request(), ALICE);
        await expect(
          service.decide(exception.id, 'approve', {}, { actor: BOB }, day(50)),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: `Exception ${exception.id} expired at ${day(
            50,
          ).toISOString()} and can no longer be approved`,
        });
        // denying it is still possible
        await service.decide(exception.id, 'deny', {}, { actor: BOB });
        await expect(
          service.decide(exception.id, 'approve', {}, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: `Exception ${exception.id} is already denied`,
        });
      });

      it('refuses a comment holding a secret', async () => {
        const exception = await service.request(request(), ALICE);
        await expect(
          service.decide(
            exception.id,
            'deny',
            { comment: 'use postgres://admin:hunter2@db.internal/x instead' },
            { actor: BOB },
          ),
        ).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(
            /^request\/body\/comment holds a secret value/,
          ),
        });
        expect((await service.get(exception.id)).status).toBe('requested');
      });
    });
  });
});
