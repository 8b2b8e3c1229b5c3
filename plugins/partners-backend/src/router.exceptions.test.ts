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

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  DEFAULT_PARTNERS_POLICY,
  partnersExceptionApprovePermission,
  partnersExceptionRequestPermission,
  type PartnersPolicy,
} from '@partner-governance/plugin-partners-common';
import { CacheManager } from '@backstage/backend-defaults/cache';
import express from 'express';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from './__testUtils__/databases';
import { grantingPermissions } from './__testUtils__/permissions';
import {
  CRIT_API,
  day,
  HIGH_API,
  seedReviewEstate,
} from './__testUtils__/reviews';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { DatabaseExceptionsStore } from './database/DatabaseExceptionsStore';
import { createRouter } from './router';
import { EntityAccessCache } from './services/EntityAccessCache';
import { ExceptionsService } from './services/ExceptionsService';
import { createReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

jest.setTimeout(90_000);

const NOW = day(20);
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const CAROL = 'user:default/carol';
const CRIT = 'partner:default/crit';
const ORDERS = 'component:default/orders-service';
const ORDERS_ACCESS = `/entities/${encodeURIComponent(ORDERS)}/access`;

/** Who holds what: alice and bob request, bob and alice approve, carol nothing. */
const GRANTS: Record<string, string[]> = {
  [partnersExceptionRequestPermission.name]: [ALICE, BOB],
  [partnersExceptionApprovePermission.name]: [ALICE, BOB],
};

const body = (overrides: Record<string, unknown> = {}) => ({
  ruleId: 'identity-dormant',
  entityRef: CRIT_API,
  identity: 'crit-old',
  justification: 'Yearly export job; rotation planned with the partner',
  expiresAt: day(50).toISOString(),
  ...overrides,
});

describe('exceptions routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let baseUrl: string;
    let policy: PartnersPolicy;
    let permissions: ReturnType<typeof mockServices.permissions.mock>;
    let auditor: ReturnType<typeof mockServices.auditor.mock>;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      const store = await DatabaseExceptionsStore.create({
        database: created.database,
      });
      await seedReviewEstate(knex);
      policy = { ...DEFAULT_PARTNERS_POLICY };
      permissions = grantingPermissions(GRANTS);
      auditor = mockServices.auditor.mock();
      // the real in-memory cache service, entries kept for a minute
      const accessPages = new EntityAccessCache({
        cache: CacheManager.fromConfig(mockServices.rootConfig()).forPlugin(
          'partners',
        ),
        ttlMs: 60_000,
      });
      const router = await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions,
        auditor,
        sync: { run: jest.fn() },
        reads: createReadModels(knex),
        userInfo: mockServices.userInfo(),
        reviews: {} as ReviewsService,
        exceptions: new ExceptionsService({
          store,
          policy: () => policy,
          logger: mockServices.logger.mock(),
          clock: () => NOW,
          accessPages,
        }),
        audit: new DatabaseAuditStore(knex),
        accessPages,
        validateResponses: true,
      });
      const app = express().use(router).use(mockErrorHandler());
      server = await new Promise<Server>(resolve => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise(resolve => server?.close(resolve));
    });

    const get = (path: string, as = ALICE) =>
      fetch(`${baseUrl}${path}`, {
        headers: { Authorization: mockCredentials.user.header(as) },
      });
    const post = (path: string, payload: unknown, as = ALICE) =>
      fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: mockCredentials.user.header(as),
        },
        body: JSON.stringify(payload),
      });
    const request = (overrides: Record<string, unknown> = {}, as = ALICE) =>
      post('/exceptions', body(overrides), as);

    /** Setup steps: throws unless the request answers `status`. */
    async function must(response: Promise<Response>, status: number) {
      const answered = await response;
      if (answered.status !== status) {
        throw new Error(
          `expected ${status}, got ${
            answered.status
          }: ${await answered.text()}`,
        );
      }
    }

    async function errorOf(response: Response) {
      const json = await response.json();
      return {
        status: response.status,
        name: json.error?.name,
        message: json.error?.message,
      };
    }

    async function dump() {
      return {
        exceptions: await knex('exceptions').orderBy('id'),
        audit: await knex('audit_events').orderBy('id'),
      };
    }

    /** The last auditor event's success or failure. */
    async function lastEvent() {
      const results = auditor.createEvent.mock.results;
      return results[results.length - 1].value;
    }

    const CRIT_EXCEPTION = {
      id: 1,
      ruleId: 'identity-dormant',
      entityRef: CRIT_API,
      identity: 'crit-old',
      partnerRef: CRIT,
      justification: 'Yearly export job; rotation planned with the partner',
      requestedBy: ALICE,
      requestedAt: NOW.toISOString(),
      expiresAt: day(50).toISOString(),
      status: 'requested',
    };

    describe('POST /exceptions', () => {
      it('requests an exception, audited in the trail and as an auditor event', async () => {
        const response = await request();
        expect(response.status).toBe(201);
        expect(await response.json()).toEqual(CRIT_EXCEPTION);
        expect(permissions.authorize).toHaveBeenCalledWith(
          [{ permission: partnersExceptionRequestPermission }],
          { credentials: mockCredentials.user(ALICE) },
        );
        const rows = await knex('audit_events').select();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          actor: ALICE,
          action: 'exception.requested',
          subject_type: 'exception',
          subject_ref: CRIT_API,
          partner_ref: CRIT,
        });
        expect(auditor.createEvent).toHaveBeenCalledWith(
          expect.objectContaining({
            eventId: 'exception-request',
            severityLevel: 'medium',
          }),
        );
        expect((await lastEvent()).success).toHaveBeenCalledWith({
          meta: { exceptionId: 1, partnerRef: CRIT, status: 'requested' },
        });
      });

      it('allows exactly exceptionMaxDays days and refuses one more', async () => {
        expect((await request({ expiresAt: '2027-04-19' })).status).toBe(201);
        policy = { ...policy, exceptionMaxDays: 29 };
        expect(
          await errorOf(
            await request({ identity: 'crit-key', expiresAt: '2026-11-20' }),
          ),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message:
            'request/body/expiresAt is 30 days away; an exception lasts at most 29 days (policy.exceptionMaxDays)',
        });
        expect(
          (await request({ identity: 'crit-key', expiresAt: '2026-11-19' }))
            .status,
        ).toBe(201);
      });

      it.each([
        [
          'an unknown rule',
          { ruleId: 'no-such-rule' },
          /^request\/body\/ruleId names no rule/,
        ],
        [
          'a malformed ref',
          { entityRef: 'partner:' },
          /^request\/body\/entityRef/,
        ],
        [
          'an expiry in the past',
          { expiresAt: '2026-10-20' },
          /^request\/body\/expiresAt must be in the future/,
        ],
        [
          'an expiry beyond exceptionMaxDays',
          { expiresAt: '2027-04-20' },
          /^request\/body\/expiresAt is 181 days away/,
        ],
        [
          'a bad date',
          { expiresAt: '2026-13-01' },
          /^request\/body\/expiresAt/,
        ],
        [
          'a missing justification',
          { justification: undefined },
          /justification/,
        ],
        [
          'an empty justification',
          { justification: ' \n ' },
          /^request\/body\/justification must not be empty/,
        ],
        ['an extra field', { status: 'approved' }, /status|additional/],
        ['a missing expiry', { expiresAt: undefined }, /expiresAt/],
      ])(
        'answers 400 for %s and stores nothing',
        async (_label, overrides, message) => {
          const before = await dump();
          expect(await errorOf(await request(overrides))).toEqual({
            status: 400,
            name: 'InputError',
            message: expect.stringMatching(message),
          });
          expect(await dump()).toEqual(before);
        },
      );

      it('refuses a secret in the justification without echoing it, and audits the failure', async () => {
        const secret = 'AKIAABCDEFGHIJKLMNOP';
        const response = await request({
          justification: `temporary, key ${secret} is rotated next week`,
        });
        const text = await response.text();
        expect(response.status).toBe(400);
        expect(text).not.toContain(secret);
        expect(JSON.parse(text).error).toEqual({
          name: 'InputError',
          message:
            'request/body/justification holds a secret value (an AWS access key); describe the risk, never paste a secret',
        });
        expect(await knex('exceptions')).toEqual([]);
        expect((await lastEvent()).fail).toHaveBeenCalled();
      });

      it('answers 404 for an entity or identity not in the index', async () => {
        expect(
          await errorOf(
            await request({ entityRef: 'partnerintegration:default/nope' }),
          ),
        ).toEqual({
          status: 404,
          name: 'NotFoundError',
          message:
            'request/body/entityRef: no partner or integration partnerintegration:default/nope in the index',
        });
        expect(await errorOf(await request({ identity: 'nope' }))).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: `request/body/identity: ${CRIT_API} has no identity nope`,
        });
      });

      it('answers 403 without the permission or with a service token, storing nothing', async () => {
        expect(await errorOf(await request({}, CAROL))).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: 'You may not request exceptions',
        });
        expect((await lastEvent()).fail).toHaveBeenCalled();
        const service = await fetch(`${baseUrl}/exceptions`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: mockCredentials.service.header(),
          },
          body: JSON.stringify(body()),
        });
        expect(service.status).toBe(403);
        expect(await knex('exceptions')).toEqual([]);
      });

      it('answers 409 while an open exception covers the finding', async () => {
        expect((await request()).status).toBe(201);
        expect(await errorOf(await request({}, BOB))).toEqual({
          status: 409,
          name: 'ConflictError',
          message: `An open exception to identity-dormant already covers ${CRIT_API} (crit-old)`,
        });
      });
    });

    describe('POST /exceptions/{id}/approve and /deny', () => {
      beforeEach(async () => {
        await must(request(), 201);
      });

      it('approves by another holder of the approve permission', async () => {
        const response = await post(
          '/exceptions/1/approve',
          { comment: 'until the rotation' },
          BOB,
        );
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          ...CRIT_EXCEPTION,
          status: 'approved',
          decidedBy: BOB,
          decidedAt: NOW.toISOString(),
          decisionComment: 'until the rotation',
        });
        expect(permissions.authorize).toHaveBeenLastCalledWith(
          [{ permission: partnersExceptionApprovePermission }],
          { credentials: mockCredentials.user(BOB) },
        );
        const row = await knex('audit_events')
          .where('action', 'exception.approved')
          .first();
        expect({
          actor: row.actor,
          partner_ref: row.partner_ref,
          before: JSON.parse(row.before),
          after: JSON.parse(row.after),
        }).toEqual({
          actor: BOB,
          partner_ref: CRIT,
          before: {
            exceptionId: 1,
            ruleId: 'identity-dormant',
            identity: 'crit-old',
            status: 'requested',
            expiresAt: day(50).toISOString(),
          },
          after: {
            exceptionId: 1,
            ruleId: 'identity-dormant',
            identity: 'crit-old',
            status: 'approved',
            expiresAt: day(50).toISOString(),
            comment: 'until the rotation',
          },
        });
        expect((await lastEvent()).success).toHaveBeenCalledWith({
          meta: { entityRef: CRIT_API, partnerRef: CRIT, status: 'approved' },
        });
      });

      it('denies without a body', async () => {
        const response = await fetch(`${baseUrl}/exceptions/1/deny`, {
          method: 'POST',
          headers: { Authorization: mockCredentials.user.header(BOB) },
        });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          status: 'denied',
          decidedBy: BOB,
        });
        expect(
          await knex('audit_events').where('action', 'exception.denied'),
        ).toHaveLength(1);
      });

      it.each(['approve', 'deny'])(
        'answers 403 to the requester on %s, changes nothing and audits the denial',
        async decision => {
          const before = await dump();
          expect(
            await errorOf(await post(`/exceptions/1/${decision}`, {}, ALICE)),
          ).toEqual({
            status: 403,
            name: 'NotAllowedError',
            message: 'You may not decide exception 1: you requested it',
          });
          expect(await dump()).toEqual(before);
          expect(auditor.createEvent).toHaveBeenLastCalledWith(
            expect.objectContaining({
              eventId: 'exception-decide',
              severityLevel: 'medium',
              meta: { id: '1', decision },
            }),
          );
          expect((await lastEvent()).fail).toHaveBeenCalledWith({
            error: expect.objectContaining({ name: 'NotAllowedError' }),
          });
        },
      );

      it('answers 403 without the approve permission', async () => {
        const before = await dump();
        expect(
          await errorOf(await post('/exceptions/1/approve', {}, CAROL)),
        ).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: 'You may not decide exceptions',
        });
        expect(await dump()).toEqual(before);
      });

      it('answers 404 for an unknown exception and 400 for a bad id or body', async () => {
        expect(
          await errorOf(await post('/exceptions/99/approve', {}, BOB)),
        ).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No exception 99',
        });
        expect(
          (await errorOf(await post('/exceptions/x/deny', {}, BOB))).status,
        ).toBe(400);
        expect(
          await errorOf(await post('/exceptions/1/deny', { comment: 1 }, BOB)),
        ).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/comment/),
        });
      });

      it('answers 409 to a second decision', async () => {
        expect((await post('/exceptions/1/deny', {}, BOB)).status).toBe(200);
        const before = await dump();
        expect(
          await errorOf(await post('/exceptions/1/approve', {}, BOB)),
        ).toEqual({
          status: 409,
          name: 'ConflictError',
          message: 'Exception 1 is already denied',
        });
        expect(await dump()).toEqual(before);
      });

      it('stores exactly one of two concurrent decisions', async () => {
        const responses = await Promise.all([
          post('/exceptions/1/approve', {}, BOB),
          post('/exceptions/1/deny', {}, BOB),
        ]);
        expect(responses.map(r => r.status).sort()).toEqual([200, 409]);
        const winner = await responses.find(r => r.status === 200)!.json();
        const row = await knex('exceptions').where('id', 1).first();
        expect(row.status).toBe(winner.status);
        const decisions = await knex('audit_events').whereIn('action', [
          'exception.approved',
          'exception.denied',
        ]);
        expect(decisions).toHaveLength(1);
      });
    });

    describe('GET /exceptions', () => {
      beforeEach(async () => {
        // #1 crit-old, #2 crit-key (approved), #3 high-key (denied), #4 crit partner
        await must(request(), 201);
        await must(request({ identity: 'crit-key' }, BOB), 201);
        await must(request({ entityRef: HIGH_API, identity: 'high-key' }), 201);
        await must(
          request({
            ruleId: 'due-diligence-missing',
            entityRef: CRIT,
            identity: undefined,
          }),
          201,
        );
        await must(post('/exceptions/2/approve', {}, ALICE), 200);
        await must(post('/exceptions/3/deny', {}, BOB), 200);
      });

      const ids = async (path: string) => {
        const response = await get(path);
        expect(response.status).toBe(200);
        return (await response.json()).items.map((e: { id: number }) => e.id);
      };

      it('lists newest first, for any authenticated caller', async () => {
        expect(await ids('/exceptions')).toEqual([4, 3, 2, 1]);
        expect(await ids('/exceptions?status=approved')).toEqual([2]);
        expect(await ids('/exceptions?partner=crit')).toEqual([4, 2, 1]);
        expect(
          await ids(`/exceptions?entity=${encodeURIComponent(HIGH_API)}`),
        ).toEqual([3]);
        expect(await ids('/exceptions?ruleId=due-diligence-missing')).toEqual([
          4,
        ]);
        const byService = await fetch(`${baseUrl}/exceptions`, {
          headers: { Authorization: mockCredentials.service.header() },
        });
        expect(byService.status).toBe(200);
      });

      it('walks every page with limit=3', async () => {
        const seen: number[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const response = await get(
            `/exceptions?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
          );
          const page = await response.json();
          seen.push(...page.items.map((e: { id: number }) => e.id));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        expect(seen).toEqual([4, 3, 2, 1]);
        expect(pages).toBe(2);
      });

      it.each([
        ['status=open', 'status'],
        ['limit=0', 'limit'],
        ['cursor=Zm9v', 'cursor'],
        ['entity=crit-api', 'entity'],
        ['ruleId=Bad%20Rule', 'ruleId'],
      ])('answers 400 on %s', async (query, field) => {
        const error = await errorOf(await get(`/exceptions?${query}`));
        expect(error.status).toBe(400);
        expect(error.message).toContain(field);
      });

      it('gets one by id, 404 when unknown', async () => {
        const response = await get('/exceptions/2', CAROL);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({
          id: 2,
          status: 'approved',
          decidedBy: ALICE,
        });
        expect(await errorOf(await get('/exceptions/42'))).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No exception 42',
        });
      });
    });

    describe('accepted risk', () => {
      it('shows a covered finding as accepted in /findings and leaves it out of partner counts', async () => {
        const finding = {
          rule_id: 'identity-dormant',
          entity_ref: CRIT_API,
          partner_ref: CRIT,
          severity: 'medium',
          message: 'dormant',
          frameworks: '["NHI1"]',
          first_seen_at: day(0).toISOString(),
          last_seen_at: day(20).toISOString(),
          resolved_at: null,
        };
        await knex('findings').insert([
          { ...finding, identity: 'crit-old' },
          { ...finding, identity: 'crit-key' },
        ]);
        await knex('integration_accesses').insert({
          integration_ref: CRIT_API,
          target_ref: ORDERS,
        });
        const acceptedOnCard = async () => {
          const page = await (await get(ORDERS_ACCESS)).json();
          return page.items[0].findings
            .filter((f: { acceptedRisk?: unknown }) => f.acceptedRisk)
            .map((f: { identity: string }) => f.identity);
        };
        // read once before: the page is now cached
        expect(await acceptedOnCard()).toEqual([]);

        // /findings reads the real clock: an expiry far ahead
        policy = { ...policy, exceptionMaxDays: 100000 };
        expect((await request({ expiresAt: '2099-01-01' })).status).toBe(201);
        expect(await acceptedOnCard()).toEqual([]);
        expect((await post('/exceptions/1/approve', {}, BOB)).status).toBe(200);
        // the approval drops the cached page
        expect(await acceptedOnCard()).toEqual(['crit-old']);

        const accepted = await get('/findings?status=accepted');
        expect(accepted.status).toBe(200);
        expect((await accepted.json()).items).toEqual([
          expect.objectContaining({
            identity: 'crit-old',
            acceptedRisk: {
              exceptionId: 1,
              expiresAt: '2099-01-01T00:00:00.000Z',
              approvedBy: BOB,
            },
          }),
        ]);
        const open = await (await get('/findings?status=open')).json();
        expect(open.items.map((f: { identity: string }) => f.identity)).toEqual(
          ['crit-key'],
        );
        expect(open.items[0].acceptedRisk).toBeUndefined();

        const partner = await (await get('/partners/crit')).json();
        expect(partner.openFindings).toEqual({
          critical: 0,
          high: 0,
          medium: 1,
          low: 0,
        });
        const partners = await (await get('/partners?tier=critical')).json();
        expect(
          partners.items.find(
            (p: { entityRef: string }) => p.entityRef === CRIT,
          ).openFindings.medium,
        ).toBe(1);
      });
    });
  });
});
