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

import { REDACTED_SECRET_VALUE } from '../secrets/guard';
import { join } from '../testUtils/credentialCases';
import {
  OBSERVED_IDENTITY_LIMITS as LIMITS,
  checkObservedIdentities,
} from './checkObservedIdentities';

/** A GitHub token no source may hand over. */
const TOKEN = join('ghp_', 'R8x2Kq9TzL4mN7vB1cX5', 'jH3gF6dS0aP2wE4rT8yU');

const observed = (overrides: Record<string, unknown> = {}) => ({
  externalId: 'partner_lumen_reader',
  type: 'service-account',
  name: 'partner_lumen_reader',
  partner: 'lumen',
  scopes: ['select:orders.orders', 'usage:orders'],
  created: '2026-01-10',
  lastUsed: '2026-11-30T08:15:00Z',
  lastRotated: '2026-09-01',
  expires: '2027-09-01',
  status: 'active',
  attributes: { connectionLimit: 5, superuser: false, comment: 'reporting' },
  ...overrides,
});

async function errorOf(value: unknown): Promise<string | undefined> {
  const [checked] = await checkObservedIdentities('partner-db', [value]);
  return 'error' in checked ? checked.error : undefined;
}

describe('checkObservedIdentities', () => {
  it('keeps a well-formed identity as it is', async () => {
    const identity = observed();
    expect(await checkObservedIdentities('partner-db', [identity])).toEqual([
      { identity, redacted: [] },
    ]);
  });

  it('keeps the least an identity needs', async () => {
    const identity = {
      externalId: 'uid=svc,ou=partners,dc=example,dc=com',
      type: 'service-account',
      name: 'svc',
      scopes: [],
      status: 'disabled',
    };
    expect(await errorOf(identity)).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an empty external id', { externalId: '' }, 'externalId must be text'],
    [
      'an external id over the limit',
      { externalId: 'r'.repeat(LIMITS.externalIdLength + 1) },
      'externalId must be text of 1 to 1024',
    ],
    ['a newline in the name', { name: 'a\nb' }, 'name must be text'],
    ['an ANSI escape in the name', { name: '\u001b[31mred' }, 'name must'],
    ['an unknown type', { type: 'password' }, 'type must be one of api-key'],
    ['an empty partner', { partner: '' }, 'partner must be text'],
    ['scopes that are not a list', { scopes: 'select' }, 'scopes must be'],
    [
      'too many scopes',
      { scopes: Array.from({ length: LIMITS.scopes + 1 }, (_, i) => `s${i}`) },
      'at most 1000',
    ],
    ['a scope with a tab', { scopes: ['select\t'] }, 'scopes must be'],
    ['a day that does not exist', { expires: '2026-02-30' }, 'expires must'],
    ['a date that is not a date', { lastUsed: 'yesterday' }, 'lastUsed must'],
    ['a number as a date', { created: 20260101 }, 'created must'],
    [
      'a timestamp over 40 characters',
      { lastUsed: `2026-11-30T08:15:00.${'1'.repeat(20)}Z` },
      'lastUsed must be an ISO-8601 date or timestamp of at most 40',
    ],
    ['an unknown status', { status: 'locked' }, 'status must be active'],
    ['attributes as a list', { attributes: ['a'] }, 'attributes must be'],
    [
      'too many attributes',
      {
        attributes: Object.fromEntries(
          Array.from({ length: LIMITS.attributes + 1 }, (_, i) => [`a${i}`, i]),
        ),
      },
      'at most 50 entries',
    ],
    [
      'a nested attribute',
      { attributes: { grants: { a: 1 } } },
      'attributes.grants must be',
    ],
    [
      'an attribute that is not finite',
      { attributes: { limit: Infinity } },
      'attributes.limit must be',
    ],
    [
      'an attribute over the limit',
      { attributes: { note: 'n'.repeat(LIMITS.attributeLength + 1) } },
      'attributes.note must be',
    ],
  ])(
    'refuses %s, naming the identity and the field',
    async (_, bad, reason) => {
      const error = await errorOf(observed(bad));
      expect(error).toContain(reason);
      const named =
        typeof bad.externalId === 'string'
          ? 'identity 1 of a page of source partner-db'
          : 'identity partner_lumen_reader of source partner-db';
      expect(error).toContain(named);
    },
  );

  it('accepts every limit exactly', async () => {
    const identity = observed({
      lastUsed: `2026-11-30T08:15:00.${'1'.repeat(19)}Z`,
      externalId: 'r'.repeat(LIMITS.externalIdLength),
      name: 'n'.repeat(LIMITS.textLength),
      scopes: Array.from({ length: LIMITS.scopes }, (_, i) => `s${i}`),
      attributes: {
        ...Object.fromEntries(
          Array.from({ length: LIMITS.attributes - 1 }, (_, i) => [`a${i}`, i]),
        ),
        note: 'n'.repeat(LIMITS.attributeLength),
      },
    });
    expect(await errorOf(identity)).toBeUndefined();
  });

  it('refuses what is not an object', async () => {
    for (const value of [null, 'partner_lumen', 42, [observed()]]) {
      expect(await errorOf(value)).toBe(
        'identity 1 of a page of source partner-db: is not an object',
      );
    }
  });

  it('replaces a secret in a scope or an attribute, and says where', async () => {
    const [checked] = await checkObservedIdentities('partner-db', [
      observed({
        scopes: ['select:orders.orders', TOKEN],
        attributes: { comment: `rotated to ${TOKEN}`, connectionLimit: 5 },
      }),
    ]);
    expect(checked).toEqual({
      identity: observed({
        scopes: ['select:orders.orders', REDACTED_SECRET_VALUE],
        attributes: { comment: REDACTED_SECRET_VALUE, connectionLimit: 5 },
      }),
      redacted: ['scopes[1]', 'attributes.comment'],
    });
    expect(JSON.stringify(checked)).not.toContain(TOKEN);
  });

  it('refuses an identity whose name or external id is a secret, without quoting it', async () => {
    for (const field of ['externalId', 'name', 'partner']) {
      const error = await errorOf(observed({ [field]: TOKEN }));
      expect(error).toBe(
        'identity 1 of a page of source partner-db holds a secret value in what names it; it is not kept',
      );
    }
  });

  it('never quotes a value in its reasons', async () => {
    const error = await errorOf(
      observed({ externalId: `${TOKEN}\n`, attributes: { t: [TOKEN] } }),
    );
    expect(error).toBeDefined();
    expect(error).not.toContain(TOKEN.slice(4));
  });

  it('judges each identity of a page on its own', async () => {
    const checked = await checkObservedIdentities('partner-db', [
      observed({ externalId: 'a' }),
      observed({ externalId: 'b', status: 'gone' }),
      observed({ externalId: 'c' }),
    ]);
    expect(checked.map(c => ('error' in c ? c.error : 'kept'))).toEqual([
      'kept',
      'identity b of source partner-db: status must be active or disabled',
      'kept',
    ]);
  });
});
