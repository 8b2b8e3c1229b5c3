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

import {
  DEFAULT_PARTNERS_POLICY,
  type PartnersPolicy,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { ALICE, BOB } from '../__testUtils__/actors';
import {
  createTestDatabases,
  UNIQUE_VIOLATION,
} from '../__testUtils__/databases';
import {
  auditRowsOf,
  NOW,
  openExceptionsService,
  request,
} from '../__testUtils__/exceptionsService';
import { CRIT } from '../__testUtils__/reviews';
import { CRIT_API, day } from '../__testUtils__/reviews';
import { openKeyOf } from '../database/acceptedRisk';
import type { ExceptionsService } from './ExceptionsService';

jest.setTimeout(90_000);

describe('ExceptionsService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let policy: PartnersPolicy;
    let service: ExceptionsService;

    beforeEach(async () => {
      policy = { ...DEFAULT_PARTNERS_POLICY };
      ({ knex, service } = await openExceptionsService(
        databases,
        databaseId,
        () => policy,
      ));
    });

    const auditRows = auditRowsOf(() => knex);

    it('allows many closed exceptions per finding but one open_key', async () => {
      const row = (openKey: string | null) => ({
        rule_id: 'identity-dormant',
        entity_ref: CRIT_API,
        partner_ref: CRIT,
        justification: 'j',
        requested_by: ALICE,
        requested_at: NOW.toISOString(),
        expires_at: day(30).toISOString(),
        status: openKey ? 'requested' : 'denied',
        open_key: openKey,
      });
      await knex('exceptions').insert([row(null), row(null), row('k')]);
      await expect(knex('exceptions').insert(row('k'))).rejects.toMatchObject({
        message: expect.stringMatching(UNIQUE_VIOLATION),
      });
      expect(await knex('exceptions')).toHaveLength(3);
    });

    describe('request', () => {
      it('stores a requested exception with its audit event', async () => {
        const exception = await service.request(
          request({
            entityRef: 'PartnerIntegration:default/Crit-API',
            justification: '  Yearly export job  ',
            expiresAt: '2026-11-20',
          }),
          ALICE,
        );
        expect(exception).toEqual({
          id: 1,
          ruleId: 'identity-dormant',
          entityRef: CRIT_API,
          identity: 'crit-old',
          partnerRef: CRIT,
          justification: 'Yearly export job',
          requestedBy: ALICE,
          requestedAt: NOW.toISOString(),
          expiresAt: '2026-11-20T00:00:00.000Z',
          status: 'requested',
        });
        expect(await service.get(1)).toEqual(exception);
        expect(await auditRows()).toEqual([
          expect.objectContaining({
            at: NOW.toISOString(),
            actor: ALICE,
            action: 'exception.requested',
            subject_type: 'exception',
            subject_ref: CRIT_API,
            partner_ref: CRIT,
            before: null,
            after: {
              exceptionId: 1,
              ruleId: 'identity-dormant',
              identity: 'crit-old',
              status: 'requested',
              expiresAt: '2026-11-20T00:00:00.000Z',
              justification: 'Yearly export job',
            },
          }),
        ]);
      });

      it('takes a partner-level exception and a backend rule', async () => {
        const exception = await service.request(
          request({
            ruleId: 'review-overdue',
            entityRef: CRIT,
            identity: undefined,
          }),
          ALICE,
        );
        expect(exception).toMatchObject({
          ruleId: 'review-overdue',
          entityRef: CRIT,
          partnerRef: CRIT,
        });
        expect(exception.identity).toBeUndefined();
        const row = await knex('exceptions').where('id', exception.id).first();
        expect(row.identity).toBe('');
        expect(row.open_key).toBe(openKeyOf('review-overdue', CRIT, ''));
      });

      it('allows an expiry exactly exceptionMaxDays days away, refuses one day more, and reads the policy on every use', async () => {
        // NOW is day 20 at midnight: day 200 is 180 whole days away
        await expect(
          service.request(
            request({ expiresAt: day(200).toISOString().slice(0, 10) }),
            ALICE,
          ),
        ).resolves.toMatchObject({ status: 'requested' });
        await expect(
          service.request(
            request({
              identity: 'crit-key',
              expiresAt: '2027-04-19T23:59:59Z',
            }),
            ALICE,
          ),
        ).resolves.toMatchObject({ expiresAt: '2027-04-19T23:59:59.000Z' });
        await expect(
          service.request(
            request({ identity: undefined, expiresAt: day(201).toISOString() }),
            ALICE,
          ),
        ).rejects.toThrow(
          'request/body/expiresAt is 181 days away; an exception lasts at most 180 days (policy.exceptionMaxDays)',
        );
        policy = { ...policy, exceptionMaxDays: 10 };
        await expect(
          service.request(
            request({ identity: undefined, expiresAt: day(31).toISOString() }),
            ALICE,
          ),
        ).rejects.toThrow(/is 11 days away; an exception lasts at most 10/);
        await expect(
          service.request(
            request({ identity: undefined, expiresAt: day(30).toISOString() }),
            ALICE,
          ),
        ).resolves.toMatchObject({ status: 'requested' });
      });

      it('keeps one open exception per finding, also under concurrent requests', async () => {
        const results = await Promise.allSettled([
          service.request(request(), ALICE),
          service.request(request(), BOB),
        ]);
        expect(results.map(r => r.status).sort()).toEqual([
          'fulfilled',
          'rejected',
        ]);
        const failed = results.find(
          r => r.status === 'rejected',
        ) as PromiseRejectedResult;
        expect(failed.reason).toMatchObject({
          name: 'ConflictError',
          message: `An open exception to identity-dormant already covers ${CRIT_API} (crit-old)`,
        });
        expect(await knex('exceptions')).toHaveLength(1);
        expect(await auditRows('exception.requested')).toHaveLength(1);

        // approved still blocks; another identity or rule does not
        await service.decide(1, 'approve', {}, { actor: 'user:default/carol' });
        await expect(service.request(request(), BOB)).rejects.toMatchObject({
          name: 'ConflictError',
        });
        await expect(
          service.request(request({ identity: 'crit-key' }), BOB),
        ).resolves.toMatchObject({ id: expect.any(Number) });
        await expect(
          service.request(request({ ruleId: 'identity-shared' }), BOB),
        ).resolves.toMatchObject({ id: expect.any(Number) });
      });

      it('takes a new request once the open one is denied or past its expiry', async () => {
        await service.request(request(), ALICE);
        await service.decide(1, 'deny', {}, { actor: BOB });
        const second = await service.request(
          request({ expiresAt: day(30).toISOString() }),
          ALICE,
        );
        await service.decide(second.id, 'approve', {}, { actor: BOB });
        // day 30 passed, the job has not run: the request expires it first
        const third = await service.request(
          request({ expiresAt: day(60).toISOString() }),
          ALICE,
          day(31),
        );
        expect(third.status).toBe('requested');
        expect(await service.get(second.id)).toMatchObject({
          status: 'expired',
          expiredAt: day(31).toISOString(),
        });
      });
    });
  });
});
