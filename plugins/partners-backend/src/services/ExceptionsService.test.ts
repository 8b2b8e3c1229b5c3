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
import {
  DEFAULT_PARTNERS_POLICY,
  type PartnersPolicy,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
  UNIQUE_VIOLATION,
} from '../__testUtils__/databases';
import {
  CRIT_API,
  day,
  GONE_API,
  HIGH_API,
  seedReviewEstate,
} from '../__testUtils__/reviews';
import { DatabaseExceptionsStore } from '../database/DatabaseExceptionsStore';
import { openKeyOf } from '../database/acceptedRisk';
import { ExceptionsService, parseExpiry } from './ExceptionsService';
import { createReadModels } from './read';

jest.setTimeout(90_000);

const NOW = day(20);
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CRIT = 'partner:default/crit';

const request = (overrides: Record<string, unknown> = {}) => ({
  ruleId: 'identity-dormant',
  entityRef: CRIT_API,
  identity: 'crit-old',
  justification: 'Yearly export job; rotation planned with the partner',
  expiresAt: day(50).toISOString(),
  ...overrides,
});

const openFinding = (overrides: Record<string, unknown> = {}) => ({
  rule_id: 'identity-dormant',
  entity_ref: CRIT_API,
  identity: 'crit-old',
  partner_ref: CRIT,
  severity: 'medium',
  message: 'crit-old is dormant',
  frameworks: '["NHI1"]',
  first_seen_at: day(0).toISOString(),
  last_seen_at: day(20).toISOString(),
  resolved_at: null,
  ...overrides,
});

describe('parseExpiry', () => {
  it('reads a date as midnight UTC and a timestamp with its offset', () => {
    expect(parseExpiry('2027-03-31').toISOString()).toBe(
      '2027-03-31T00:00:00.000Z',
    );
    expect(parseExpiry('2027-03-31T12:00:00+02:00').toISOString()).toBe(
      '2027-03-31T10:00:00.000Z',
    );
  });

  it.each([
    'tomorrow',
    '2027-03-31T12:00:00',
    '2027-02-30',
    '31/03/2027',
    '2027-03-31 12:00Z',
  ])('refuses %p naming the field', value => {
    expect(() => parseExpiry(value)).toThrow(/^request\/body\/expiresAt/);
  });
});

describe('ExceptionsService', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseExceptionsStore;
    let policy: PartnersPolicy;
    let service: ExceptionsService;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseExceptionsStore.create({
        database: created.database,
      });
      await seedReviewEstate(knex);
      policy = { ...DEFAULT_PARTNERS_POLICY };
      service = new ExceptionsService({
        store,
        policy: () => policy,
        logger: mockServices.logger.mock(),
        clock: () => NOW,
      });
    });

    const auditRows = async (action?: string) =>
      (
        (await knex('audit_events')
          .where(action ? { action } : {})
          .orderBy('id')) as Array<Record<string, any>>
      ).map(row => ({
        ...row,
        id: undefined,
        before: row.before ? JSON.parse(row.before) : null,
        after: row.after ? JSON.parse(row.after) : null,
      }));

    async function approved(overrides: Record<string, unknown> = {}) {
      const exception = await service.request(request(overrides), ALICE);
      return service.decide(exception.id, 'approve', {}, { actor: BOB });
    }

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

      it.each([
        [
          'an unknown rule',
          { ruleId: 'not-a-rule' },
          'InputError',
          /^request\/body\/ruleId/,
        ],
        [
          'a malformed ref',
          { entityRef: 'crit-api' },
          'InputError',
          /^request\/body\/entityRef/,
        ],
        [
          'a ref of another kind',
          { entityRef: 'component:default/orders' },
          'InputError',
          /^request\/body\/entityRef must name a Partner or PartnerIntegration/,
        ],
        [
          'an identity on a partner',
          { entityRef: CRIT },
          'InputError',
          /^request\/body\/identity names an identity/,
        ],
        [
          'an empty identity',
          { identity: '  ' },
          'InputError',
          /^request\/body\/identity/,
        ],
        [
          'an empty justification',
          { justification: '   ' },
          'InputError',
          'request/body/justification must not be empty',
        ],
        [
          'a too long justification',
          { justification: 'x'.repeat(4001) },
          'InputError',
          'request/body/justification must be at most 4000 characters',
        ],
        [
          'a secret in the justification',
          {
            justification: `the key is ghp_${'a'.repeat(36)} for now`,
          },
          'InputError',
          'request/body/justification holds a secret value (a GitHub token); describe the risk, never paste a secret',
        ],
        [
          'an expiry now',
          { expiresAt: NOW.toISOString() },
          'InputError',
          /^request\/body\/expiresAt must be in the future/,
        ],
        [
          'an expiry in the past',
          { expiresAt: '2026-10-01' },
          'InputError',
          /^request\/body\/expiresAt must be in the future/,
        ],
        [
          'an expiry that is no date',
          { expiresAt: 'next week' },
          'InputError',
          /^request\/body\/expiresAt must be a date/,
        ],
        [
          'an entity not in the index',
          { entityRef: 'partnerintegration:default/nope' },
          'NotFoundError',
          'request/body/entityRef: no partner or integration partnerintegration:default/nope in the index',
        ],
        [
          'an integration gone from the catalog',
          { entityRef: GONE_API, identity: undefined },
          'NotFoundError',
          /^request\/body\/entityRef/,
        ],
        [
          'a gone identity',
          { identity: 'crit-gone' },
          'NotFoundError',
          `request/body/identity: ${CRIT_API} has no identity crit-gone`,
        ],
        [
          'an identity of another integration',
          { entityRef: HIGH_API },
          'NotFoundError',
          `request/body/identity: ${HIGH_API} has no identity crit-old`,
        ],
      ])(
        'refuses %s and stores nothing',
        async (_label, overrides, name, message) => {
          const error = await service
            .request(request(overrides), ALICE)
            .catch(e => e);
          expect(error.name).toBe(name);
          // a string is the whole message or a part of it
          expect(error.message).toMatch(message);
          // never echoes a secret value
          expect(error.message).not.toContain('ghp_');
          expect(await knex('exceptions')).toEqual([]);
          expect(await knex('audit_events')).toEqual([]);
        },
      );

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
            frameworks: ['ID.RA-07'],
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

    describe('accepted risk', () => {
      it('shows covered findings as accepted risk and leaves them out of open counts', async () => {
        await knex('findings').insert([
          openFinding(),
          openFinding({ identity: 'crit-key', severity: 'high' }),
          openFinding({
            identity: 'crit-gone',
            resolved_at: day(10).toISOString(),
          }),
        ]);
        const reads = createReadModels(knex);
        // exceptions are checked against the real clock: expire far ahead
        const far = new ExceptionsService({
          store,
          policy: () => ({ ...policy, exceptionMaxDays: 100000 }),
          logger: mockServices.logger.mock(),
          clock: () => NOW,
        });
        const covering = await far.request(
          request({ expiresAt: '2099-01-01' }),
          ALICE,
        );
        // requested only: not yet accepted
        expect(
          (await reads.findings.listFindings({ status: 'accepted' })).items,
        ).toEqual([]);
        await far.decide(covering.id, 'approve', {}, { actor: BOB });
        // an approved exception already past its expiry covers nothing
        await knex('exceptions').insert({
          rule_id: 'identity-dormant',
          entity_ref: CRIT_API,
          identity: 'crit-key',
          partner_ref: CRIT,
          justification: 'old',
          requested_by: ALICE,
          requested_at: day(0).toISOString(),
          expires_at: day(1).toISOString(),
          status: 'approved',
          decided_by: BOB,
          decided_at: day(0).toISOString(),
        });

        const acceptedRisk = {
          exceptionId: covering.id,
          expiresAt: '2099-01-01T00:00:00.000Z',
          approvedBy: BOB,
        };
        const all = await reads.findings.listFindings();
        expect(all.items.map(f => [f.identity, f.acceptedRisk])).toEqual([
          ['crit-old', acceptedRisk],
          ['crit-key', undefined],
          ['crit-gone', undefined],
        ]);
        expect(
          (await reads.findings.listFindings({ status: 'accepted' })).items.map(
            f => f.identity,
          ),
        ).toEqual(['crit-old']);
        expect(
          (await reads.findings.listFindings({ status: 'open' })).items.map(
            f => f.identity,
          ),
        ).toEqual(['crit-key']);
        expect(
          (await reads.findings.listFindings({ status: 'resolved' })).items.map(
            f => f.identity,
          ),
        ).toEqual(['crit-gone']);

        const partner = await reads.partners.getPartner(CRIT);
        expect(partner.openFindings).toEqual({
          critical: 0,
          high: 1,
          medium: 0,
          low: 0,
        });
        expect(partner.findings.map(f => [f.identity, f.acceptedRisk])).toEqual(
          [
            ['crit-key', undefined],
            ['crit-old', acceptedRisk],
          ],
        );
        await knex('integration_accesses').insert({
          integration_ref: CRIT_API,
          target_ref: 'component:default/orders',
        });
        const access = await reads.entityAccess.getEntityAccess('orders', {
          includeSecretRefs: false,
        });
        expect(
          access.items[0].findings.map(f => [f.identity, f.acceptedRisk]),
        ).toEqual([
          ['crit-key', undefined],
          ['crit-old', acceptedRisk],
        ]);
        // two approved exceptions covering one finding: still listed once
        await knex('exceptions').insert({
          rule_id: 'identity-dormant',
          entity_ref: CRIT_API,
          identity: 'crit-old',
          partner_ref: CRIT,
          justification: 'a second approval',
          requested_by: ALICE,
          requested_at: day(0).toISOString(),
          expires_at: '2099-06-01T00:00:00.000Z',
          status: 'approved',
          decided_by: BOB,
          decided_at: day(0).toISOString(),
        });
        const twice = await reads.entityAccess.getEntityAccess('orders', {
          includeSecretRefs: false,
        });
        expect(
          twice.items[0].findings.map(f => [
            f.identity,
            f.acceptedRisk?.approvedBy,
          ]),
        ).toEqual([
          ['crit-key', undefined],
          ['crit-old', BOB],
        ]);
        const list = await reads.partners.listPartners();
        expect(
          list.items.find(p => p.entityRef === CRIT)?.openFindings,
        ).toEqual({ critical: 0, high: 1, medium: 0, low: 0 });
      });
    });
  });
});
