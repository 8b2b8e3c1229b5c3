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

import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fc from 'fast-check';
import { ALICE } from './__testUtils__/actors';
import { createTestDatabases } from './__testUtils__/databases';
import {
  caller,
  entityRef,
  URL_STRING,
  stringOr,
} from './__testUtils__/hostile';
import { expectClearRequests } from './__testUtils__/hostileAnswers';
import {
  cursor,
  encode,
  pathSegment,
  queryString,
} from './__testUtils__/hostileUrls';
import {
  ACME,
  ACME_API,
  ACME_SANDBOX,
  ORDERS,
  ORPHAN_FEED,
} from './__testUtils__/readEstate';
import { readRouter, type ReadRouter } from './__testUtils__/readRouter';

// 300 generated requests per route and database: seconds alone, longer on
// a busy machine
jest.setTimeout(240_000);

// Generated hostile queries and path parameters of the read routes, over
// the read estate: every answer is a 200 the spec validates (the router
// checks responses against it) or a 4xx with an error message, never a
// 5xx; no prototype of the process is polluted; and nothing stored
// changes, for a read never writes. Secret values are not generated here:
// a query string is part of the URL, which the error body (`request.url`)
// and the auditor record as sent; free text, where secrets are refused,
// is in request bodies (router.property.secrets.test.ts).

const PARTNER_NAMES = ['acme', 'bolt', 'cobalt', 'gone-partner', 'delta'];
const INTEGRATION_NAMES = [
  'acme-api',
  'acme-sandbox',
  'acme-old',
  'orphan-feed',
];

/** Refs to partners, integrations and others, valid or not. */
const REF = fc.oneof(
  fc.constantFrom(ACME, ACME_API, ACME_SANDBOX, ORPHAN_FEED, ORDERS),
  entityRef([...PARTNER_NAMES, ...INTEGRATION_NAMES, 'orders-service']),
);
const LIMIT = stringOr(
  '1',
  '2',
  '25',
  '100',
  '0',
  '101',
  '-1',
  '1.0',
  '1e1',
  'Infinity',
);
const BOOLEAN = stringOr('true', 'false', 'TRUE', '1', '0', 'yes', '');

const PARTNER_KEYS = [ACME, 'partner:default/bolt', 'partner:other/delta'];
const INTEGRATION_KEYS = [ACME_API, ACME_SANDBOX, ORPHAN_FEED];

/**
 * The read routes, each with its generated paths and the paths always
 * tried first: one the route answers with a 200 and one it refuses with a
 * 400, so that what the test asserts does not hang on what the generator
 * draws, and those generation found failing once (a 500: NUL on
 * PostgreSQL, `Infinity` past the validator).
 */
const ROUTES: Array<[string, fc.Arbitrary<string>, string[]]> = [
  [
    'GET /partners',
    queryString({
      stage: stringOr(
        'onboarding',
        'enablement',
        'measurement',
        'offboarding',
        'offboarded',
      ),
      tier: stringOr('low', 'medium', 'high', 'critical'),
      type: stringOr('referral', 'reseller', 'integrator', 'managed-service'),
      owner: fc.oneof(
        fc.constantFrom('group:default/sales', 'sales', 'user:default/jane'),
        entityRef(['sales', 'partner-ops', 'jane']),
      ),
      hasOverdueReviews: BOOLEAN,
      hasCriticalFindings: BOOLEAN,
      contractEndsWithinDays: stringOr(
        '0',
        '30',
        '3650',
        '3651',
        '-1',
        '1.5',
        '9007199254740993',
        'Infinity',
        '-Infinity',
        '1e400',
      ),
      limit: LIMIT,
      cursor: cursor(PARTNER_KEYS),
    }).map(query => `/partners${query}`),
    [
      '/partners',
      '/partners?contractEndsWithinDays=Infinity',
      '/partners?limit=1e400',
      '/partners?owner=a%00b',
    ],
  ],
  [
    'GET /partners/summary',
    queryString({}).map(query => `/partners/summary${query}`),
    ['/partners/summary', '/partners/summary?x=1'],
  ],
  [
    'GET /partners/{ref}',
    pathSegment(REF).map(ref => `/partners/${ref}`),
    [`/partners/${encode(ACME)}`, '/partners/%00acme'],
  ],
  [
    'GET /partners/{ref}/identities',
    fc
      .tuple(
        pathSegment(REF),
        queryString({
          integration: REF,
          limit: LIMIT,
          cursor: cursor(
            INTEGRATION_KEYS.flatMap(ref =>
              ['acme-api-key', 'acme-admin', 'x'].map(
                name => `${ref}\n${name}`,
              ),
            ),
          ),
        }),
      )
      .map(([ref, query]) => `/partners/${ref}/identities${query}`),
    [
      `/partners/${encode(ACME)}/identities`,
      '/partners/%00/identities',
      '/partners/acme/identities?integration=%00',
    ],
  ],
  [
    'GET /entities/{ref}/access',
    fc
      .tuple(
        pathSegment(REF),
        queryString({ limit: LIMIT, cursor: cursor(INTEGRATION_KEYS) }),
      )
      .map(([ref, query]) => `/entities/${ref}/access${query}`),
    [`/entities/${encode(ORDERS)}/access`, '/entities/%00acme/access'],
  ],
  [
    'GET /findings',
    queryString({
      severity: stringOr('low', 'medium', 'high', 'critical'),
      ruleId: stringOr(
        'identity-dormant',
        'owner-missing',
        'no-such-rule',
        'A',
      ),
      partner: REF,
      entity: REF,
      status: stringOr('open', 'accepted', 'resolved'),
      limit: LIMIT,
      cursor: cursor(['1', '2', '3', '999999999999999']),
    }).map(query => `/findings${query}`),
    ['/findings', '/findings?partner=a%00b', '/findings?entity=%00'],
  ],
  [
    'GET /findings/rules',
    queryString({ partner: REF }).map(query => `/findings/rules${query}`),
    ['/findings/rules', '/findings/rules?partner=%00'],
  ],
];

/** Each of `paths`, by a generated caller: a clear answer, nothing changed. */
function expectClearReads(
  fx: ReadRouter,
  paths: fc.Arbitrary<string>,
  examples: string[] = [],
) {
  return expectClearRequests({
    knex: () => fx.knex,
    requests: fc.tuple(paths, caller(ALICE)),
    examples: examples.map((path): [string, string | undefined] => [
      path,
      undefined,
    ]),
    send: async ([path, authorization]) => {
      const { status, body } = await fx.get(
        path,
        authorization ? { Authorization: authorization } : undefined,
      );
      return { status, body, text: JSON.stringify(body) };
    },
    successes: [200],
  });
}

describe('generated hostile queries of the read routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = readRouter(databases, databaseId);

    it.each(ROUTES)(
      '%s: a 200 or a clear 4xx, never a 5xx, nothing stored changed',
      async (_route, paths, examples) => {
        const statuses = await expectClearReads(fx, paths, examples);
        expect(Object.keys(statuses)).toEqual(
          expect.arrayContaining(['200', '400']),
        );
      },
    );

    it('a caller who may read no details gets the same clear answers', async () => {
      // partners.details.read denied: lists narrowed in SQL to nothing
      fx.permissions.authorizeConditional.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      const statuses = await expectClearReads(
        fx,
        fc.oneof(...ROUTES.map(([, paths]) => paths)),
        ROUTES.flatMap(([, , examples]) => examples),
      );
      expect(Object.keys(statuses)).toEqual(
        expect.arrayContaining(['200', '400']),
      );
    });

    it('huge and odd strings in every string parameter are refused or answered', async () => {
      const statuses = await expectClearReads(
        fx,
        fc
          .tuple(
            fc.constantFrom(
              '/partners?owner=',
              '/partners?stage=',
              '/findings?partner=',
              '/findings?entity=',
              '/findings?ruleId=',
              '/findings/rules?partner=',
              '/partners/acme/identities?integration=',
              '/entities/orders-service/access?cursor=',
              '/partners?cursor=',
              '/findings?cursor=',
            ),
            URL_STRING.map(encode),
          )
          .map(([prefix, value]) => `${prefix}${value}`),
        // each status asserted below, whatever the generator draws
        [
          `/partners?owner=${encode('group:default/sales')}`,
          '/partners?cursor=!',
        ],
      );
      expect(Object.keys(statuses)).toEqual(
        expect.arrayContaining(['200', '400']),
      );
    });
  });
});
