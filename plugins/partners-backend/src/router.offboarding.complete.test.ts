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
import { partnersOffboardingCompletePermission } from '@partner-governance/plugin-partners-common';
import { ALICE, BOB } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import { errorOf } from './__testUtils__/http';
import { ENDED, NOW } from './__testUtils__/offboarding';
import {
  ENDED_ITEMS,
  MALLORY,
  offboardingRouter,
} from './__testUtils__/offboardingRouter';
import { GITHUB_TOKEN } from './__testUtils__/offboarding';

jest.setTimeout(90_000);

describe('offboarding routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = offboardingRouter(databases, databaseId);
    const { get, post, complete, dump, auditorOutcomes } = fx;

    describe('POST /offboarding/items/{id}/complete', () => {
      it('ticks the item with trimmed evidence, audited both ways', async () => {
        const response = await complete(1, { evidence: ' CHG-1 key revoked ' });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          ...ENDED_ITEMS[0],
          status: 'done',
          completedBy: ALICE,
          completedAt: NOW.toISOString(),
          evidence: 'CHG-1 key revoked',
        });
        expect(fx.permissions.authorize).toHaveBeenCalledWith(
          [
            {
              permission: partnersOffboardingCompletePermission,
              resourceRef: 'partnerintegration:default/ended-api',
            },
          ],
          { credentials: mockCredentials.user(ALICE) },
        );
        const events = await fx
          .knex('audit_events')
          .where('action', 'offboarding.item-completed');
        expect(events).toHaveLength(1);
        expect([events[0].actor, events[0].partner_ref]).toEqual([
          ALICE,
          ENDED,
        ]);
        expect(JSON.parse(events[0].after)).toMatchObject({
          itemId: 1,
          status: 'done',
          evidence: 'CHG-1 key revoked',
        });
        expect(await auditorOutcomes()).toEqual([
          ['offboarding-item-complete', 'success'],
        ]);
        const page = await (await get('/partners/ended/offboarding')).json();
        expect(page.checklist.progress).toEqual({
          total: 3,
          done: 1,
          pending: 2,
        });
      });

      it('answers 400 for missing, blank, extra or secret evidence and changes nothing', async () => {
        const before = await dump();
        expect(await errorOf(await complete(1, {}))).toMatchObject({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(/evidence/),
        });
        expect(
          await errorOf(await complete(1, { evidence: '' })),
        ).toMatchObject({ status: 400, name: 'InputError' });
        expect(await errorOf(await complete(1, { evidence: '  ' }))).toEqual({
          status: 400,
          name: 'InputError',
          message: 'request/body/evidence must not be empty',
        });
        expect(
          await errorOf(await complete(1, { evidence: 'x'.repeat(4001) })),
        ).toMatchObject({ status: 400, name: 'InputError' });
        expect(
          await errorOf(await complete(1, { evidence: 'ok', extra: 1 })),
        ).toMatchObject({
          status: 400,
          message: expect.stringMatching(/extra|additional/),
        });
        const secret = await errorOf(
          await complete(1, { evidence: `rotated; old one ${GITHUB_TOKEN}` }),
        );
        expect(secret).toEqual({
          status: 400,
          name: 'InputError',
          message: expect.stringMatching(
            /^request\/body\/evidence holds a secret value \(a GitHub token\)/,
          ),
        });
        expect(secret.message).not.toContain(GITHUB_TOKEN);
        expect(await complete(0, { evidence: 'x' })).toHaveProperty(
          'status',
          400,
        );
        expect(await dump()).toEqual(before);
        // neither the auditor's events nor their errors carry the secret
        const recorded: unknown[] = [];
        for (const [i, call] of fx.auditor.createEvent.mock.calls.entries()) {
          const event = await fx.auditor.createEvent.mock.results[i].value;
          recorded.push(
            call[0].meta,
            ...event.fail.mock.calls.map(
              ([f]: [{ error: Error }]) => f.error.message,
            ),
          );
        }
        // the spec refuses the others before the handler runs
        expect(recorded.filter(r => typeof r === 'string')).toEqual([
          'request/body/evidence must not be empty',
          expect.stringMatching(/^request\/body\/evidence holds a secret/),
        ]);
        expect(JSON.stringify(recorded)).not.toContain(GITHUB_TOKEN);
      });

      it('answers 403 without the permission or for a service, changing nothing', async () => {
        const before = await dump();
        expect(
          await errorOf(await complete(1, { evidence: 'x' }, MALLORY)),
        ).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message:
            'You may not complete offboarding items of partnerintegration:default/ended-api',
        });
        const asService = await post(
          '/offboarding/items/1/complete',
          { evidence: 'x' },
          ALICE,
          mockCredentials.service.header(),
        );
        expect(await errorOf(asService)).toEqual({
          status: 403,
          name: 'NotAllowedError',
          message: "This endpoint does not allow 'service' credentials",
        });
        expect(await dump()).toEqual(before);
        expect(await auditorOutcomes()).toEqual([
          ['offboarding-item-complete', 'fail'],
          ['offboarding-item-complete', 'fail'],
        ]);
      });

      it('answers 404 for an unknown item and 409 the second time', async () => {
        expect(await errorOf(await complete(999, { evidence: 'x' }))).toEqual({
          status: 404,
          name: 'NotFoundError',
          message: 'No offboarding item 999',
        });
        expect((await complete(1, { evidence: 'CHG-1' })).status).toBe(200);
        const before = await dump();
        expect(
          await errorOf(await complete(1, { evidence: 'CHG-2' }, BOB)),
        ).toEqual({
          status: 409,
          name: 'ConflictError',
          message: 'Offboarding item 1 was already completed',
        });
        expect(await dump()).toEqual(before);
      });
    });
  });
});
