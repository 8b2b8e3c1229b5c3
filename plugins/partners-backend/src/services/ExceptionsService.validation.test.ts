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

import type { Knex } from 'knex';
import { ALICE } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  NOW,
  openExceptionsService,
  request,
} from '../__testUtils__/exceptionsService';
import { CRIT } from '../__testUtils__/reviews';
import { CRIT_API, GONE_API, HIGH_API } from '../__testUtils__/reviews';
import { type ExceptionsService, parseExpiry } from './ExceptionsService';

jest.setTimeout(90_000);

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
    let service: ExceptionsService;

    beforeEach(async () => {
      ({ knex, service } = await openExceptionsService(databases, databaseId));
    });

    describe('request', () => {
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
    });
  });
});
