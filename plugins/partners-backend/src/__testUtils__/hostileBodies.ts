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
import { CREDENTIAL_TEXT, HOSTILE_STRING, HOSTILE_VALUE } from './hostile';

// Generated hostile request bodies: valid-looking ones, other JSON values,
// malformed JSON, deep nesting, prototype keys, other content types, one
// past the JSON body limit, and bodies holding a credential.

/** A request body as sent: its content type and text. */
export interface RawBody {
  contentType?: string;
  text?: string;
}

/** JSON text that is not what it claims to be. */
const malformed = (json: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat({ max: Math.max(0, json.length - 1) }).map(n => json.slice(0, n)),
    fc.constantFrom(
      `${json},`,
      `${json}}`,
      `\ufeff${json}`,
      json.replace(/"/g, "'"),
      json.replace(/:/, ': NaN, "x":'),
      `/* c */${json}`,
      '{"a":1,}',
      'undefined',
      '{',
    ),
  );

/**
 * Request bodies around `valid`, which generates valid-looking objects:
 * those as JSON (with extra and prototype keys), other JSON values,
 * malformed JSON, deep nesting, other content types, and a body past the
 * JSON body limit.
 */
export const hostileBody = (
  valid: fc.Arbitrary<Record<string, unknown>>,
  textField: string,
): fc.Arbitrary<RawBody> => {
  const json = (text: string): RawBody => ({
    contentType: 'application/json',
    text,
  });
  return fc.oneof(
    { weight: 12, arbitrary: valid.map(v => json(JSON.stringify(v))) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.dictionary(fc.string({ maxLength: 6 }), HOSTILE_VALUE))
        .map(([v, extra]) => json(JSON.stringify({ ...extra, ...v }))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(
            '"__proto__":{"polluted":true}',
            '"constructor":{"prototype":{"polluted":true}}',
            '"__proto__":{"evidence":"x","decision":"attest"}',
          ),
        )
        .map(([v, key]) => {
          const text = JSON.stringify(v);
          return json(text === '{}' ? `{${key}}` : `{${key},${text.slice(1)}`);
        }),
    },
    {
      weight: 2,
      arbitrary: HOSTILE_VALUE.map(v => json(JSON.stringify(v) ?? 'null')),
    },
    {
      weight: 2,
      arbitrary: valid.chain(v => malformed(JSON.stringify(v)).map(json)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 50, max: 4000 }),
          fc.constantFrom('[', '{"a":'),
        )
        .map(([depth, open]) =>
          json(
            `{"${textField}":${open.repeat(depth)}1${(open === '['
              ? ']'
              : '}'
            ).repeat(depth)}}`,
          ),
        ),
    },
    {
      weight: 1,
      arbitrary: valid.chain(v =>
        fc.constantFrom<RawBody>(
          { contentType: 'text/plain', text: JSON.stringify(v) },
          {
            contentType: 'application/x-www-form-urlencoded',
            text: new URLSearchParams(
              Object.entries(v).map(([k, x]) => [
                k,
                typeof x === 'string' ? x : JSON.stringify(x) ?? '',
              ]),
            ).toString(),
          },
          {
            contentType: 'application/json; charset=utf-16',
            text: JSON.stringify(v),
          },
          { contentType: undefined, text: JSON.stringify(v) },
          { contentType: 'application/json', text: '' },
          {},
        ),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constant(
        json(JSON.stringify({ [textField]: 'x'.repeat(110_000) })),
      ),
    },
  );
};

/** A body holding a credential, and whether it is well-formed JSON. */
export type CredentialBody = RawBody & { wellFormed: boolean };

/**
 * `body` with a credential in its free-text `field`: as JSON mostly, else
 * as JSON broken around the credential (unquoted, cut short, single
 * quotes, the credential alone), which the JSON parser refuses.
 */
export const credentialBody = (
  body: Record<string, unknown>,
  field: string,
): fc.Arbitrary<CredentialBody> =>
  fc
    .tuple(
      CREDENTIAL_TEXT,
      fc.oneof(
        { weight: 4, arbitrary: fc.constant('json') },
        {
          weight: 1,
          arbitrary: fc.constantFrom('unquoted', 'cut', 'quotes', 'alone'),
        },
      ),
    )
    .map(([text, form]) => {
      const json = JSON.stringify({ ...body, [field]: text });
      const broken: Record<string, string> = {
        json,
        unquoted: json.replace(JSON.stringify(text), text),
        cut: json.slice(0, -2),
        quotes: json.replace(/"/g, "'"),
        alone: text,
      };
      return {
        contentType: 'application/json',
        text: broken[form],
        wellFormed: form === 'json',
      };
    });

/**
 * Free text: what people write (`texts`) mostly, else empty, NUL, a lone
 * surrogate, too long, a credential, or any string.
 */
export const freeText = (...texts: string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...texts) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        'OPS-1\0 closed',
        'OPS-2 \ud800 closed',
        'x'.repeat(4001),
      ),
    },
    { weight: 1, arbitrary: CREDENTIAL_TEXT },
    { weight: 1, arbitrary: HOSTILE_STRING },
  );
