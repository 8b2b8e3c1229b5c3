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

/*
 * Building blocks shared by the parts of the partners backend OpenAPI spec.
 * Each returns its object `as const`, so the typed router still sees the
 * literal shapes.
 */

/** An entity ref in a path or query parameter. */
export const refSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
} as const;

/** A count: a whole number, never negative. */
export const countSchema = { type: 'integer', minimum: 0 } as const;

/** A Backstage error body. */
export const errorResponse = {
  $ref: '#/components/responses/ErrorResponse',
} as const;

/** The errors any authenticated endpoint can answer. */
export const errorResponses = {
  '400': errorResponse,
  '401': errorResponse,
  '403': errorResponse,
  '500': errorResponse,
} as const;

/** The `{ref}` path parameter of the endpoints about one partner. */
export const partnerRefParameter = {
  name: 'ref',
  in: 'path',
  required: true,
  description:
    'URL-encoded partner ref, e.g. `partner:default/acme`, or `acme` (kind partner, namespace default).',
  schema: refSchema,
} as const;

/** The `limit` and `cursor` query parameters of a keyset-paged list. */
export const pageParameters = [
  { $ref: '#/components/parameters/limit' },
  { $ref: '#/components/parameters/cursor' },
] as const;

/** One page of a keyset-paged list of the component schema `item`. */
export function pageOf<const Item extends string>(item: Item) {
  return {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: { $ref: `#/components/schemas/${item}` },
      },
      nextCursor: { type: 'string' },
    },
    required: ['items'],
    additionalProperties: false,
  } as const;
}
