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
import fc from 'fast-check';
import { ALICE, BOB, CAROL } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import { caller, entityRef, validOr } from './__testUtils__/hostile';
import {
  expectClearRequests,
  jsonPost,
  pathId,
  poster,
  recorded,
  send,
  sentBody,
  successChanged,
  userOf,
} from './__testUtils__/hostileAnswers';
import {
  freeText,
  hostileBody,
  type RawBody,
} from './__testUtils__/hostileBodies';
import { idSegment, pathSegment } from './__testUtils__/hostileUrls';
import { ENDED, LEAVING, TERMINATED } from './__testUtils__/offboarding';
import { DAVE, offboardingRouter } from './__testUtils__/offboardingRouter';

// 300 generated requests per property and database: seconds alone, longer
// on a busy machine
jest.setTimeout(240_000);

// Generated hostile requests of the offboarding routes, over the open
// checklists of partners ended (items 1-3), leaving (4-9) and terminated
// (none): every answer is a correct success or a 4xx with an error
// message, never a 5xx; no secret of the input is echoed or recorded (for
// secrets in evidence and comments, see router.property.secrets.test.ts);
// and a refused request leaves every stored row as it was. Bodies are valid-looking as often as not: a success may change only
// its item or checklist and add its audit row, checked below; each property
// runs on one database, so a done item answers 409 to the requests after
// it, and a checklist whose items are all done can be verified.

const FREE_TEXT = freeText('CHG-42 revoked in the vault', '  OPS-7  ');
const EVIDENCE = { evidence: 'CHG-42 revoked in the vault' };

/** A partner ref of the estate, or anything else. */
const PARTNER_REF = pathSegment(
  fc.oneof(
    fc.constantFrom(ENDED, LEAVING, TERMINATED, 'ended', 'stays', 'Leaving'),
    entityRef(['ended', 'leaving', 'terminated', 'stays']),
  ),
);

const user = mockCredentials.user.header;

describe('generated hostile offboarding requests', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = offboardingRouter(databases, databaseId);
    const post = poster(() => fx.baseUrl);

    it('GET /partners/{ref}/offboarding: a 200 or a clear 4xx, nothing stored changed', async () => {
      const statuses = await expectClearRequests({
        knex: () => fx.knex,
        // each status asserted below, whatever the generator draws
        examples: [
          [`/partners/${encodeURIComponent(ENDED)}/offboarding`, undefined],
          ['/partners/partner%3A/offboarding', undefined],
          ['/partners/nope/offboarding', undefined],
        ],
        requests: fc.tuple(
          PARTNER_REF.map(ref => `/partners/${ref}/offboarding`),
          caller(ALICE),
        ),
        send: ([path, authorization]) =>
          send(`${fx.baseUrl}${path}`, { authorization }),
        successes: [200],
      });
      expect(Object.keys(statuses)).toEqual(
        expect.arrayContaining(['200', '400', '404']),
      );
    });

    it('POST /offboarding/items/{id}/complete: a completed item or a clear 4xx; a refusal changes nothing', async () => {
      const statuses = await expectClearRequests({
        knex: () => fx.knex,
        // each status asserted below, whatever the generator draws: 400
        // (no evidence), 403 (carol may not complete), 404, 200, then 409
        examples: [
          jsonPost('/offboarding/items/4/complete', user(ALICE), {}),
          jsonPost('/offboarding/items/4/complete', user(CAROL), EVIDENCE),
          jsonPost('/offboarding/items/99/complete', user(ALICE), EVIDENCE),
          jsonPost('/offboarding/items/4/complete', user(ALICE), EVIDENCE),
          jsonPost('/offboarding/items/4/complete', user(BOB), EVIDENCE),
        ],
        requests: fc.tuple(
          idSegment(1, 2, 3, 4, 5, 9, 10).map(
            id => `/offboarding/items/${id}/complete`,
          ),
          fc.oneof(
            { weight: 2, arbitrary: caller(ALICE, BOB) },
            { weight: 1, arbitrary: caller(CAROL) },
          ),
          hostileBody(
            fc.record({ evidence: validOr(FREE_TEXT) }, { requiredKeys: [] }),
            'evidence',
          ),
        ),
        send: post,
        successes: [200],
        allowed(change, answer, [path, authorization, body]) {
          const { rows, actions } = successChanged(change, [
            'offboarding_items',
          ]);
          const { before, after } = rows.offboarding_items;
          expect({
            id: Number(after.id),
            was: before.status,
            status: after.status,
            completedBy: after.completed_by,
            evidence: after.evidence,
            actions,
          }).toEqual({
            id: pathId(path, 3),
            was: 'pending',
            status: 'done',
            completedBy: userOf(authorization),
            evidence: sentBody(body).evidence.trim(),
            actions: ['offboarding.item-completed'],
          });
          expect(answer.body.id).toBe(Number(after.id));
        },
        recorded: () => recorded(fx.auditor, [fx.logger]),
      });
      expect(Object.keys(statuses)).toEqual(
        expect.arrayContaining(['200', '400', '403', '404', '409']),
      );
    });

    it('POST /partners/{ref}/offboarding/verify: a verified checklist or a clear 4xx; a refusal changes nothing', async () => {
      // alice ticks every item of ended's checklist: carol, bob and dave
      // may verify it
      for (const id of [1, 2, 3]) {
        const done = await fx.complete(id, { evidence: `CHG-${id}` });
        expect(done.status).toBe(200);
      }
      const verify = (ref: string) =>
        `/partners/${encodeURIComponent(ref)}/offboarding/verify`;
      const statuses = await expectClearRequests({
        knex: () => fx.knex,
        // each status asserted below, whatever the generator draws: 400 (a
        // comment not text), 403 (alice completed ended's items), 404, 409
        // (leaving's items pending)
        examples: [
          jsonPost(verify(ENDED), user(CAROL), { comment: 5 }),
          jsonPost(verify(ENDED), user(ALICE), {}),
          jsonPost(verify('partner:default/nope'), user(CAROL), {}),
          jsonPost(verify(LEAVING), user(CAROL), {}),
        ],
        requests: fc.tuple(
          PARTNER_REF.map(ref => `/partners/${ref}/offboarding/verify`),
          fc.oneof(
            { weight: 2, arbitrary: caller(CAROL, DAVE) },
            { weight: 1, arbitrary: caller(ALICE, BOB) },
          ),
          fc.oneof(
            { weight: 1, arbitrary: fc.constant<RawBody>({}) },
            {
              weight: 4,
              arbitrary: hostileBody(
                fc.record(
                  {
                    comment: validOr(FREE_TEXT),
                    nothingToRevoke: validOr(fc.boolean()),
                  },
                  { requiredKeys: [] },
                ),
                'comment',
              ),
            },
          ),
        ),
        send: post,
        successes: [200],
        allowed(change, answer, [, authorization, body]) {
          const { rows, actions } = successChanged(change, [
            'offboarding_checklists',
          ]);
          const { before, after } = rows.offboarding_checklists;
          expect({
            id: Number(after.id),
            partnerRef: after.partner_ref,
            was: before.status,
            status: after.status,
            verifiedBy: after.verified_by,
            comment: after.comment ?? undefined,
            actions,
          }).toEqual({
            id: answer.body.checklist.id,
            partnerRef: answer.body.partnerRef,
            was: 'open',
            status: 'verified',
            verifiedBy: userOf(authorization),
            comment: sentBody(body).comment?.trim() || undefined,
            actions: ['offboarding.verified'],
          });
        },
        recorded: () => recorded(fx.auditor, [fx.logger]),
      });
      expect(Object.keys(statuses)).toEqual(
        expect.arrayContaining(['400', '403', '404', '409']),
      );
    });
  });
});
