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
import {
  createTestDatabases,
  UNIQUE_VIOLATION,
} from '../__testUtils__/databases';
import {
  ENDED,
  LEAVING,
  LEAVING_API,
  LEAVING_FEED,
  NOW,
  TERMINATED,
} from '../__testUtils__/offboarding';
import {
  item,
  offboardingTools,
  openOffboardingService,
} from '../__testUtils__/offboardingService';
import { identity } from '../__testUtils__/reviews';
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

    const { items, dump, completeAll } = offboardingTools(() => ({
      knex,
      service,
    }));

    describe('openDueChecklists', () => {
      it('adds the items of identities and integrations that appear later, once', async () => {
        await service.openDueChecklists();
        await knex('identities').insert(identity(LEAVING_FEED, 'feed-key'));
        // a second reason for the same open checklist
        await knex('partners')
          .where('entity_ref', LEAVING)
          .update({ contract_status: 'expired' });

        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 0,
          reopened: 0,
          items: 1,
        });
        await expect(service.openDueChecklists()).resolves.toEqual({
          opened: 0,
          reopened: 0,
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

      it('opens nothing for a partner verified offboarded while no access without an item appears', async () => {
        await service.openDueChecklists();
        await completeAll(2, ALICE);
        await service.verify(LEAVING, {}, { actor: BOB });
        // items done before verification, their identities still active in
        // the files, and access that needs no item: nothing to reopen for
        await knex('identities').insert([
          identity(LEAVING_FEED, 'revoked-key', { status: 'revoked' }),
          identity(LEAVING_FEED, 'suspended-key', { status: 'suspended' }),
        ]);
        const before = await dump();
        for (let run = 0; run < 2; run += 1) {
          await expect(service.openDueChecklists()).resolves.toEqual({
            opened: 0,
            reopened: 0,
            items: 0,
          });
        }
        expect(await dump()).toEqual(before);
        expect(before.checklists.map(c => [c.partner_ref, c.status])).toEqual([
          [ENDED, 'open'],
          [LEAVING, 'verified'],
          [TERMINATED, 'open'],
        ]);
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
  });
});
