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

import fc from 'fast-check';
import { URL_STRING } from './hostile';

// Generated hostile URLs: path segments, ids, query strings and cursors.
// Huge values stay under Node's 16 KiB limit of a request head, past which
// the HTTP server answers 431 before any router sees the request.

/** The characters of percent-encoding that decoders refuse or turn around. */
const RAW_ENCODED = fc.constantFrom(
  '%',
  '%zz',
  '%FF',
  '%ED%A0%80',
  '%C0%AF',
  '%00',
  '%2F',
  '%E2%80%AE',
  '+',
  '%20',
  '%25',
);

/** A string as a URL carries it: lone surrogates become U+FFFD. */
export function encode(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udfff]/gu, '\ufffd'));
}

/**
 * A path segment: an encoded string or raw (possibly invalid) encodings.
 * Never empty nor a dot segment, which would address another path.
 */
export const pathSegment = (
  valid: fc.Arbitrary<string>,
): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: valid.map(encode) },
      { weight: 3, arbitrary: URL_STRING.map(encode) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.string({ maxLength: 4 }).map(encode), RAW_ENCODED)
          .map(parts => parts.join('')),
      },
    )
    .filter(s => s !== '' && !/^(\.|%2e){1,2}$/i.test(s));

/** Integer ids: mostly `ids`, else boundaries and anything else. */
export const idSegment = (...ids: number[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...ids.map(String)) },
    {
      weight: 1,
      arbitrary: pathSegment(fc.integer({ min: -1, max: 50 }).map(String)),
    },
  );

/** Query parameters: the route's own with any value, and others. */
export const queryString = (
  params: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<string> => {
  const known = Object.entries(params).map(([name, value]) =>
    fc.tuple(
      fc.constant(name),
      fc.oneof(
        { weight: 3, arbitrary: value.map(encode) },
        { weight: 2, arbitrary: URL_STRING.map(encode) },
        { weight: 1, arbitrary: RAW_ENCODED },
      ),
    ),
  );
  const other = fc.tuple(
    fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        '__proto__[polluted]',
        'constructor[prototype][polluted]',
        `${Object.keys(params)[0] ?? 'x'}[]`,
        `${Object.keys(params)[0] ?? 'x'}[a][b]`,
        'queryType',
        'x',
      ),
      URL_STRING.map(encode),
    ),
    URL_STRING.map(encode),
  );
  return fc
    .array(
      fc.oneof(
        ...(known.length ? [{ weight: 4, arbitrary: fc.oneof(...known) }] : []),
        { weight: 1, arbitrary: other },
      ),
      { maxLength: 4 },
    )
    .map(pairs =>
      pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : '',
    );
};

/** Cursors: of valid keys of the route, of hostile keys, and not base64url. */
export const cursor = (validKeys: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc
      .oneof(
        fc.constantFrom(...validKeys),
        URL_STRING,
        fc
          .tuple(fc.constantFrom(...validKeys), URL_STRING)
          .map(([key, tail]) => `${key}\n${tail}`),
      )
      .map(key => Buffer.from(key, 'utf8').toString('base64url')),
    URL_STRING,
  );
