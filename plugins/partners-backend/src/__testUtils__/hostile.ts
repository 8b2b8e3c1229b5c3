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
import {
  CREDENTIAL_CASES,
  type CredentialCase,
} from '@partner-governance/plugin-partners-node/testUtils';
import fc from 'fast-check';

// Generated hostile input for the HTTP API: strings, numbers, JSON values,
// entity refs, callers and free text holding credentials (URLs in
// hostileUrls.ts, bodies in hostileBodies.ts). Sizes are bounded so that a
// few hundred requests per property stay fast; the largest strings pass
// every maxLength of the spec.

/** Every secret value a request of these tests may carry. */
export const SECRETS = CREDENTIAL_CASES.map(c => c.secret);

/** A credential case as someone would paste it into free text. */
const pasted = (c: CredentialCase) =>
  typeof c.identity.notes === 'string'
    ? c.identity.notes
    : JSON.stringify(c.identity);

/** Free text holding one credential case, perhaps padded with whitespace. */
export const CREDENTIAL_TEXT = fc
  .tuple(
    fc.constantFrom(...CREDENTIAL_CASES),
    fc.constantFrom('', '  ', '\n'),
    fc.constantFrom('', '\n', ' \t'),
  )
  .map(([c, before, after]) => `${before}${pasted(c)}${after}`);

/** Strings that parsers, databases and comparisons trip over. */
const SPECIAL = fc.constantFrom(
  '',
  ' ',
  '\0',
  'a\0b',
  '\u0000acme',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '\ud800',
  'a\udfff',
  '\u202eemca',
  'ac\u200bme',
  '\ufeffacme',
  '\u0130stanbul',
  'stra\u00dfe',
  '\ufb03',
  'e\u0301',
  '\u{1f600}',
  "'; drop table partners; --",
  '" or 1=1 --',
  '\\',
  '%',
  '%00',
  '../..',
  '${x}',
  '<script>',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '0',
  '-0',
  '-1',
  '1.5',
  '1e3',
  '+1',
  ' 1',
  '01',
  '0x10',
  String(2 ** 53),
  '9007199254740993',
  '999999999999999',
  '1000000000000000',
  '9'.repeat(40),
  'NaN',
  'Infinity',
  '-Infinity',
);

/** Any string: special, random (any code unit, controls and NUL included) or huge. */
const hostileString = (hugeLengths: number[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: SPECIAL },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(SPECIAL, fc.string({ maxLength: 10 }), SPECIAL)
        .map(parts => parts.join('')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...hugeLengths),
          fc.constantFrom('x', '\u00e9', '\0', ' ', '\u{1f600}'),
        )
        .map(([n, ch]) => ch.repeat(n)),
    },
  );

/** Any string, the huge ones past every maxLength of the spec (64 to 8000). */
export const HOSTILE_STRING = hostileString([65, 256, 1001, 4001, 8001, 9000]);

/**
 * Any string for a URL, past the spec's maxLengths of query and path
 * parameters (255, and 1024 for cursors): Node's HTTP server refuses
 * request heads past 16 KiB (431) before any router sees them.
 */
export const URL_STRING = hostileString([65, 256, 300]);

/** Numbers at the boundaries, and any others. */
const HOSTILE_NUMBER: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1,
    0.5,
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53),
    999999999999999,
    1e15,
    1e308,
    Number.MIN_VALUE,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, with prototype keys among the object keys. */
export const HOSTILE_VALUE: fc.Arbitrary<unknown> = fc.letrec<{
  value: unknown;
}>(tie => ({
  value: fc.oneof(
    { depthSize: 'small' },
    HOSTILE_STRING,
    HOSTILE_NUMBER,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'toJSON'),
        fc.string({ maxLength: 8 }),
      ),
      tie('value'),
      { maxKeys: 3 },
    ),
  ),
})).value;

/** A valid value most of the time, any JSON value otherwise. */
export const validOr = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 1, arbitrary: HOSTILE_VALUE },
  );

/** A string of the spec most of the time, any string otherwise. */
export const stringOr = (...valid: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: URL_STRING },
  );

/** Entity refs, well formed or not, of the estate's names and others. */
export const entityRef = (names: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom(
          '',
          'partner:',
          'Partner:',
          'PARTNERINTEGRATION:',
          'partnerintegration:',
          'component:',
          'group:',
          'user:',
          ':',
          'x:y:',
        ),
        fc.constantFrom('', 'default/', 'Default/', '/', 'other/', 'a/b/'),
        fc.oneof(fc.constantFrom(...names), URL_STRING),
      )
      .map(parts => parts.join('')),
    URL_STRING,
  );

/** Mostly refs the estate holds, `known`, sometimes any of {@link entityRef}. */
export const knownRefOr = (
  known: string[],
  names: string[],
): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: entityRef(names) },
  );

/** A caller: one of `users`, a service, or the default mock user. */
export const caller = (...users: string[]): fc.Arbitrary<string | undefined> =>
  fc.constantFrom<string | undefined>(
    ...users.map(user => mockCredentials.user.header(user)),
    mockCredentials.service.header(),
    undefined,
  );
