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
import { errorResponse, partnerRefParameter } from './common';

/*
 * The offboarding part of the partners backend HTTP API, spread into the
 * spec in openapi.ts. Mirrored for clients by
 * @partner-governance/plugin-partners-common (api/offboarding.ts).
 */

const offboardingErrors = {
  '400': errorResponse,
  '401': errorResponse,
  '403': errorResponse,
  '404': errorResponse,
  '500': errorResponse,
} as const;
const offboardingResponse = {
  description: 'The partner and its current or latest checklist.',
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/OffboardingResponse' },
    },
  },
} as const;

/** Component schemas of the offboarding endpoints. @internal */
export const offboardingSchemas = {
  OffboardingItem: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      checklistId: { type: 'integer' },
      kind: { type: 'string', enum: ['revoke', 'rotate', 'close'] },
      integrationRef: { type: 'string' },
      identity: {
        type: 'string',
        description: 'The identity name, for revoke and rotate items.',
      },
      description: {
        type: 'string',
        description: 'What to do; never a secret or where it lives.',
      },
      source: { type: 'string', enum: ['offboarding', 'review-revoke'] },
      reviewId: {
        type: 'integer',
        description: 'The access review whose revoke decision opened it.',
      },
      status: { type: 'string', enum: ['pending', 'done'] },
      completedBy: { type: 'string' },
      completedAt: { type: 'string' },
      evidence: { type: 'string' },
    },
    required: [
      'id',
      'checklistId',
      'kind',
      'integrationRef',
      'description',
      'source',
      'status',
    ],
    additionalProperties: false,
  },
  OffboardingChecklist: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      partnerRef: { type: 'string' },
      status: { type: 'string', enum: ['open', 'verified'] },
      reasons: {
        type: 'array',
        items: {
          type: 'string',
          enum: ['stage-offboarding', 'contract-ended', 'review-revoke'],
        },
      },
      openedAt: { type: 'string' },
      verifiedBy: { type: 'string' },
      verifiedAt: { type: 'string' },
      comment: { type: 'string' },
      progress: {
        type: 'object',
        properties: {
          total: { type: 'integer', minimum: 0 },
          done: { type: 'integer', minimum: 0 },
          pending: { type: 'integer', minimum: 0 },
        },
        required: ['total', 'done', 'pending'],
        additionalProperties: false,
      },
      items: {
        type: 'array',
        items: { $ref: '#/components/schemas/OffboardingItem' },
      },
    },
    required: [
      'id',
      'partnerRef',
      'status',
      'reasons',
      'openedAt',
      'progress',
      'items',
    ],
    additionalProperties: false,
  },
  OffboardingResponse: {
    type: 'object',
    properties: {
      partnerRef: { type: 'string' },
      checklist: { $ref: '#/components/schemas/OffboardingChecklist' },
    },
    required: ['partnerRef'],
    additionalProperties: false,
  },
  CompleteOffboardingItem: {
    type: 'object',
    properties: {
      evidence: {
        type: 'string',
        minLength: 1,
        maxLength: 4000,
        description:
          'What shows the item was done (a ticket, a change record); trimmed, never a secret value.',
      },
    },
    required: ['evidence'],
    additionalProperties: false,
  },
  VerifyOffboarding: {
    type: 'object',
    properties: { comment: { type: 'string', maxLength: 4000 } },
    additionalProperties: false,
  },
} as const;

/** Paths of the offboarding endpoints. @internal */
export const offboardingPaths = {
  '/partners/{ref}/offboarding': {
    get: {
      operationId: 'GetPartnerOffboarding',
      description:
        "The partner's open offboarding checklist, else its latest one, with its items and progress. " +
        '`checklist` is absent when the partner never had one; 404 for a partner the index does not know.',
      parameters: [partnerRefParameter],
      responses: {
        '200': offboardingResponse,
        ...offboardingErrors,
      },
    },
  },
  '/partners/{ref}/offboarding/verify': {
    post: {
      operationId: 'VerifyPartnerOffboarding',
      description:
        "Verifies the partner's open checklist. Needs partners.offboarding.verify and a user token. " +
        '409 while an item is pending, without an open checklist or once verified; 403 for a caller who ' +
        'completed an item of it (verification is by a second person).',
      parameters: [partnerRefParameter],
      requestBody: {
        required: false,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/VerifyOffboarding' },
          },
        },
      },
      responses: {
        '200': offboardingResponse,
        ...offboardingErrors,
        '409': errorResponse,
      },
    },
  },
  '/offboarding/items/{id}/complete': {
    post: {
      operationId: 'CompleteOffboardingItem',
      description:
        'Ticks an offboarding item with evidence. Needs partners.offboarding.complete and a user token. ' +
        'Evidence holding a secret value is refused (400); 409 once done or once the checklist is verified.',
      parameters: [
        {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'integer', minimum: 1, maximum: 999999999999999 },
        },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/CompleteOffboardingItem' },
          },
        },
      },
      responses: {
        '200': {
          description: 'The completed item.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/OffboardingItem' },
            },
          },
        },
        ...offboardingErrors,
        '409': errorResponse,
      },
    },
  },
} as const;
