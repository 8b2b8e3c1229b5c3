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

import { RULES } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { ALICE, BOB } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  auditRowsOf,
  NOW,
  openExceptionsService,
  openFinding,
  request,
} from '../__testUtils__/exceptionsService';
import { CRIT } from '../__testUtils__/reviews';
import { CRIT_API, day, HIGH_API } from '../__testUtils__/reviews';
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

    async function approved(overrides: Record<string, unknown> = {}) {
      const exception = await service.request(request(overrides), ALICE);
      return service.decide(exception.id, 'approve', {}, { actor: BOB });
    }

    describe('expiry', () => {
      it('expires approved and requested exceptions past their expiry, once, as the plugin', async () => {
        await approved({ expiresAt: day(30).toISOString() });
        await service.request(
          request({ identity: 'crit-key', expiresAt: day(25).toISOString() }),
          ALICE,
        );
        await approved({
          entityRef: HIGH_API,
          identity: 'high-key',
          expiresAt: day(40).toISOString(),
        });
        const denied = await service.request(
          request({
            ruleId: 'identity-shared',
            expiresAt: day(22).toISOString(),
          }),
          ALICE,
        );
        await service.decide(denied.id, 'deny', {}, { actor: BOB });

        expect(await service.expire(day(24))).toBe(0);
        // two instances at once expire each exception once
        const counts = await Promise.all([
          service.expire(day(30)),
          service.expire(day(30)),
        ]);
        expect(counts[0] + counts[1]).toBe(2);
        expect(await service.expire(day(30))).toBe(0);

        const statuses = (await knex('exceptions').orderBy('id')).map(r => [
          r.id === undefined ? undefined : Number(r.id),
          r.status,
          r.open_key,
          r.expired_at,
        ]);
        expect(statuses).toEqual([
          [1, 'expired', null, day(30).toISOString()],
          [2, 'expired', null, day(30).toISOString()],
          [3, 'approved', expect.any(String), null],
          [4, 'denied', null, null],
        ]);
        const events = await auditRows('exception.expired');
        expect(events).toEqual([
          expect.objectContaining({
            actor: 'plugin:partners',
            at: day(30).toISOString(),
            subject_ref: CRIT_API,
            partner_ref: CRIT,
            before: expect.objectContaining({
              exceptionId: 1,
              status: 'approved',
            }),
            after: expect.objectContaining({
              exceptionId: 1,
              status: 'expired',
            }),
          }),
          expect.objectContaining({
            before: expect.objectContaining({
              exceptionId: 2,
              status: 'requested',
            }),
          }),
        ]);
      });

      it('lists approved exceptions expiring within N days, and every exception of a partner', async () => {
        await approved({ expiresAt: day(30).toISOString() });
        await approved({
          identity: 'crit-key',
          expiresAt: day(27).toISOString(),
        });
        await service.request(
          request({
            ruleId: 'identity-shared',
            expiresAt: day(25).toISOString(),
          }),
          ALICE,
        );
        await approved({
          entityRef: HIGH_API,
          identity: 'high-key',
          expiresAt: day(45).toISOString(),
        });
        expect((await service.listExpiring(NOW, 10)).map(e => e.id)).toEqual([
          2, 1,
        ]);
        expect((await service.listExpiring(NOW, 25)).map(e => e.id)).toEqual([
          2, 1, 4,
        ]);
        expect(
          (await service.listExpiring(day(30), 30)).map(e => e.id),
        ).toEqual([4]);
        expect(
          (await service.listForPartner('Partner:default/Crit')).map(e => [
            e.id,
            e.status,
          ]),
        ).toEqual([
          [1, 'approved'],
          [2, 'approved'],
          [3, 'requested'],
        ]);
        expect(await service.listForPartner('nobody')).toEqual([]);
      });
    });

    describe('expiredFindings', () => {
      it('reports an expired approved exception whose finding still fires, unless a newer open exception covers it', async () => {
        await knex('findings').insert([
          openFinding(),
          openFinding({
            rule_id: 'identity-shared',
            resolved_at: day(21).toISOString(),
          }),
        ]);
        await approved({ expiresAt: day(30).toISOString() });
        // expired while covering a finding that no longer fires
        await approved({
          ruleId: 'identity-shared',
          expiresAt: day(30).toISOString(),
        });
        // expired while only requested: never accepted, nothing lapsed
        await service.request(
          request({ identity: 'crit-key', expiresAt: day(30).toISOString() }),
          ALICE,
        );
        await knex('findings').insert(openFinding({ identity: 'crit-key' }));

        expect(await service.expiredFindings(day(31))).toEqual([]);
        await service.expire(day(31));
        expect(await service.expiredFindings(day(31))).toEqual([
          {
            ruleId: 'exception-expired',
            severity: 'medium',
            entityRef: CRIT_API,
            identity: 'crit-old',
            partnerRef: CRIT,
            message: `${CRIT_API} (crit-old): the exception to identity-dormant approved by ${BOB} expired ${day(
              30,
            ).toISOString()}, and the finding it covered still fires`,
            frameworks: RULES['exception-expired'].frameworks,
          },
        ]);

        // a newer request replaces it
        const renewed = await service.request(
          request({ expiresAt: day(60).toISOString() }),
          ALICE,
          day(31),
        );
        expect(await service.expiredFindings(day(31))).toEqual([]);
        await service.decide(renewed.id, 'deny', {}, { actor: BOB }, day(32));
        expect(await service.expiredFindings(day(32))).toHaveLength(1);

        // the finding stops firing
        await knex('findings')
          .where('identity', 'crit-old')
          .update({ resolved_at: day(33).toISOString() });
        expect(await service.expiredFindings(day(33))).toEqual([]);
      });
    });
  });
});
