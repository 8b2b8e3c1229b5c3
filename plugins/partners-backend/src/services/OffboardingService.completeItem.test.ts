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
import { ALICE, BOB, completer } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  LEAVING,
  LEAVING_API,
  NOW,
  TERMINATED,
} from '../__testUtils__/offboarding';
import {
  offboardingTools,
  openOffboardingService,
} from '../__testUtils__/offboardingService';
import { GITHUB_TOKEN } from '../__testUtils__/offboarding';
import type { OffboardingService } from './OffboardingService';

jest.setTimeout(90_000);

describe('OffboardingService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let service: OffboardingService;

    beforeEach(async () => {
      ({ knex, service } = await openOffboardingService(databases, databaseId));
    });

    const { dump } = offboardingTools(() => ({
      knex,
      service,
    }));

    describe('completeItem', () => {
      beforeEach(async () => {
        await service.openDueChecklists();
      });

      it('ticks a pending item with trimmed evidence, audited', async () => {
        await expect(
          service.completeItem(
            4,
            { evidence: '  CHG-1234 revoked  ' },
            completer(ALICE),
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
          service.completeItem(4, { evidence }, completer(ALICE));
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

      it('refuses a caller without a stake in the integration of the item, changing nothing', async () => {
        const before = await dump();
        const asked: string[] = [];
        await expect(
          service.completeItem(
            4,
            { evidence: 'CHG-1' },
            {
              actor: BOB,
              authorize: async ref => {
                asked.push(ref);
                return false;
              },
            },
          ),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message: `You may not complete offboarding items of ${LEAVING_API}`,
        });
        expect(asked).toEqual([LEAVING_API]);
        expect(await dump()).toEqual(before);
      });

      it('answers 404 for an unknown item and 409 twice or once verified', async () => {
        await expect(
          service.completeItem(999, { evidence: 'x' }, completer(ALICE)),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: 'No offboarding item 999',
        });
        await service.completeItem(4, { evidence: 'CHG-1' }, completer(ALICE));
        const before = await dump();
        await expect(
          service.completeItem(4, { evidence: 'CHG-2' }, completer(BOB)),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding item 4 was already completed',
        });
        expect(await dump()).toEqual(before);

        // terminated's checklist has no items: verified as nothing to revoke
        await service.verify(
          TERMINATED,
          { nothingToRevoke: true },
          { actor: BOB },
        );
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
            completer(ALICE),
          ),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 3 was already verified',
        });
      });
    });
  });
});
