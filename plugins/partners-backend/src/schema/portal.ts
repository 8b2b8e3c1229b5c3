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
  IDENTITY_TYPES,
  PARTNER_LIFECYCLE_STAGES,
  SEVERITIES,
} from '@partner-governance/plugin-partners-common';
import {
  countSchema,
  errorResponse,
  errorResponses,
  pageOf,
  pageParameters,
  partnerRefParameter,
  refSchema,
} from './common';

/*
 * The portal part of the partners OpenAPI spec: the partner index tiles,
 * finding counts per rule and a partner's identities. Spread into `spec` in
 * openapi.ts.
 */

/** Component schemas of the portal endpoints. @internal */
export const portalSchemas = {
  PartnerReviewCounts: {
    type: 'object',
    description:
      "Pending access reviews of the partner's live integrations; overdue ones are past due.",
    properties: { pending: countSchema, overdue: countSchema },
    required: ['pending', 'overdue'],
    additionalProperties: false,
  },
  PartnersOverview: {
    type: 'object',
    properties: {
      total: countSchema,
      byStage: {
        type: 'object',
        properties: Object.fromEntries(
          PARTNER_LIFECYCLE_STAGES.map(stage => [stage, countSchema]),
        ),
        required: [...PARTNER_LIFECYCLE_STAGES],
        additionalProperties: false,
      },
      reviews: { $ref: '#/components/schemas/PartnerReviewCounts' },
      openFindings: { $ref: '#/components/schemas/SeverityCounts' },
      contractsEnding: {
        type: 'object',
        properties: {
          days: {
            ...countSchema,
            description: "The policy's contractNoticeDays.",
          },
          count: countSchema,
        },
        required: ['days', 'count'],
        additionalProperties: false,
      },
    },
    required: [
      'total',
      'byStage',
      'reviews',
      'openFindings',
      'contractsEnding',
    ],
    additionalProperties: false,
  },
  FindingRuleCount: {
    type: 'object',
    properties: {
      ruleId: { type: 'string' },
      severity: { type: 'string', enum: SEVERITIES },
      title: { type: 'string' },
      frameworks: { type: 'array', items: { type: 'string' } },
      open: countSchema,
      accepted: countSchema,
    },
    required: ['ruleId', 'severity', 'title', 'frameworks', 'open', 'accepted'],
    additionalProperties: false,
  },
  FindingRuleList: {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: { $ref: '#/components/schemas/FindingRuleCount' },
      },
    },
    required: ['items'],
    additionalProperties: false,
  },
  PartnerIdentity: {
    type: 'object',
    description:
      'A live identity of a partner. Never a secret value; `secretRef` (where the secret lives) only for holders of partners.identity.read.',
    properties: {
      integrationRef: { type: 'string' },
      name: { type: 'string' },
      type: { type: 'string', enum: IDENTITY_TYPES },
      status: { type: 'string', enum: ['active', 'suspended', 'revoked'] },
      scopes: { type: 'array', items: { type: 'string' } },
      privileged: { type: 'boolean' },
      environment: {
        type: 'string',
        enum: ['production', 'staging', 'sandbox'],
      },
      custodian: { type: 'string' },
      issued: { type: 'string' },
      lastRotated: { type: 'string' },
      rotationAgeDays: { type: 'integer' },
      expires: { type: 'string' },
      lastUsed: { type: 'string' },
      accessPackage: { type: 'string' },
      openFindings: {
        type: 'array',
        description: 'Rule ids of the open findings of the identity.',
        items: { type: 'string' },
      },
      acceptedRisks: {
        type: 'array',
        description: 'Rule ids of the accepted-risk findings of the identity.',
        items: { type: 'string' },
      },
      secretRef: { type: 'string' },
    },
    required: [
      'integrationRef',
      'name',
      'type',
      'status',
      'scopes',
      'privileged',
      'openFindings',
      'acceptedRisks',
    ],
    additionalProperties: false,
  },
  PartnerIdentityList: pageOf('PartnerIdentity'),
} as const;

/** Paths of the portal endpoints. @internal */
export const portalPaths = {
  '/partners/summary': {
    get: {
      operationId: 'GetPartnersOverview',
      description:
        'Exact counts over live partners for the partner index tiles: per stage, pending and overdue reviews, open findings per severity (accepted risk excluded) and contracts ending within the policy notice period.',
      responses: {
        '200': {
          description: 'The counts.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/PartnersOverview' },
            },
          },
        },
        ...errorResponses,
      },
    },
  },
  '/partners/{ref}/identities': {
    get: {
      operationId: 'ListPartnerIdentities',
      description:
        "A partner's live identities, ordered by integration ref then name, with the rule ids of their open and accepted-risk findings. 404 for an unknown partner.",
      parameters: [
        partnerRefParameter,
        {
          name: 'integration',
          in: 'query',
          required: false,
          allowReserved: true,
          description:
            'Only the identities of this integration; kind defaults to partnerintegration, namespace to default.',
          schema: refSchema,
        },
        ...pageParameters,
      ],
      responses: {
        '200': {
          description: 'One page of identities.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/PartnerIdentityList' },
            },
          },
        },
        '404': errorResponse,
        ...errorResponses,
      },
    },
  },
  '/findings/rules': {
    get: {
      operationId: 'ListFindingRules',
      description:
        'Per rule with firing findings, ordered by rule id: how many are open and how many are accepted risk, with the rule severity, title and framework ids.',
      parameters: [
        {
          name: 'partner',
          in: 'query',
          required: false,
          allowReserved: true,
          description:
            'Partner ref; kind defaults to partner, namespace to default.',
          schema: refSchema,
        },
      ],
      responses: {
        '200': {
          description: 'The rules with findings.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/FindingRuleList' },
            },
          },
        },
        ...errorResponses,
      },
    },
  },
} as const;
