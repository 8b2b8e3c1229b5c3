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
import { ALICE, BOB } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import {
  ACME as EVIDENCE_ACME,
  BOLT,
  SECRET_REFS,
} from './__testUtils__/evidenceEstate';
import { evidenceRouter } from './__testUtils__/evidenceRouter';
import { exceptionsRouter } from './__testUtils__/exceptionsRouter';
import {
  caller,
  entityRef,
  knownRefOr,
  stringOr,
} from './__testUtils__/hostile';
import { expectClearRequests, send } from './__testUtils__/hostileAnswers';
import {
  cursor,
  idSegment,
  pathSegment,
  queryString,
} from './__testUtils__/hostileUrls';
import { must } from './__testUtils__/http';
import { CRIT, CRIT_API, day, HIGH_API } from './__testUtils__/reviews';
import {
  ACME_API as OWNED_API,
  JANE,
  PAYMENTS,
  PLATFORM,
} from './__testUtils__/ownersEstate';
import { ownersRouter } from './__testUtils__/ownersRouter';
import { reviewsRouter } from './__testUtils__/reviewsRouter';

// 300 generated requests per route and database: seconds alone, longer on
// a busy machine
jest.setTimeout(240_000);

// Generated hostile queries and ids of the lists of reviews, exceptions,
// the audit trail and owners' integrations, and of evidence exports, over
// stored rows: every answer is a 200 the spec validates or a 4xx with an
// error message, never a 5xx, and nothing stored changes, but for the
// audit row of an export (whose pack never holds a secret location).
// Query strings carry no secret values: see
// router.property.queries.test.ts.

const REF = fc.oneof(
  fc.constantFrom(CRIT, CRIT_API, HIGH_API, 'crit', 'crit-api'),
  entityRef(['crit', 'crit-api', 'high-api', 'med', 'med-api']),
);
const LIMIT = stringOr('1', '2', '25', '100', '0', '101', '-1', 'Infinity');
const IDS = [1, 2, 3, 4, 5, 6, 7, 999999999999999];
const user = mockCredentials.user.header;

/** Sends a generated GET to the router at `baseUrl()`. */
const get =
  (baseUrl: () => string) =>
  ([path, authorization]: [string, string | undefined]) =>
    send(`${baseUrl()}${path}`, { authorization });

describe('generated hostile queries of the lists', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    describe('reviews and the audit trail', () => {
      const fx = reviewsRouter(databases, databaseId);

      it('GET /reviews: a 200 or a clear 4xx, nothing stored changed', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          examples: [
            // answered 500 before routes/requestGuard.ts
            ['/reviews?partner=a%00b', undefined],
            // each status asserted below, whatever the generator draws
            ['/reviews', undefined],
            ['/reviews?limit=0', undefined],
          ],
          requests: fc.tuple(
            queryString({
              status: stringOr('pending', 'attested', 'revoked'),
              assignee: stringOr('me', 'ME', 'you'),
              partner: REF,
              integration: REF,
              limit: LIMIT,
              cursor: cursor([
                `${day(30).toISOString()}\n1`,
                `${day(90).toISOString()}\n2`,
                `${day(30).toISOString()}\n999999999999999`,
                '2026-13-45T99:99:99.999Z\n1',
              ]),
            }).map(query => `/reviews${query}`),
            caller(ALICE),
          ),
          send: get(() => fx.baseUrl),
          successes: [200],
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400']),
        );
      });

      it('GET /reviews/{id}: a 200 or a clear 4xx, nothing stored changed', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          examples: [
            // answered 500 before routes/requestGuard.ts
            ['/reviews/-Infinity', undefined],
            ['/reviews/1e3', undefined],
            // each status asserted below, whatever the generator draws
            ['/reviews/1', undefined],
            ['/reviews/0', undefined],
            ['/reviews/999999999999999', undefined],
          ],
          requests: fc.tuple(
            idSegment(...IDS).map(id => `/reviews/${id}`),
            caller(ALICE),
          ),
          send: get(() => fx.baseUrl),
          successes: [200],
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400', '404']),
        );
      });

      it('GET /audit: a 200 or a clear 4xx, nothing stored changed', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          examples: [
            // answered 500 before routes/requestGuard.ts
            ['/audit?partner=%00', undefined],
            // each status asserted below, whatever the generator draws
            ['/audit', undefined],
            ['/audit?limit=0', undefined],
          ],
          requests: fc.tuple(
            queryString({
              subject: REF,
              partner: REF,
              action: stringOr('review.opened', 'review.decided', 'A.B', 'a b'),
              limit: LIMIT,
              cursor: cursor(['1', '2', '10', '999999999999999', '0']),
            }).map(query => `/audit${query}`),
            caller(ALICE),
          ),
          send: get(() => fx.baseUrl),
          successes: [200],
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400']),
        );
      });
    });

    describe('exceptions', () => {
      const fx = exceptionsRouter(databases, databaseId);

      beforeEach(async () => {
        // #1 requested by alice, #2 approved by bob, #3 denied by bob
        await fx.requestThree();
        await must(fx.post('/exceptions/2/approve', {}, BOB), 200);
        await must(fx.post('/exceptions/3/deny', {}, BOB), 200);
      });

      it('GET /exceptions: a 200 or a clear 4xx, nothing stored changed', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          // each status asserted below, whatever the generator draws
          examples: [
            ['/exceptions', user(ALICE)],
            ['/exceptions?limit=0', user(ALICE)],
          ],
          requests: fc.tuple(
            queryString({
              status: stringOr('requested', 'approved', 'denied', 'expired'),
              partner: REF,
              entity: REF,
              ruleId: stringOr('identity-dormant', 'no-such-rule', 'A_B'),
              limit: LIMIT,
              cursor: cursor(['1', '2', '3', '999999999999999', '01']),
            }).map(query => `/exceptions${query}`),
            caller(ALICE, BOB),
          ),
          send: get(() => fx.baseUrl),
          successes: [200],
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400']),
        );
      });

      it('GET /exceptions/{id}: a 200 or a clear 4xx, nothing stored changed', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          examples: [
            // answered 500 before routes/requestGuard.ts
            ['/exceptions/1e3', undefined],
            // each status asserted below, whatever the generator draws: 200,
            // 400, 403 (the mock user may not read details), 404
            ['/exceptions/1', user(ALICE)],
            ['/exceptions/0', user(ALICE)],
            ['/exceptions/1', undefined],
            ['/exceptions/999999999999999', user(ALICE)],
          ],
          requests: fc.tuple(
            idSegment(1, 2, 3, 4, 999999999999999).map(
              id => `/exceptions/${id}`,
            ),
            caller(ALICE, BOB),
          ),
          send: get(() => fx.baseUrl),
          successes: [200],
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400', '403', '404']),
        );
      });
    });

    describe('evidence packs', () => {
      const fx = evidenceRouter(databases, databaseId);

      it('GET /partners/{ref}/evidence: a pack or a clear 4xx; an export only adds its audit row', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          // each status asserted below, whatever the generator draws: 200
          // (the auditor by default), 400, 403 (alice may not), 404
          examples: [
            [
              `/partners/${encodeURIComponent(EVIDENCE_ACME)}/evidence`,
              undefined,
            ],
            ['/partners/acme/evidence?format=xml', undefined],
            ['/partners/acme/evidence', user(ALICE)],
            ['/partners/nope/evidence', undefined],
          ],
          requests: fc.tuple(
            fc
              .tuple(
                pathSegment(
                  knownRefOr(
                    [EVIDENCE_ACME, BOLT, 'acme', 'Partner:acme'],
                    ['acme', 'bolt', 'nope'],
                  ),
                ),
                queryString({ format: stringOr('json', 'csv', 'JSON', 'xml') }),
              )
              .map(([ref, query]) => `/partners/${ref}/evidence${query}`),
            // the auditor by default, who may read details
            caller(ALICE),
          ),
          send: get(() => fx.baseUrl),
          successes: [200],
          allowed(change, answer) {
            expect(change.removed).toEqual({});
            expect(change.changed).toEqual({});
            expect(
              Object.entries(change.added).map(([table, rows]) => [
                table,
                rows.map(row => row.action),
              ]),
            ).toEqual([['audit_events', ['evidence.exported']]]);
            for (const secretRef of SECRET_REFS) {
              expect(answer.text).not.toContain(secretRef);
            }
          },
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400', '403', '404']),
        );
      });
    });

    describe('owners', () => {
      const fx = ownersRouter(databases, databaseId);

      it('GET /owners/{ref}/integrations: a 200 or a clear 4xx, nothing stored changed', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          // each status asserted below, whatever the generator draws
          examples: [
            [`/owners/${encodeURIComponent(JANE)}/integrations`, undefined],
            [
              `/owners/${encodeURIComponent(JANE)}/integrations?limit=0`,
              undefined,
            ],
            ['/owners/user%3Anobody/integrations', undefined],
          ],
          requests: fc.tuple(
            fc
              .tuple(
                pathSegment(
                  knownRefOr(
                    [PAYMENTS, PLATFORM, JANE, 'group:payments', 'user:nobody'],
                    ['payments', 'platform', 'jane'],
                  ),
                ),
                queryString({
                  limit: LIMIT,
                  cursor: cursor([
                    OWNED_API,
                    'partnerintegration:default/zzz',
                    'partner:default/acme',
                  ]),
                }),
              )
              .map(([ref, query]) => `/owners/${ref}/integrations${query}`),
            caller(ALICE),
          ),
          send: get(() => fx.baseUrl),
          successes: [200],
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400', '404']),
        );
      });
    });
  });
});
