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

import {
  PARTNER_INTEGRATION_TYPES,
  PARTNER_LIFECYCLE_STAGES,
  RISK_TIERS,
} from '@partner-governance/plugin-partners-common';
import { countSchema, errorResponse, pageParameters } from './common';

/*
 * The owners part of the partners OpenAPI spec: what a group, or a user and
 * their groups, are accountable for. Spread into `spec` in openapi.ts.
 */

/** Component schemas of the owners endpoints. @internal */
export const ownersSchemas = {
  OwnerIntegration: {
    type: 'object',
    properties: {
      entityRef: { type: 'string' },
      title: { type: 'string' },
      type: { type: 'string', enum: PARTNER_INTEGRATION_TYPES },
      environment: {
        type: 'string',
        enum: ['production', 'staging', 'sandbox'],
      },
      owner: { type: 'string' },
      partner: {
        type: 'object',
        properties: {
          entityRef: { type: 'string' },
          title: { type: 'string' },
          stage: { type: 'string', enum: PARTNER_LIFECYCLE_STAGES },
          tier: { type: 'string', enum: RISK_TIERS },
        },
        required: ['entityRef'],
        additionalProperties: false,
      },
      identities: {
        type: 'object',
        properties: { active: countSchema, total: countSchema },
        required: ['active', 'total'],
        additionalProperties: false,
      },
      reviews: {
        type: 'object',
        properties: {
          pending: countSchema,
          overdue: countSchema,
          pendingReviewId: { type: 'integer' },
        },
        required: ['pending', 'overdue'],
        additionalProperties: false,
      },
      openFindings: { $ref: '#/components/schemas/SeverityCounts' },
    },
    required: [
      'entityRef',
      'type',
      'owner',
      'partner',
      'identities',
      'reviews',
      'openFindings',
    ],
    additionalProperties: false,
  },
  OwnerIntegrationList: {
    type: 'object',
    properties: {
      owners: {
        type: 'array',
        description:
          'The owner refs whose integrations are listed: the group, or the user and the groups they are a direct member of.',
        items: { type: 'string' },
      },
      items: {
        type: 'array',
        items: { $ref: '#/components/schemas/OwnerIntegration' },
      },
      nextCursor: { type: 'string' },
    },
    required: ['owners', 'items'],
    additionalProperties: false,
  },
} as const;

/** Paths of the owners endpoints. @internal */
export const ownersPaths = {
  '/owners/{ref}/integrations': {
    get: {
      operationId: 'ListOwnerIntegrations',
      description:
        'The partner integrations in the catalog a Group owns; for a User, those the user owns and those of every group the user is a direct member of. ' +
        'Ordered by integration ref, with identity, review and open finding counts. 404 when the user is not in the catalog.',
      parameters: [
        {
          name: 'ref',
          in: 'path',
          required: true,
          description:
            'URL-encoded Group or User ref with its kind, e.g. `group:default/payments` or `user:default/jane` (namespace defaults to default).',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
        ...pageParameters,
      ],
      responses: {
        '200': {
          description: 'One page of integrations.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/OwnerIntegrationList' },
            },
          },
        },
        '400': errorResponse,
        '401': errorResponse,
        '403': errorResponse,
        '404': errorResponse,
        '500': errorResponse,
      },
    },
  },
} as const;
