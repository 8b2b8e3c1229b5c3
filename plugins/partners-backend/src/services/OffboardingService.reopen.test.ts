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
import type { Knex } from 'knex';
import { ALICE, BOB, CAROL, completer } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  LEAVING,
  LEAVING_FEED,
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
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { OffboardingService } from './OffboardingService';

jest.setTimeout(90_000);

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

    const { dump, completeAll } = offboardingTools(() => ({
      knex,
      service,
    }));

    const checklistRow = async (id: number) => {
      const row = await knex('offboarding_checklists').where('id', id).first();
      return { ...row, id: Number(row.id), reasons: JSON.parse(row.reasons) };
    };
    const itemsOf = async (checklistId: number) =>
      (
        await knex('offboarding_items')
          .where('checklist_id', checklistId)
          .orderBy('id')
      ).map(row => ({
        ...row,
        id: Number(row.id),
        checklist_id: Number(row.checklist_id),
      }));
    const events = async (action: string) =>
      (await knex('audit_events').where('action', action).orderBy('id')).map(
        row => ({
          actor: row.actor,
          partnerRef: row.partner_ref,
          before: JSON.parse(row.before),
          after: JSON.parse(row.after),
        }),
      );

    /** Leaving's checklist, done by Alice and verified by Bob. */
    const verifyLeaving = async () => {
      await completeAll(2, ALICE);
      await service.verify(LEAVING, { comment: 'all revoked' }, { actor: BOB });
    };

    it('reopens a verified checklist when an identity appears, keeping what was done, audited', async () => {
      await verifyLeaving();
      const done = await itemsOf(2);
      expect(done.map(i => [i.status, i.completed_by])).toEqual(
        Array(6).fill(['done', ALICE]),
      );

      await knex('identities').insert(identity(LEAVING_FEED, 'late-key'));
      await expect(service.openDueChecklists()).resolves.toEqual({
        opened: 0,
        reopened: 1,
        items: 1,
      });

      expect(await checklistRow(2)).toMatchObject({
        status: 'open',
        open_key: LEAVING,
        reasons: ['stage-offboarding'],
        verified_by: null,
        verified_at: null,
        comment: null,
        reopened_at: NOW.toISOString(),
      });
      expect(await knex('offboarding_checklists')).toHaveLength(3);
      const after = await itemsOf(2);
      // nothing completed is lost: the done items are untouched
      expect(after.slice(0, 6)).toEqual(done);
      expect(after.slice(6)).toEqual([
        expect.objectContaining({
          ...item(2, LEAVING_FEED, 'revoke', 'late-key'),
          id: 10,
          completed_by: null,
          evidence: null,
        }),
      ]);

      // the trail holds the verification and the reopening that undid it
      expect(await events('offboarding.verified')).toHaveLength(1);
      expect(await events('offboarding.reopened')).toEqual([
        {
          actor: 'plugin:partners',
          partnerRef: LEAVING,
          before: {
            checklistId: 2,
            status: 'verified',
            reasons: ['stage-offboarding'],
            verifiedBy: BOB,
            verifiedAt: NOW.toISOString(),
            comment: 'all revoked',
          },
          after: {
            checklistId: 2,
            status: 'open',
            reasons: ['stage-offboarding'],
            items: [
              {
                itemId: 10,
                kind: 'revoke',
                integrationRef: LEAVING_FEED,
                identity: 'late-key',
                source: 'offboarding',
              },
            ],
          },
        },
      ]);
      const response = await service.getOffboarding(LEAVING);
      expect(response.checklist).toMatchObject({
        id: 2,
        status: 'open',
        reopenedAt: NOW.toISOString(),
        progress: { total: 7, done: 6, pending: 1 },
      });
      expect(response.checklist).not.toHaveProperty('verifiedBy');

      // once is enough
      const before = await dump();
      await expect(service.openDueChecklists()).resolves.toEqual({
        opened: 0,
        reopened: 0,
        items: 0,
      });
      expect(await dump()).toEqual(before);

      // it needs verifying again, by someone who completed no item of it
      await expect(
        service.verify(LEAVING, {}, { actor: BOB }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: 'Offboarding checklist 2 has 1 pending item',
      });
      await service.completeItem(10, { evidence: 'CHG-10' }, completer(CAROL));
      await expect(
        service.verify(LEAVING, {}, { actor: CAROL }),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await expect(
        service.verify(LEAVING, {}, { actor: BOB }),
      ).resolves.toMatchObject({
        checklist: {
          id: 2,
          status: 'verified',
          verifiedBy: BOB,
          progress: { total: 7, done: 7, pending: 0 },
        },
      });
      expect(await events('offboarding.verified')).toHaveLength(2);
    });

    it('reopens a checklist verified as nothing to revoke when an integration appears', async () => {
      await service.verify(
        TERMINATED,
        { nothingToRevoke: true },
        { actor: BOB },
      );
      await knex('integrations').insert(
        integration(TERMINATED_API, TERMINATED),
      );
      await expect(service.openDueChecklists()).resolves.toEqual({
        opened: 0,
        reopened: 1,
        items: 1,
      });
      expect(await checklistRow(3)).toMatchObject({
        status: 'open',
        open_key: TERMINATED,
        verified_by: null,
      });
      expect((await itemsOf(3)).map(i => [i.kind, i.integration_ref])).toEqual([
        ['close', TERMINATED_API],
      ]);
      const [reopened] = await events('offboarding.reopened');
      expect(reopened.before).toEqual({
        checklistId: 3,
        status: 'verified',
        reasons: ['contract-ended'],
        verifiedBy: BOB,
        verifiedAt: NOW.toISOString(),
      });
      expect(reopened.after.items).toEqual([
        expect.objectContaining({
          kind: 'close',
          integrationRef: TERMINATED_API,
        }),
      ]);
      // the earlier confirmation does not carry over
      await expect(
        service.verify(TERMINATED, { nothingToRevoke: true }, { actor: BOB }),
      ).rejects.toMatchObject({
        name: 'ConflictError',
        message: 'Offboarding checklist 3 has 1 pending item',
      });
    });

    it('reopens the checklist of a partner already in the offboarded stage', async () => {
      await verifyLeaving();
      // no offboarding reason any more: the stage moved on
      await knex('partners')
        .where('entity_ref', LEAVING)
        .update({ stage: 'offboarded' });
      const before = await dump();
      await expect(service.openDueChecklists()).resolves.toEqual({
        opened: 0,
        reopened: 0,
        items: 0,
      });
      expect(await dump()).toEqual(before);

      await knex('identities').insert(identity(LEAVING_FEED, 'late-key'));
      await expect(service.openDueChecklists()).resolves.toEqual({
        opened: 0,
        reopened: 1,
        items: 1,
      });
      expect(await checklistRow(2)).toMatchObject({
        status: 'open',
        reasons: ['stage-offboarding'],
      });
    });

    it('adds to the open checklist of a later revoke decision instead, without asking again what was done', async () => {
      await verifyLeaving();
      // a revoke decision after the verification opened checklist 4
      await knex('offboarding_checklists').insert({
        partner_ref: LEAVING,
        reasons: '["review-revoke"]',
        status: 'open',
        open_key: LEAVING,
        opened_at: NOW.toISOString(),
      });
      await knex('identities').insert(identity(LEAVING_FEED, 'late-key'));
      await expect(service.openDueChecklists()).resolves.toEqual({
        opened: 0,
        reopened: 0,
        items: 1,
      });
      expect((await checklistRow(2)).status).toBe('verified');
      expect((await itemsOf(4)).map(i => [i.kind, i.identity])).toEqual([
        ['revoke', 'late-key'],
      ]);
      expect(await checklistRow(4)).toMatchObject({
        reasons: ['review-revoke', 'stage-offboarding'],
      });
      expect(await events('offboarding.reopened')).toEqual([]);
      expect(await events('offboarding.items-added')).toEqual([
        expect.objectContaining({
          partnerRef: LEAVING,
          after: expect.objectContaining({
            checklistId: 4,
            items: [expect.objectContaining({ identity: 'late-key' })],
          }),
        }),
      ]);
    });

    it('reopens once when two instances run at once', async () => {
      await verifyLeaving();
      await knex('identities').insert([
        identity(LEAVING_FEED, 'late-key'),
        identity(LEAVING_FEED, 'later-key'),
      ]);
      const other = new OffboardingService({
        store: new DatabaseOffboardingStore(knex),
        logger: mockServices.logger.mock(),
        clock: () => NOW,
      });
      const results = await Promise.all([
        service.openDueChecklists(),
        other.openDueChecklists(),
      ]);
      expect(results.reduce((n, r) => n + r.reopened, 0)).toBe(1);
      expect(results.reduce((n, r) => n + r.items, 0)).toBe(2);
      expect(results.reduce((n, r) => n + r.opened, 0)).toBe(0);
      expect(await itemsOf(2)).toHaveLength(8);
      expect(await events('offboarding.reopened')).toHaveLength(1);
      expect(await events('offboarding.items-added')).toEqual([]);
    });
  });
});
