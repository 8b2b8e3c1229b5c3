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
  ENDED,
  LEAVING,
  NOW,
  TERMINATED,
  TERMINATED_API,
  integration,
} from '../__testUtils__/offboarding';
import {
  item,
  offboardingTools,
  openOffboardingService,
} from '../__testUtils__/offboardingService';
import { identity } from '../__testUtils__/reviews';
import type { OffboardingService } from './OffboardingService';

jest.setTimeout(90_000);

/** The audit rows of an action, their `after` parsed. */
async function audited(knex: Knex, action: string) {
  return (await knex('audit_events').where('action', action).orderBy('id')).map(
    row => ({ actor: row.actor, after: JSON.parse(row.after) }),
  );
}

describe('OffboardingService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let service: OffboardingService;

    beforeEach(async () => {
      ({ knex, service } = await openOffboardingService(databases, databaseId));
      // checklists 1 (ended, items 1-3), 2 (leaving, 4-9), 3 (terminated, none)
      await service.openDueChecklists();
    });

    const { items, dump, completeAll } = offboardingTools(() => ({
      knex,
      service,
    }));

    describe('a checklist with no items', () => {
      it('is not verified unless the verifier confirms there is nothing to revoke', async () => {
        await expect(service.getOffboarding(TERMINATED)).resolves.toMatchObject(
          {
            checklist: {
              id: 3,
              status: 'open',
              progress: { total: 0, done: 0, pending: 0 },
              items: [],
            },
          },
        );
        const before = await dump();
        for (const request of [
          {},
          { comment: 'looked at the gateway' },
          { nothingToRevoke: false },
        ]) {
          await expect(
            service.verify(TERMINATED, request, { actor: BOB }),
          ).rejects.toMatchObject({
            name: 'ConflictError',
            message: `Offboarding checklist 3 has no items: confirm that ${TERMINATED} has nothing to revoke (nothingToRevoke) to verify it`,
          });
        }
        expect(await dump()).toEqual(before);

        const response = await service.verify(
          TERMINATED,
          { nothingToRevoke: true, comment: 'no access at the gateway' },
          { actor: BOB },
        );
        expect(response.checklist).toMatchObject({
          id: 3,
          status: 'verified',
          verifiedBy: BOB,
          verifiedAt: NOW.toISOString(),
          comment: 'no access at the gateway',
          progress: { total: 0, done: 0, pending: 0 },
          items: [],
        });
        expect(await audited(knex, 'offboarding.verified')).toEqual([
          {
            actor: BOB,
            after: {
              checklistId: 3,
              status: 'verified',
              items: 0,
              nothingToRevoke: true,
              comment: 'no access at the gateway',
            },
          },
        ]);
        await expect(
          service.verify(TERMINATED, { nothingToRevoke: true }, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 3 was already verified',
        });
      });

      it('gets the items of access that appears while it is open, and is then verified as any other', async () => {
        await knex('integrations').insert(
          integration(TERMINATED_API, TERMINATED),
        );
        await knex('identities').insert(identity(TERMINATED_API, 'term-key'));
        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 0,
          reopened: 0,
          items: 2,
        });
        expect(
          (await items(TERMINATED)).map(i => ({
            ...i,
            checklist_id: Number(i.checklist_id),
          })),
        ).toEqual([
          item(3, TERMINATED_API, 'revoke', 'term-key'),
          item(3, TERMINATED_API, 'close', null),
        ]);
        const [event] = await audited(knex, 'offboarding.items-added');
        expect(event.after).toMatchObject({
          checklistId: 3,
          items: [
            { kind: 'revoke', identity: 'term-key' },
            { kind: 'close', integrationRef: TERMINATED_API },
          ],
        });

        // what the verifier confirmed is stale: the new items are pending
        await expect(
          service.verify(TERMINATED, { nothingToRevoke: true }, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 3 has 2 pending items',
        });
        await completeAll(3, ALICE);
        const before = await dump();
        await expect(
          service.verify(TERMINATED, { nothingToRevoke: true }, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message:
            'Offboarding checklist 3 has 2 items: nothingToRevoke confirms only a checklist with none',
        });
        expect(await dump()).toEqual(before);
        await expect(
          service.verify(TERMINATED, {}, { actor: BOB }),
        ).resolves.toMatchObject({
          checklist: { status: 'verified', progress: { total: 2, done: 2 } },
        });
      });
    });

    describe('nothingToRevoke on a checklist with items', () => {
      it('is refused while items are pending and once they are done; a plain verification records no such confirmation', async () => {
        await expect(
          service.verify(LEAVING, { nothingToRevoke: true }, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 2 has 6 pending items',
        });
        await completeAll(1, ALICE);
        const before = await dump();
        await expect(
          service.verify(ENDED, { nothingToRevoke: true }, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message:
            'Offboarding checklist 1 has 3 items: nothingToRevoke confirms only a checklist with none',
        });
        expect(await dump()).toEqual(before);

        await service.verify(ENDED, { nothingToRevoke: false }, { actor: BOB });
        expect(await audited(knex, 'offboarding.verified')).toEqual([
          {
            actor: BOB,
            after: { checklistId: 1, status: 'verified', items: 3 },
          },
        ]);
      });
    });
  });
});
