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
  PARTNER_INTEGRATION_TYPES,
  PARTNER_LIFECYCLE_STAGES,
  PARTNER_TYPES,
  RISK_TIERS,
  SEVERITIES,
} from '@partner-governance/plugin-partners-common';
import { errorResponse, partnerRefParameter } from './common';

/*
 * The evidence pack part of the partners OpenAPI spec: a per-partner export
 * for auditors, as JSON or CSV. Spread into `spec` in openapi.ts.
 */

const environments = ['production', 'staging', 'sandbox'] as const;
const text = { type: 'string' } as const;
const texts = { type: 'array', items: { type: 'string' } } as const;

/** Component schemas of the evidence pack. @internal */
export const evidenceSchemas = {
  EvidencePartner: {
    type: 'object',
    properties: {
      entityRef: text,
      title: text,
      type: { type: 'string', enum: PARTNER_TYPES },
      stage: { type: 'string', enum: PARTNER_LIFECYCLE_STAGES },
      tier: { type: 'string', enum: RISK_TIERS },
      owner: text,
      stageOwners: {
        type: 'object',
        additionalProperties: { type: 'string' },
      },
      contract: {
        type: 'object',
        properties: {
          start: text,
          end: text,
          status: {
            type: 'string',
            enum: ['active', 'notice', 'terminated', 'expired'],
          },
        },
        additionalProperties: false,
      },
      dueDiligence: {
        type: 'object',
        properties: { completed: text, reference: text },
        additionalProperties: false,
      },
      goneAt: text,
    },
    required: ['entityRef', 'type', 'stage', 'tier', 'owner', 'stageOwners'],
    additionalProperties: false,
  },
  OwnershipEntry: {
    type: 'object',
    properties: {
      role: {
        type: 'string',
        enum: [
          'business-owner',
          'stage-owner',
          'integration-owner',
          'identity-custodian',
        ],
      },
      owner: text,
      subjectRef: text,
      stage: { type: 'string', enum: PARTNER_LIFECYCLE_STAGES },
      identity: text,
    },
    required: ['role', 'owner', 'subjectRef'],
    additionalProperties: false,
  },
  EvidenceIntegration: {
    type: 'object',
    properties: {
      entityRef: text,
      title: text,
      type: { type: 'string', enum: PARTNER_INTEGRATION_TYPES },
      owner: text,
      environment: { type: 'string', enum: environments },
      accessPackage: text,
      goneAt: text,
    },
    required: ['entityRef', 'type', 'owner'],
    additionalProperties: false,
  },
  EvidenceIdentity: {
    type: 'object',
    description: 'Never a secret value, nor where the secret lives.',
    properties: {
      integrationRef: text,
      name: text,
      type: { type: 'string', enum: IDENTITY_TYPES },
      status: { type: 'string', enum: ['active', 'suspended', 'revoked'] },
      scopes: texts,
      privileged: { type: 'boolean' },
      environment: { type: 'string', enum: environments },
      issued: text,
      lastRotated: text,
      rotationDays: { type: 'integer' },
      expires: text,
      lastUsed: text,
      custodian: text,
      sharedWith: texts,
      goneAt: text,
    },
    required: [
      'integrationRef',
      'name',
      'type',
      'status',
      'scopes',
      'privileged',
      'sharedWith',
    ],
    additionalProperties: false,
  },
  EvidenceFinding: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      ruleId: text,
      severity: { type: 'string', enum: SEVERITIES },
      entityRef: text,
      identity: text,
      partnerRef: text,
      message: text,
      frameworks: texts,
      firstSeen: text,
      lastSeen: text,
      resolvedAt: text,
      acceptedRisk: { $ref: '#/components/schemas/AcceptedRisk' },
      status: { type: 'string', enum: ['open', 'accepted', 'resolved'] },
    },
    required: [
      'id',
      'ruleId',
      'severity',
      'entityRef',
      'message',
      'frameworks',
      'firstSeen',
      'lastSeen',
      'status',
    ],
    additionalProperties: false,
  },
  EvidenceFrameworkControl: {
    type: 'object',
    properties: {
      control: text,
      ruleIds: texts,
      openFindings: { type: 'integer', minimum: 0 },
      acceptedRisks: { type: 'integer', minimum: 0 },
    },
    required: ['control', 'ruleIds', 'openFindings', 'acceptedRisks'],
    additionalProperties: false,
  },
  EvidencePack: {
    type: 'object',
    properties: {
      generatedAt: text,
      partner: { $ref: '#/components/schemas/EvidencePartner' },
      ownership: {
        type: 'array',
        items: { $ref: '#/components/schemas/OwnershipEntry' },
      },
      integrations: {
        type: 'array',
        items: { $ref: '#/components/schemas/EvidenceIntegration' },
      },
      identities: {
        type: 'array',
        items: { $ref: '#/components/schemas/EvidenceIdentity' },
      },
      reviews: {
        type: 'array',
        items: { $ref: '#/components/schemas/ReviewSummary' },
      },
      exceptions: {
        type: 'array',
        items: { $ref: '#/components/schemas/Exception' },
      },
      offboarding: { $ref: '#/components/schemas/OffboardingChecklist' },
      findings: {
        type: 'array',
        items: { $ref: '#/components/schemas/EvidenceFinding' },
      },
      frameworks: {
        type: 'array',
        items: { $ref: '#/components/schemas/EvidenceFrameworkControl' },
      },
      auditEvents: {
        type: 'array',
        items: { $ref: '#/components/schemas/AuditEvent' },
      },
    },
    required: [
      'generatedAt',
      'partner',
      'ownership',
      'integrations',
      'identities',
      'reviews',
      'exceptions',
      'findings',
      'frameworks',
      'auditEvents',
    ],
    additionalProperties: false,
  },
} as const;

/** Paths of the evidence pack. @internal */
export const evidencePaths = {
  '/partners/{ref}/evidence': {
    get: {
      operationId: 'GetEvidencePack',
      description:
        'The evidence pack of a partner for auditors, as an attachment: the partner, its ownership register, integrations, ' +
        'identities (never a secret or where it lives), access reviews, exceptions, offboarding checklist, findings, ' +
        'a framework control summary and its audit trail. Needs partners.audit.read; the export is itself audited.',
      parameters: [
        partnerRefParameter,
        {
          name: 'format',
          in: 'query',
          required: false,
          description:
            '`json` (default) or `csv`: one file, one row per record, with a `section` column.',
          schema: { type: 'string', enum: ['json', 'csv'], default: 'json' },
        },
      ],
      responses: {
        '200': {
          description: 'The evidence pack, as an attachment.',
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/EvidencePack' },
            },
            'text/csv': { schema: { type: 'string' } },
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
