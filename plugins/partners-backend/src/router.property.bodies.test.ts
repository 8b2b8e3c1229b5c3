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
import {
  body as exception,
  exceptionsRouter,
} from './__testUtils__/exceptionsRouter';
import {
  caller,
  knownRefOr,
  HOSTILE_STRING,
  validOr,
} from './__testUtils__/hostile';
import {
  expectClearRequests,
  jsonPost,
  pathId,
  poster,
  recorded,
  sentBody,
  successChanged,
  userOf,
} from './__testUtils__/hostileAnswers';
import { freeText, hostileBody } from './__testUtils__/hostileBodies';
import { idSegment } from './__testUtils__/hostileUrls';
import { CRIT, CRIT_API, day, HIGH_API } from './__testUtils__/reviews';
import { reviewsRouter } from './__testUtils__/reviewsRouter';

// 300 generated requests per property and database: seconds alone, longer
// on a busy machine
jest.setTimeout(240_000);

// Generated hostile bodies of the review and exception decisions and of
// exception requests, against stored reviews and exceptions: every answer
// is a correct success or a 4xx with an error message, never a 5xx; no
// secret of the input is echoed or recorded (for secrets in free text, see
// router.property.secrets.test.ts); and a refused request leaves every
// stored row as it was.
//
// Bodies are valid-looking as often as not, so some requests succeed: a
// success may change only what it asked for (its review or exception, as
// the request said, and the audit row that records it), checked below.
// Each property runs on one database from its first request to its last,
// so a decided review answers 409 to the decisions after it.

const FREE_TEXT = freeText(
  'Checked with the partner',
  '  spaced  ',
  'OPS-1 closed \u{1f600}',
);

const IDENTITIES = ['crit-key', 'crit-old', 'high-key', 'med-key', 'low-key'];

const user = mockCredentials.user.header;
const SERVICE = mockCredentials.service.header();
const ATTEST = { decision: 'attest', comment: 'Checked' };

/** Decisions a reviewer would send, and any combination of their fields. */
const DECISION = fc.oneof(
  fc.record(
    { decision: fc.constant('attest'), comment: FREE_TEXT },
    { requiredKeys: ['decision'] },
  ),
  fc.record(
    {
      decision: fc.constant('revoke'),
      identities: fc.subarray(IDENTITIES, { minLength: 1 }),
      comment: FREE_TEXT,
    },
    { requiredKeys: ['decision', 'identities'] },
  ),
  fc.record(
    {
      decision: validOr(fc.constantFrom('attest', 'revoke')),
      comment: validOr(FREE_TEXT),
      identities: validOr(
        fc.oneof(
          fc.array(fc.oneof(fc.constantFrom(...IDENTITIES), HOSTILE_STRING), {
            maxLength: 3,
          }),
          // past the spec's maxItems
          fc.constant(Array.from({ length: 1001 }, (_, i) => `key-${i}`)),
        ),
      ),
    },
    { requiredKeys: [] },
  ),
);

/** Exception requests as people send them, and any combination of fields. */
const EXCEPTION_REQUEST = fc.oneof(
  fc
    .record({
      ruleId: fc.constantFrom(
        'identity-shared',
        'identity-dormant',
        'owner-missing',
      ),
      target: fc.constantFrom<Record<string, string>>(
        { entityRef: CRIT_API, identity: 'crit-old' },
        { entityRef: CRIT_API, identity: ' crit-key ' },
        {
          entityRef: 'PartnerIntegration:Default/High-API',
          identity: 'high-key',
        },
        { entityRef: CRIT },
        { entityRef: HIGH_API },
      ),
      justification: FREE_TEXT,
      expiresAt: fc.constantFrom(
        day(50).toISOString(),
        day(21).toISOString().slice(0, 10),
      ),
    })
    .map(({ target, ...fields }) => ({ ...fields, ...target })),
  fc.record(
    {
      ruleId: validOr(
        fc.constantFrom(
          'identity-shared',
          'identity-dormant',
          'owner-missing',
          'no-such-rule',
        ),
      ),
      entityRef: validOr(
        knownRefOr(
          [CRIT_API, CRIT, HIGH_API],
          ['crit', 'crit-api', 'high-api', 'nope'],
        ),
      ),
      identity: validOr(
        fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom('crit-old', 'high-key') },
          { weight: 1, arbitrary: HOSTILE_STRING },
        ),
      ),
      justification: validOr(FREE_TEXT),
      expiresAt: validOr(
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.constantFrom(
              day(50).toISOString(),
              day(21).toISOString().slice(0, 10),
              '2026-11-01T00:00:00+14:00',
            ),
          },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              day(10).toISOString(),
              '2027-02-30',
              '2026-11-01T00:00:00',
              '9999-12-31',
            ),
          },
          { weight: 1, arbitrary: HOSTILE_STRING },
        ),
      ),
    },
    { requiredKeys: ['ruleId', 'entityRef', 'justification', 'expiresAt'] },
  ),
);

describe('generated hostile request bodies', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    describe('POST /reviews/{id}/decision', () => {
      const fx = reviewsRouter(databases, databaseId);
      const post = poster(() => fx.baseUrl);

      it('a correct decision or a clear 4xx; a refusal changes nothing', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          examples: [
            // answered 500 before routes/requestGuard.ts
            ...['a\u0000b', 'a\ud800b'].map(comment =>
              jsonPost('/reviews/1/decision', undefined, {
                decision: 'attest',
                comment,
              }),
            ),
            // each status asserted below, whatever the generator draws:
            // 400 (no such decision), 403 (a service), 404, 200, then 409
            jsonPost('/reviews/1/decision', undefined, { decision: 'maybe' }),
            jsonPost('/reviews/1/decision', SERVICE, ATTEST),
            jsonPost('/reviews/999999999999999/decision', undefined, ATTEST),
            jsonPost('/reviews/1/decision', undefined, ATTEST),
            jsonPost('/reviews/1/decision', undefined, ATTEST),
          ],
          requests: fc.tuple(
            idSegment(1, 2, 3, 4, 5, 999999999999999).map(
              id => `/reviews/${id}/decision`,
            ),
            caller(ALICE),
            hostileBody(DECISION, 'comment'),
          ),
          send: post,
          successes: [200],
          allowed(change, answer, [path, authorization, body]) {
            const sent = sentBody(body);
            const { rows, actions } = successChanged(change, [
              'access_reviews',
            ]);
            const { before, after } = rows.access_reviews;
            expect({
              id: Number(after.id),
              was: before.status,
              status: after.status,
              decidedBy: after.decided_by,
              comment: after.comment ?? undefined,
              revoked: after.revoked_identities
                ? JSON.parse(after.revoked_identities)
                : undefined,
              actions,
            }).toEqual({
              id: pathId(path, 2),
              was: 'pending',
              status: sent.decision === 'attest' ? 'attested' : 'revoked',
              decidedBy: userOf(authorization),
              comment: sent.comment?.trim() || undefined,
              revoked:
                sent.decision === 'revoke'
                  ? [...new Set(sent.identities)]
                  : undefined,
              actions: ['review.decided'],
            });
            expect(answer.body.id).toBe(Number(after.id));
          },
          recorded: () => recorded(fx.auditor, [fx.logger]),
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400', '403', '404', '409']),
        );
      });
    });

    describe('POST /exceptions and its decisions', () => {
      const fx = exceptionsRouter(databases, databaseId);
      const post = poster(() => fx.baseUrl);

      beforeEach(async () => {
        // #1, #2 and #3 requested by alice
        await fx.requestThree();
      });

      it('POST /exceptions: a stored request or a clear 4xx; a refusal changes nothing', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          // each status asserted below, whatever the generator draws: 400
          // (no such rule), 403 (carol may not request), 409 (#1 covers
          // crit-old's dormancy), 201 (crit-key shared)
          examples: [
            jsonPost('/exceptions', user(ALICE), exception({ ruleId: 'nope' })),
            jsonPost('/exceptions', user(CAROL), exception()),
            jsonPost('/exceptions', user(BOB), exception()),
            jsonPost(
              '/exceptions',
              user(ALICE),
              exception({ ruleId: 'identity-shared', identity: 'crit-key' }),
            ),
          ],
          requests: fc.tuple(
            fc.constant('/exceptions'),
            caller(ALICE, BOB, CAROL),
            hostileBody(EXCEPTION_REQUEST, 'justification'),
          ),
          send: post,
          successes: [201],
          allowed(change, answer, [, authorization, body]) {
            const sent = sentBody(body);
            const { actions } = successChanged(
              change,
              [],
              ['audit_events', 'exceptions'],
            );
            expect(change.added.exceptions).toHaveLength(1);
            const [row] = change.added.exceptions;
            expect({
              id: Number(row.id),
              ruleId: row.rule_id,
              entityRef: row.entity_ref,
              identity: row.identity,
              justification: row.justification,
              requestedBy: row.requested_by,
              expiresAt: row.expires_at,
              status: row.status,
              actions,
            }).toEqual({
              id: answer.body.id,
              ruleId: sent.ruleId,
              entityRef: sent.entityRef.toLocaleLowerCase('en-US'),
              identity: sent.identity?.trim() ?? '',
              justification: sent.justification.trim(),
              requestedBy: userOf(authorization),
              expiresAt: new Date(sent.expiresAt).toISOString(),
              status: 'requested',
              actions: ['exception.requested'],
            });
          },
          recorded: () => recorded(fx.auditor, [fx.logger]),
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['201', '400', '403', '409']),
        );
      });

      it('POST /exceptions/{id}/approve and deny: a decision or a clear 4xx; a refusal changes nothing', async () => {
        const statuses = await expectClearRequests({
          knex: () => fx.knex,
          examples: [
            // answered 500 before routes/requestGuard.ts
            jsonPost('/exceptions/1/approve', user(BOB), {
              comment: 'a\u0000b',
            }),
            // each status asserted below, whatever the generator draws:
            // 400 (a comment not text), 403 (alice requested #2), 404, 200,
            // then 409
            jsonPost('/exceptions/1/approve', user(BOB), { comment: 5 }),
            jsonPost('/exceptions/2/deny', user(ALICE), {}),
            jsonPost('/exceptions/999999999999999/deny', user(BOB), {}),
            jsonPost('/exceptions/1/approve', user(BOB), { comment: 'OK' }),
            jsonPost('/exceptions/1/deny', user(BOB), {}),
          ],
          requests: fc.tuple(
            fc
              .tuple(
                idSegment(1, 2, 3, 999999999999999),
                fc.constantFrom('approve', 'deny'),
              )
              .map(([id, decision]) => `/exceptions/${id}/${decision}`),
            fc.oneof(
              {
                weight: 2,
                arbitrary: fc.constant(mockCredentials.user.header(BOB)),
              },
              { weight: 1, arbitrary: caller(ALICE, CAROL) },
            ),
            hostileBody(
              fc.record({ comment: validOr(FREE_TEXT) }, { requiredKeys: [] }),
              'comment',
            ),
          ),
          send: post,
          successes: [200],
          allowed(change, answer, [path, authorization, body]) {
            const sent = sentBody(body);
            const { rows, actions } = successChanged(change, ['exceptions']);
            const { before, after } = rows.exceptions;
            const decision = path.split('/')[3];
            expect({
              id: Number(after.id),
              was: before.status,
              status: after.status,
              decidedBy: after.decided_by,
              comment: after.decision_comment ?? undefined,
              actions,
            }).toEqual({
              id: pathId(path, 2),
              was: 'requested',
              status: decision === 'approve' ? 'approved' : 'denied',
              decidedBy: userOf(authorization),
              comment: sent.comment?.trim() || undefined,
              actions: [
                `exception.${decision === 'approve' ? 'approved' : 'denied'}`,
              ],
            });
            expect(answer.body.id).toBe(Number(after.id));
          },
          recorded: () => recorded(fx.auditor, [fx.logger]),
        });
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400', '403', '404', '409']),
        );
      });
    });
  });
});
