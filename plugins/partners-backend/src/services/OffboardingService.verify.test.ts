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
import { ALICE, BOB, completer } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  ENDED,
  LEAVING,
  NOW,
  STAYS,
  TERMINATED,
} from '../__testUtils__/offboarding';
import {
  offboardingTools,
  openOffboardingService,
} from '../__testUtils__/offboardingService';
import { GITHUB_TOKEN } from '../__testUtils__/offboarding';
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
    });

    const { dump, completeAll } = offboardingTools(() => ({
      knex,
      service,
    }));

    describe('verify', () => {
      beforeEach(async () => {
        await service.openDueChecklists();
      });

      it('verifies only with no pending item, by a second person, once', async () => {
        await completeAll(1, ALICE);
        await service.completeItem(4, { evidence: 'CHG-4' }, completer(BOB));
        const before = await dump();
        await expect(
          service.verify(LEAVING, {}, { actor: 'user:default/carol' }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 2 has 5 pending items',
        });
        expect(await dump()).toEqual(before);

        await expect(
          service.verify(ENDED, {}, { actor: 'User:default/Alice' }),
        ).rejects.toMatchObject({
          name: 'NotAllowedError',
          message:
            'Offboarding checklist 1 must be verified by a second person: you completed items of it',
        });
        expect(await dump()).toEqual(before);

        const response = await service.verify(
          'ended',
          { comment: '  all gone  ' },
          { actor: BOB },
        );
        expect(response).toMatchObject({
          partnerRef: ENDED,
          checklist: {
            id: 1,
            status: 'verified',
            reasons: ['contract-ended'],
            verifiedBy: BOB,
            verifiedAt: NOW.toISOString(),
            comment: 'all gone',
            progress: { total: 3, done: 3, pending: 0 },
          },
        });
        const row = await knex('offboarding_checklists').where('id', 1).first();
        expect([row.status, row.open_key]).toEqual(['verified', null]);
        const event = await knex('audit_events')
          .where('action', 'offboarding.verified')
          .first();
        expect([event.actor, event.subject_ref, event.partner_ref]).toEqual([
          BOB,
          ENDED,
          ENDED,
        ]);
        expect(JSON.parse(event.before)).toEqual({
          checklistId: 1,
          status: 'open',
        });
        expect(JSON.parse(event.after)).toEqual({
          checklistId: 1,
          status: 'verified',
          items: 3,
          comment: 'all gone',
        });

        await expect(
          service.verify(ENDED, {}, { actor: 'user:default/carol' }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: 'Offboarding checklist 1 was already verified',
        });
      });

      it('answers 404 for an unknown partner, 409 without a checklist, 400 for a secret comment', async () => {
        await expect(
          service.verify('nobody', {}, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'NotFoundError',
          message: 'No partner partner:default/nobody',
        });
        await expect(
          service.verify(STAYS, {}, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'ConflictError',
          message: `${STAYS} has no open offboarding checklist`,
        });
        await expect(
          service.verify(TERMINATED, { comment: GITHUB_TOKEN }, { actor: BOB }),
        ).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(
            /^request\/body\/comment holds a secret/,
          ),
        });
        await expect(
          service.verify('partner:default/', {}, { actor: BOB }),
        ).rejects.toMatchObject({ name: 'InputError' });
      });

      it('lets exactly one of two concurrent verifications succeed', async () => {
        await completeAll(1, ALICE);
        const results = await Promise.allSettled([
          service.verify(ENDED, { comment: 'one' }, { actor: BOB }),
          new OffboardingService({
            store: new DatabaseOffboardingStore(knex),
            logger: mockServices.logger.mock(),
            clock: () => NOW,
          }).verify(ENDED, { comment: 'two' }, { actor: 'user:default/carol' }),
        ]);
        expect(results.map(r => r.status).sort()).toEqual([
          'fulfilled',
          'rejected',
        ]);
        const rejected = results.find(r => r.status === 'rejected') as
          | PromiseRejectedResult
          | undefined;
        expect(rejected?.reason).toMatchObject({ name: 'ConflictError' });
        expect(
          await knex('audit_events').where('action', 'offboarding.verified'),
        ).toHaveLength(1);
      });
    });

    describe('getOffboarding', () => {
      it('shows the open checklist, else the latest, else none', async () => {
        await expect(service.getOffboarding(STAYS)).resolves.toEqual({
          partnerRef: STAYS,
        });
        await expect(service.getOffboarding('nobody')).rejects.toMatchObject({
          name: 'NotFoundError',
        });
        await service.openDueChecklists();
        const response = await service.getOffboarding(
          'Partner:default/Leaving',
        );
        expect(response.partnerRef).toBe(LEAVING);
        expect(response.checklist).toMatchObject({
          id: 2,
          status: 'open',
          openedAt: NOW.toISOString(),
          progress: { total: 6, done: 0, pending: 6 },
        });
        expect(response.checklist?.items.map(i => i.id)).toEqual([
          4, 5, 6, 7, 8, 9,
        ]);
        await service.verify(
          TERMINATED,
          { nothingToRevoke: true },
          { actor: BOB },
        );
        await expect(service.getOffboarding(TERMINATED)).resolves.toMatchObject(
          { checklist: { id: 3, status: 'verified', items: [] } },
        );
      });
    });
  });
});
