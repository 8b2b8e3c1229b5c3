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
import type { IdentitySource } from '@partner-governance/plugin-partners-node';
import type { Knex } from 'knex';
import { ALICE, BOB, completer } from '../__testUtils__/actors';
import {
  createTestDatabaseService,
  createTestDatabases,
} from '../__testUtils__/databases';
import { readOnly, RolesSource } from '../__testUtils__/observations';
import {
  LEAVING,
  declareLeavingApi,
  NOW,
  seedOffboardingEstate,
  TERMINATED,
} from '../__testUtils__/offboarding';
import { DatabaseAuditStore } from '../database/DatabaseAuditStore';
import { DatabaseObservationStore } from '../database/DatabaseObservationStore';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { IdentitySourceRunner } from './IdentitySourceRunner';
import { OffboardingService } from './OffboardingService';
import { RevocationService } from './RevocationService';
import { SuspensionService } from './SuspensionService';

jest.setTimeout(90_000);

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('RevocationService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let offboarding: OffboardingService;
    let observations: DatabaseObservationStore;
    let db: RolesSource;
    let directory: RolesSource;
    let service: RevocationService;
    let suspension: SuspensionService;

    beforeEach(async () => {
      const { database, ...created } = await createTestDatabaseService(
        databases,
        databaseId,
      );
      knex = created.knex;
      const store = await DatabaseOffboardingStore.create({ database });
      await seedOffboardingEstate(knex);
      // key-a is a database role, key-b a directory account; key-e names
      // a source only a report reads, key-c (revoked) none
      await declareLeavingApi(knex, {
        'key-a': { observed_as: 'partner-db:partner_leaving_a' },
        'key-b': { observed_as: 'directory:uid=leaving-b' },
        'key-e': { status: 'active', observed_as: 'report:leaving-e/key1' },
      });
      db = new RolesSource('partner-db', ['partner_leaving_a']);
      directory = new RolesSource('directory', ['uid=leaving-b']);
      observations = await DatabaseObservationStore.create({ database });
      service = new RevocationService({
        db: knex,
        store,
        audit: await DatabaseAuditStore.create({ database }),
        sources: new Map<string, IdentitySource>([
          ['partner-db', db],
          ['directory', directory],
          ['report', readOnly('report', ['leaving-e/key1'])],
        ]),
        logger: mockServices.logger.mock(),
        clock: () => NOW,
      });
      suspension = new SuspensionService({
        db: knex,
        store,
        audit: await DatabaseAuditStore.create({ database }),
        revocations: service,
        clock: () => NOW,
      });
      offboarding = new OffboardingService({
        store,
        logger: mockServices.logger.mock(),
        clock: () => NOW,
        describeItems: items => service.describe(items),
      });
    });

    /** A run of the source, started at `startedAt`, verifying after it. */
    const observe = (source: IdentitySource, startedAt: Date) =>
      new IdentitySourceRunner({
        source,
        type: 'test',
        store: observations,
        logger: mockServices.logger.mock(),
        clock: () => startedAt,
        onSucceeded: at => service.verifyObserved(source.id, at).then(() => {}),
      }).run();

    const revokeItemOf = async (name: string) => {
      const { checklist } = await offboarding.getOffboarding(LEAVING);
      return checklist!.items.find(
        i => i.kind === 'revoke' && i.identity === name,
      )!;
    };

    const auditActions = async () =>
      (await knex('audit_events').orderBy('id').select('action')).map(
        r => r.action,
      );

    describe('revoke now', () => {
      beforeEach(async () => {
        await offboarding.openDueChecklists(NOW);
      });

      it('offers it on pending revoke items whose source can revoke, and only those', async () => {
        const { checklist } = await offboarding.getOffboarding(LEAVING);
        const offered = checklist!.items.map(i => [
          i.kind,
          i.identity ?? null,
          i.revocableThrough ?? null,
        ]);
        expect(offered).toEqual(
          expect.arrayContaining([
            ['revoke', 'key-a', 'partner-db'],
            ['revoke', 'key-b', 'directory'],
            // the report's source cannot revoke
            ['revoke', 'key-e', null],
          ]),
        );
        // rotate and close items never are
        expect(
          checklist!.items.filter(
            i => i.kind !== 'revoke' && i.revocableThrough,
          ),
        ).toEqual([]);
      });

      it('revokes through the source; the next run that sees it disabled completes the item, by the revoker', async () => {
        const item = await revokeItemOf('key-a');
        const revoked = await service.revokeItem(item.id, completer(ALICE));
        expect(db.revoked).toEqual(['partner_leaving_a']);
        expect(revoked).toMatchObject({
          status: 'pending',
          revocation: {
            sourceId: 'partner-db',
            externalId: 'partner_leaving_a',
            requestedBy: ALICE,
            requestedAt: NOW.toISOString(),
            state: 'requested',
          },
        });
        expect(revoked.revocableThrough).toBe('partner-db');

        await observe(db, minutes(1));
        const done = await revokeItemOf('key-a');
        expect(done).toMatchObject({
          status: 'done',
          completedBy: ALICE,
          revocation: { state: 'verified', verifiedAt: NOW.toISOString() },
        });
        expect(done.revocableThrough).toBeUndefined();
        expect(done.evidence).toMatch(
          /^Verified by observation: source partner-db observed partner_leaving_a disabled in its run of 2026-11-01T12:01:00.000Z \(revoked by user:default\/alice/,
        );
        expect(await auditActions()).toEqual(
          expect.arrayContaining([
            'identity.revoke-requested',
            'offboarding.item-completed',
          ]),
        );
      });

      it('completes an item once the source no longer sees the identity', async () => {
        const item = await revokeItemOf('key-a');
        await service.revokeItem(item.id, completer(ALICE));
        db.roles.delete('partner_leaving_a');
        await observe(db, minutes(1));
        expect((await revokeItemOf('key-a')).evidence).toContain(
          'no longer observes partner_leaving_a',
        );
      });

      it('does not count a run that started before the revocation, nor one that still sees it active', async () => {
        const item = await revokeItemOf('key-a');
        await service.revokeItem(item.id, completer(ALICE));
        await observe(db, minutes(-1));
        expect((await revokeItemOf('key-a')).status).toBe('pending');

        // someone turned it back on
        db.roles.set('partner_leaving_a', 'active');
        await observe(db, minutes(2));
        expect(await revokeItemOf('key-a')).toMatchObject({
          status: 'pending',
          revocation: { state: 'requested' },
        });
      });

      it('keeps the second person: the revoker may not verify the checklist', async () => {
        const { checklist } = await offboarding.getOffboarding(LEAVING);
        for (const i of checklist!.items) {
          if (i.identity === 'key-a') {
            await service.revokeItem(i.id, completer(ALICE));
          } else {
            await offboarding.completeItem(
              i.id,
              { evidence: 'CHG-1' },
              completer(BOB),
            );
          }
        }
        await observe(db, minutes(1));
        await expect(
          offboarding.verify(LEAVING, {}, completer(ALICE)),
        ).rejects.toThrow(/must be verified by a second person/);
      });

      it('answers 503 with the reason when the source fails, and records no revocation', async () => {
        db.down = true;
        const item = await revokeItemOf('key-a');
        await expect(
          service.revokeItem(item.id, completer(ALICE)),
        ).rejects.toMatchObject({
          name: 'ServiceUnavailableError',
          message:
            'Source partner-db could not revoke key-a: connect ECONNREFUSED db.internal:5432',
        });
        expect(await knex('identity_revocations')).toEqual([]);
        expect((await revokeItemOf('key-a')).revocation).toBeUndefined();
        expect(await auditActions()).toContain('identity.revoke-failed');
      });

      it('refuses without the permission, and items no source can revoke, changing nothing', async () => {
        const item = await revokeItemOf('key-a');
        await expect(
          service.revokeItem(item.id, {
            actor: BOB,
            authorize: async () => false,
          }),
        ).rejects.toMatchObject({ name: 'NotAllowedError' });
        const report = await revokeItemOf('key-e');
        await expect(
          service.revokeItem(report.id, completer(ALICE)),
        ).rejects.toThrow(
          'key-e of partnerintegration:default/leaving-api cannot be revoked through an identity source: source report is not configured or cannot revoke',
        );
        await expect(
          service.revokeItem(999_999, completer(ALICE)),
        ).rejects.toMatchObject({ name: 'NotFoundError' });
        expect(db.revoked).toEqual([]);
        expect(await knex('identity_revocations')).toEqual([]);
      });

      it('refuses a done item', async () => {
        const item = await revokeItemOf('key-a');
        await offboarding.completeItem(
          item.id,
          { evidence: 'CHG-2' },
          completer(BOB),
        );
        await expect(
          service.revokeItem(item.id, completer(ALICE)),
        ).rejects.toThrow(`Offboarding item ${item.id} was already completed`);
        expect(db.revoked).toEqual([]);
      });
    });

    describe('suspend', () => {
      it('revokes what sources can, reports what they could not, and opens an item per identity', async () => {
        directory.down = true;
        const result = await suspension.suspend(
          LEAVING,
          { reason: '  INC-4711: partner laptop stolen  ' },
          completer(ALICE),
        );
        expect(
          result.identities.map(i => [i.identity, i.outcome, i.sourceId]),
        ).toEqual([
          ['key-a', 'revoked', 'partner-db'],
          ['key-b', 'failed', 'directory'],
          ['key-e', 'not-revocable', 'report'],
        ]);
        expect(result.identities[1].detail).toBe(
          'connect ECONNREFUSED db.internal:5432',
        );
        expect(db.revoked).toEqual(['partner_leaving_a']);
        expect(result.checklist.reasons).toEqual(['suspended']);
        const revokes = result.checklist.items.filter(i => i.kind === 'revoke');
        expect(
          revokes.map(i => [i.identity, i.source, i.revocation?.state]),
        ).toEqual([
          ['key-a', 'suspension', 'requested'],
          ['key-b', 'suspension', undefined],
          ['key-e', 'suspension', undefined],
        ]);
        // the failed one can be revoked again once the directory answers
        expect(revokes[1].revocableThrough).toBe('directory');
        const [suspended] = await knex('audit_events')
          .where('action', 'partner.suspended')
          .select('actor', 'after');
        expect(suspended.actor).toBe(ALICE);
        expect(JSON.parse(suspended.after)).toEqual({
          reason: 'INC-4711: partner laptop stolen',
          identities: 3,
        });

        // the next observation verifies the one revoked
        await observe(db, minutes(1));
        const { checklist } = await offboarding.getOffboarding(LEAVING);
        expect(checklist!.items.find(i => i.identity === 'key-a')!.status).toBe(
          'done',
        );
      });

      it('refuses a secret or empty reason, an unknown partner and a caller without the permission, changing nothing', async () => {
        await expect(
          suspension.suspend(
            LEAVING,
            { reason: `token ghp_${'a1B2'.repeat(9)}` },
            completer(ALICE),
          ),
        ).rejects.toThrow(/request\/body\/reason holds a secret value/);
        await expect(
          suspension.suspend(LEAVING, { reason: '   ' }, completer(ALICE)),
        ).rejects.toThrow('request/body/reason must not be empty');
        await expect(
          suspension.suspend(
            'partner:default/nobody',
            { reason: 'INC-1' },
            completer(ALICE),
          ),
        ).rejects.toMatchObject({ name: 'NotFoundError' });
        await expect(
          suspension.suspend(
            LEAVING,
            { reason: 'INC-1' },
            { actor: BOB, authorize: async ref => ref !== LEAVING },
          ),
        ).rejects.toThrow(`You may not suspend ${LEAVING}`);
        expect(db.revoked).toEqual([]);
        expect(await knex('offboarding_checklists')).toEqual([]);
        expect(await auditActions()).toEqual([]);
      });

      it('suspends a partner with no identities to an empty checklist', async () => {
        const result = await suspension.suspend(
          TERMINATED,
          { reason: 'INC-2' },
          completer(ALICE),
        );
        expect(result.identities).toEqual([]);
        expect(result.checklist.items).toEqual([]);
      });
    });
  });
});
