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

import { CAROL } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import { errorOf } from './__testUtils__/http';
import { NOW, TERMINATED } from './__testUtils__/offboarding';
import { offboardingRouter } from './__testUtils__/offboardingRouter';

jest.setTimeout(90_000);

const REOPENED_AT = '2026-11-20T08:00:00.000Z';

describe('offboarding routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = offboardingRouter(databases, databaseId);
    const { verify, dump, auditorOutcomes } = fx;

    describe('a checklist with no items', () => {
      it('answers 409 to a verification that does not confirm there is nothing to revoke, 400 to a malformed confirmation', async () => {
        const before = await dump();
        for (const body of [undefined, {}, { nothingToRevoke: false }]) {
          expect(await errorOf(await verify(TERMINATED, body))).toEqual({
            status: 409,
            name: 'ConflictError',
            message: `Offboarding checklist 3 has no items: confirm that ${TERMINATED} has nothing to revoke (nothingToRevoke) to verify it`,
          });
        }
        expect(
          await errorOf(await verify(TERMINATED, { nothingToRevoke: 'yes' })),
        ).toMatchObject({ status: 400, name: 'InputError' });
        expect(await dump()).toEqual(before);

        const response = await verify(TERMINATED, {
          nothingToRevoke: true,
          comment: 'no access at the gateway',
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          partnerRef: TERMINATED,
          checklist: {
            id: 3,
            partnerRef: TERMINATED,
            status: 'verified',
            reasons: ['contract-ended'],
            openedAt: NOW.toISOString(),
            verifiedBy: CAROL,
            verifiedAt: NOW.toISOString(),
            comment: 'no access at the gateway',
            progress: { total: 0, done: 0, pending: 0 },
            items: [],
          },
        });
        expect(
          (await auditorOutcomes()).filter(
            ([id]) => id === 'offboarding-verify',
          ),
        ).toEqual([
          // the malformed body is refused before the handler
          ['offboarding-verify', 'fail'],
          ['offboarding-verify', 'fail'],
          ['offboarding-verify', 'fail'],
          ['offboarding-verify', 'success'],
        ]);
      });

      it('answers with when the checklist last went back to open', async () => {
        await fx
          .knex('offboarding_checklists')
          .where('id', 3)
          .update({ reopened_at: REOPENED_AT });
        const response = await verify(TERMINATED, { nothingToRevoke: true });
        expect(response.status).toBe(200);
        expect((await response.json()).checklist).toEqual({
          id: 3,
          partnerRef: TERMINATED,
          status: 'verified',
          reasons: ['contract-ended'],
          openedAt: NOW.toISOString(),
          verifiedBy: CAROL,
          verifiedAt: NOW.toISOString(),
          reopenedAt: REOPENED_AT,
          progress: { total: 0, done: 0, pending: 0 },
          items: [],
        });
      });
    });
  });
});
