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
  EXCEPTION_STATUSES,
  RULE_IDS,
} from '@partner-governance/plugin-partners-common';
import {
  errorResponse,
  errorResponses,
  pageOf,
  pageParameters,
  refSchema,
} from './common';

/*
 * The exceptions part of the partners backend OpenAPI spec, spread into
 * `spec` in ./openapi.ts.
 */

const exceptionStatuses = EXCEPTION_STATUSES;
const exceptionId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1, maximum: 999999999999999 },
} as const;
const exceptionResponse = {
  description: 'The exception.',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/Exception' } },
  },
} as const;
const decisionBody = {
  required: false,
  content: {
    'application/json': {
      schema: { $ref: '#/components/schemas/ExceptionDecision' },
    },
  },
} as const;

/** Component schemas of the exceptions endpoints. @internal */
export const exceptionSchemas = {
  Exception: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      ruleId: { type: 'string', enum: RULE_IDS },
      entityRef: { type: 'string' },
      identity: { type: 'string' },
      partnerRef: { type: 'string' },
      justification: { type: 'string' },
      requestedBy: { type: 'string' },
      requestedAt: { type: 'string' },
      expiresAt: { type: 'string' },
      status: { type: 'string', enum: exceptionStatuses },
      decidedBy: { type: 'string' },
      decidedAt: { type: 'string' },
      decisionComment: { type: 'string' },
      expiredAt: { type: 'string' },
    },
    required: [
      'id',
      'ruleId',
      'entityRef',
      'partnerRef',
      'justification',
      'requestedBy',
      'requestedAt',
      'expiresAt',
      'status',
    ],
    additionalProperties: false,
  },
  ExceptionList: pageOf('Exception'),
  ExceptionRequest: {
    type: 'object',
    properties: {
      ruleId: {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        description: 'A rule id of the catalog, backend rules included.',
      },
      entityRef: {
        ...refSchema,
        description: 'A partner or integration ref, `kind:namespace/name`.',
      },
      identity: {
        type: 'string',
        minLength: 1,
        maxLength: 1000,
        description: 'An identity of the integration.',
      },
      justification: {
        type: 'string',
        minLength: 1,
        maxLength: 8000,
        description:
          'Why the risk is accepted: at most 4000 characters once trimmed; never a secret value.',
      },
      expiresAt: {
        type: 'string',
        minLength: 10,
        maxLength: 40,
        description:
          'A date (midnight UTC) or an ISO-8601 timestamp with an offset; in the future and at most policy.exceptionMaxDays whole days from today.',
      },
    },
    required: ['ruleId', 'entityRef', 'justification', 'expiresAt'],
    additionalProperties: false,
  },
  ExceptionDecision: {
    type: 'object',
    properties: {
      comment: { type: 'string', maxLength: 8000 },
    },
    additionalProperties: false,
  },
  AcceptedRisk: {
    type: 'object',
    description:
      'The approved, unexpired exception that makes a firing finding an accepted risk.',
    properties: {
      exceptionId: { type: 'integer' },
      expiresAt: { type: 'string' },
      approvedBy: { type: 'string' },
    },
    required: ['exceptionId', 'expiresAt', 'approvedBy'],
    additionalProperties: false,
  },
} as const;

/** Paths of the exceptions endpoints. @internal */
export const exceptionPaths = {
  '/exceptions': {
    get: {
      operationId: 'ListExceptions',
      description: 'Exceptions, newest first.',
      parameters: [
        {
          name: 'status',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: exceptionStatuses },
        },
        {
          name: 'partner',
          in: 'query',
          required: false,
          allowReserved: true,
          description:
            'Partner ref; kind defaults to partner, namespace to default.',
          schema: refSchema,
        },
        {
          name: 'entity',
          in: 'query',
          required: false,
          allowReserved: true,
          description:
            'The partner or integration, as `kind:namespace/name` (namespace defaults to default).',
          schema: refSchema,
        },
        {
          name: 'ruleId',
          in: 'query',
          required: false,
          schema: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
            pattern: '^[a-z0-9-]+$',
          },
        },
        ...pageParameters,
      ],
      responses: {
        '200': {
          description: 'One page of exceptions.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/ExceptionList' },
            },
          },
        },
        ...errorResponses,
      },
    },
    post: {
      operationId: 'RequestException',
      description:
        'Requests an exception to a rule for a partner or integration (and identity). Needs a user token and ' +
        'partners.exception.request. 404 for an entity or identity not in the index; 409 while an open ' +
        '(requested, or approved and unexpired) exception covers the same finding.',
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/ExceptionRequest' },
          },
        },
      },
      responses: {
        '201': {
          description: 'The requested exception.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/Exception' },
            },
          },
        },
        ...errorResponses,
        '404': errorResponse,
        '409': errorResponse,
      },
    },
  },
  '/exceptions/{id}': {
    get: {
      operationId: 'GetException',
      description: 'An exception.',
      parameters: [exceptionId],
      responses: {
        '200': exceptionResponse,
        ...errorResponses,
        '404': errorResponse,
      },
    },
  },
  '/exceptions/{id}/approve': {
    post: {
      operationId: 'ApproveException',
      description:
        'Approves a requested exception. Needs a user token and partners.exception.approve; the requester may not ' +
        'decide their own request (403). 409 once decided or expired, or when its expiry has passed.',
      parameters: [exceptionId],
      requestBody: decisionBody,
      responses: {
        '200': exceptionResponse,
        ...errorResponses,
        '404': errorResponse,
        '409': errorResponse,
      },
    },
  },
  '/exceptions/{id}/deny': {
    post: {
      operationId: 'DenyException',
      description:
        'Denies a requested exception. Needs a user token and partners.exception.approve; the requester may not ' +
        'decide their own request (403). 409 once decided or expired.',
      parameters: [exceptionId],
      requestBody: decisionBody,
      responses: {
        '200': exceptionResponse,
        ...errorResponses,
        '404': errorResponse,
        '409': errorResponse,
      },
    },
  },
} as const;
