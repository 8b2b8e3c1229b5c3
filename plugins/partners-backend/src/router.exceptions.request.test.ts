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

import { mockCredentials } from '@backstage/backend-test-utils';
import { partnersExceptionRequestPermission } from '@partner-governance/plugin-partners-common';
import { ALICE, BOB, DAN } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import {
  body,
  CRIT_EXCEPTION,
  exceptionsRouter,
} from './__testUtils__/exceptionsRouter';
import { CAROL } from './__testUtils__/actors';
import { CRIT } from './__testUtils__/reviews';
import { errorOf } from './__testUtils__/http';
import { CRIT_API } from './__testUtils__/reviews';

jest.setTimeout(90_000);

describe('exceptions routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = exceptionsRouter(databases, databaseId);
    const { request, dump, lastEvent } = fx;

    describe('POST /exceptions', () => {
      it('requests an exception, audited in the trail and as an auditor event', async () => {
        const response = await request();
        expect(response.status).toBe(201);
        expect(await response.json()).toEqual(CRIT_EXCEPTION);
        expect(fx.permissions.authorize).toHaveBeenCalledWith(
          [{ permission: partnersExceptionRequestPermission }],
          { credentials: mockCredentials.user(ALICE) },
        );
        const rows = await fx.knex('audit_events').select();
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          actor: ALICE,
          action: 'exception.requested',
          subject_type: 'exception',
          subject_ref: CRIT_API,
          partner_ref: CRIT,
        });
        expect(fx.auditor.createEvent).toHaveBeenCalledWith(
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
        fx.policy = { ...fx.policy, exceptionMaxDays: 29 };
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
        expect(await fx.knex('exceptions')).toEqual([]);
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
        const service = await fetch(`${fx.baseUrl}/exceptions`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: mockCredentials.service.header(),
          },
          body: JSON.stringify(body()),
        });
        expect(service.status).toBe(403);
        expect(await fx.knex('exceptions')).toEqual([]);
      });

      it('answers 403 to a requester who may not read the details of the entity, storing nothing', async () => {
        expect(await errorOf(await request({}, DAN))).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: `You may not request exceptions of ${CRIT_API}`,
        });
        expect((await lastEvent()).fail).toHaveBeenCalled();
        expect(await fx.knex('exceptions')).toEqual([]);
        expect(await fx.knex('audit_events')).toEqual([]);
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
  });
});
