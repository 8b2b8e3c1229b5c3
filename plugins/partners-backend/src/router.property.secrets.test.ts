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
import { exceptionsRouter } from './__testUtils__/exceptionsRouter';
import {
  expectClearRequests,
  poster,
  RUNS,
  recorded,
  refusedSecret,
} from './__testUtils__/hostileAnswers';
import { credentialBody } from './__testUtils__/hostileBodies';
import { ENDED, LEAVING, TERMINATED } from './__testUtils__/offboarding';
import { offboardingRouter } from './__testUtils__/offboardingRouter';
import { CRIT_API, day } from './__testUtils__/reviews';
import { reviewsRouter } from './__testUtils__/reviewsRouter';

// 300 generated requests per property and database: seconds alone, longer
// on a busy machine
jest.setTimeout(240_000);

// Every free-text field of the API holding a credential of every shape
// (CREDENTIAL_CASES), pasted in as people do, in bodies otherwise valid by
// callers who may make the request, against reviews, exceptions and
// offboarding items that are open: refused with 400 naming the field (or,
// for JSON broken around the credential, the parser's 400), the value in
// neither the answer nor what the auditor and the logger received, and
// nothing stored added, lost or altered.

const user = mockCredentials.user.header;

describe('generated secrets in free text', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    describe('review decisions', () => {
      const fx = reviewsRouter(databases, databaseId);
      const post = poster(() => fx.baseUrl);

      it('POST /reviews/{id}/decision: the comment', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          requests: fc.tuple(
            fc.constantFrom(1, 2, 3, 4).map(id => `/reviews/${id}/decision`),
            fc.constantFrom(undefined, user(ALICE)),
            fc.oneof(
              credentialBody({ decision: 'attest' }, 'comment'),
              credentialBody(
                { decision: 'revoke', identities: ['crit-key'] },
                'comment',
              ),
            ),
          ),
          send: request => refusedSecret(post(request), request[2]),
          successes: [],
          recorded: () => recorded(fx.auditor, [fx.logger]),
        });
        expect(statuses).toEqual({ 400: RUNS });
      });
    });

    describe('exceptions', () => {
      const fx = exceptionsRouter(databases, databaseId);
      const post = poster(() => fx.baseUrl);

      beforeEach(async () => {
        // #1, #2 and #3 requested by alice
        await fx.requestThree();
      });

      it('POST /exceptions: the justification; approve and deny: the comment', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          requests: fc.oneof(
            fc.tuple(
              fc.constant('/exceptions'),
              fc.constantFrom(user(ALICE), user(BOB)),
              credentialBody(
                {
                  ruleId: 'identity-shared',
                  entityRef: CRIT_API,
                  identity: 'crit-key',
                  expiresAt: day(40).toISOString(),
                },
                'justification',
              ),
            ),
            fc.tuple(
              fc
                .tuple(
                  fc.constantFrom(1, 2, 3),
                  fc.constantFrom('approve', 'deny'),
                )
                .map(([id, decision]) => `/exceptions/${id}/${decision}`),
              fc.constant(user(BOB)),
              credentialBody({}, 'comment'),
            ),
          ),
          send: request => refusedSecret(post(request), request[2]),
          successes: [],
          recorded: () => recorded(fx.auditor, [fx.logger]),
        });
        expect(statuses).toEqual({ 400: RUNS });
      });
    });

    describe('offboarding', () => {
      const fx = offboardingRouter(databases, databaseId);
      const post = poster(() => fx.baseUrl);

      it('POST /offboarding/items/{id}/complete: the evidence; verify: the comment', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          requests: fc.oneof(
            fc.tuple(
              fc
                .integer({ min: 1, max: 9 })
                .map(id => `/offboarding/items/${id}/complete`),
              fc.constantFrom(user(ALICE), user(BOB)),
              credentialBody({}, 'evidence'),
            ),
            fc.tuple(
              fc
                .constantFrom(ENDED, LEAVING, TERMINATED)
                .map(
                  ref =>
                    `/partners/${encodeURIComponent(ref)}/offboarding/verify`,
                ),
              fc.constant(user(CAROL)),
              fc.oneof(
                credentialBody({}, 'comment'),
                credentialBody({ nothingToRevoke: true }, 'comment'),
              ),
            ),
          ),
          send: request => refusedSecret(post(request), request[2]),
          successes: [],
          recorded: () => recorded(fx.auditor, [fx.logger]),
        });
        expect(statuses).toEqual({ 400: RUNS });
      });
    });
  });
});
