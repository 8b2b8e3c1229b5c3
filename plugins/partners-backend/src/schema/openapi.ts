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
import { ownersPaths, ownersSchemas } from './owners';
import { evidencePaths, evidenceSchemas } from './evidence';
import { offboardingPaths, offboardingSchemas } from './offboarding';
import { exceptionPaths, exceptionSchemas } from './exceptions';
import { portalPaths, portalSchemas } from './portal';
import {
  errorResponse,
  errorResponses,
  pageOf,
  pageParameters,
  partnerRefParameter,
  refSchema,
} from './common';

/*
 * The partners backend HTTP API. This object is the one source of truth:
 * the router validates requests against it (createValidatedOpenApiRouter),
 * types its handlers from it, and serves it at `/openapi.json`. The
 * request/response types in @partner-governance/plugin-partners-common
 * mirror it for clients.
 */

const environments = ['production', 'staging', 'sandbox'] as const;
const reviewStatuses = ['pending', 'attested', 'revoked'] as const;
const reviewSummaryRequired = [
  'id',
  'integrationRef',
  'partnerRef',
  'assignee',
  'status',
  'openedAt',
  'dueAt',
  'overdue',
] as const;
/** What a review lists and its details share. */
const reviewSummaryProperties = {
  id: { type: 'integer' },
  integrationRef: { type: 'string' },
  partnerRef: { type: 'string' },
  assignee: { type: 'string' },
  status: { type: 'string', enum: reviewStatuses },
  openedAt: { type: 'string' },
  dueAt: { type: 'string' },
  overdue: { type: 'boolean' },
  decidedAt: { type: 'string' },
  decidedBy: { type: 'string' },
  comment: { type: 'string' },
  revokedIdentities: { type: 'array', items: { type: 'string' } },
} as const;
const reviewId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'integer', minimum: 1, maximum: 999999999999999 },
} as const;

/** The OpenAPI 3.0 spec of the partners backend. @internal */
export const spec = {
  openapi: '3.0.3',
  info: {
    title: 'partners',
    version: '1',
    description:
      'Partner governance: partners, their integrations and non-human identities, what they access, and findings. ' +
      "Every endpoint but `/health` needs a user or service token. Lists are keyset-paginated: pass a page's " +
      '`nextCursor` back as `cursor`; it is absent on the last page. Errors are Backstage error bodies ' +
      '(`InputError` 400 naming the field, `NotAllowedError` 403, `NotFoundError` 404, `ConflictError` 409).',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [{ url: '/' }],
  components: {
    parameters: {
      limit: {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Page size.',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 },
      },
      cursor: {
        name: 'cursor',
        in: 'query',
        required: false,
        description: 'The `nextCursor` of the previous page; opaque.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 1024,
          pattern: '^[A-Za-z0-9_-]+$',
        },
      },
    },
    requestBodies: {},
    responses: {
      ErrorResponse: {
        description: 'An error response from the backend.',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
          },
        },
      },
    },
    schemas: {
      ...ownersSchemas,
      ...evidenceSchemas,
      ...offboardingSchemas,
      ...exceptionSchemas,
      ...portalSchemas,
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              message: { type: 'string' },
            },
            required: ['name', 'message'],
          },
          request: {
            type: 'object',
            properties: {
              method: { type: 'string' },
              url: { type: 'string' },
            },
            required: ['method', 'url'],
          },
          response: {
            type: 'object',
            properties: { statusCode: { type: 'number' } },
            required: ['statusCode'],
          },
        },
        required: ['error', 'response'],
      },
      SeverityCounts: {
        type: 'object',
        description: 'Open findings per severity.',
        properties: {
          critical: { type: 'integer', minimum: 0 },
          high: { type: 'integer', minimum: 0 },
          medium: { type: 'integer', minimum: 0 },
          low: { type: 'integer', minimum: 0 },
        },
        required: ['critical', 'high', 'medium', 'low'],
        additionalProperties: false,
      },
      PartnerSummary: {
        type: 'object',
        properties: {
          entityRef: { type: 'string', description: 'Lower case.' },
          title: { type: 'string' },
          type: { type: 'string', enum: PARTNER_TYPES },
          stage: { type: 'string', enum: PARTNER_LIFECYCLE_STAGES },
          tier: { type: 'string', enum: RISK_TIERS },
          owner: { type: 'string' },
          contractEnd: { type: 'string' },
          contractStatus: {
            type: 'string',
            enum: ['active', 'notice', 'terminated', 'expired'],
          },
          openFindings: { $ref: '#/components/schemas/SeverityCounts' },
          reviews: { $ref: '#/components/schemas/PartnerReviewCounts' },
        },
        required: [
          'entityRef',
          'type',
          'stage',
          'tier',
          'owner',
          'openFindings',
          'reviews',
        ],
        additionalProperties: false,
      },
      PartnerList: pageOf('PartnerSummary'),
      Finding: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          ruleId: { type: 'string' },
          severity: { type: 'string', enum: SEVERITIES },
          entityRef: { type: 'string' },
          identity: { type: 'string' },
          partnerRef: { type: 'string' },
          message: { type: 'string' },
          frameworks: { type: 'array', items: { type: 'string' } },
          firstSeen: { type: 'string' },
          lastSeen: { type: 'string' },
          resolvedAt: { type: 'string' },
          acceptedRisk: { $ref: '#/components/schemas/AcceptedRisk' },
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
        ],
        additionalProperties: false,
      },
      FindingList: pageOf('Finding'),
      IntegrationSummary: {
        type: 'object',
        properties: {
          entityRef: { type: 'string' },
          title: { type: 'string' },
          type: { type: 'string', enum: PARTNER_INTEGRATION_TYPES },
          owner: { type: 'string' },
          environment: { type: 'string', enum: environments },
          accessPackage: { type: 'string' },
          identityCount: { type: 'integer', minimum: 0 },
        },
        required: ['entityRef', 'type', 'owner', 'identityCount'],
        additionalProperties: false,
      },
      PartnerDetails: {
        type: 'object',
        properties: {
          entityRef: { type: 'string' },
          title: { type: 'string' },
          type: { type: 'string', enum: PARTNER_TYPES },
          stage: { type: 'string', enum: PARTNER_LIFECYCLE_STAGES },
          tier: { type: 'string', enum: RISK_TIERS },
          owner: { type: 'string' },
          contractEnd: { type: 'string' },
          contractStatus: {
            type: 'string',
            enum: ['active', 'notice', 'terminated', 'expired'],
          },
          openFindings: { $ref: '#/components/schemas/SeverityCounts' },
          reviews: { $ref: '#/components/schemas/PartnerReviewCounts' },
          integrations: {
            type: 'array',
            items: { $ref: '#/components/schemas/IntegrationSummary' },
          },
          findings: {
            type: 'array',
            description:
              'Open findings of the partner and its integrations, worst first.',
            items: { $ref: '#/components/schemas/Finding' },
          },
        },
        required: [
          'entityRef',
          'type',
          'stage',
          'tier',
          'owner',
          'openFindings',
          'reviews',
          'integrations',
          'findings',
        ],
        additionalProperties: false,
      },
      AccessIdentity: {
        type: 'object',
        description:
          'A non-human identity. Never a secret value; `secretRef` (where the secret lives) only for holders of partners.identity.read.',
        properties: {
          name: { type: 'string' },
          type: { type: 'string', enum: IDENTITY_TYPES },
          scopes: { type: 'array', items: { type: 'string' } },
          privileged: { type: 'boolean' },
          environment: { type: 'string', enum: environments },
          status: {
            type: 'string',
            enum: ['active', 'suspended', 'revoked'],
          },
          lastUsed: { type: 'string' },
          expires: { type: 'string' },
          lastRotated: { type: 'string' },
          custodian: { type: 'string' },
          secretRef: { type: 'string' },
        },
        required: ['name', 'type', 'scopes', 'privileged', 'status'],
        additionalProperties: false,
      },
      EntityAccessItem: {
        type: 'object',
        properties: {
          entityRef: { type: 'string' },
          title: { type: 'string' },
          type: { type: 'string', enum: PARTNER_INTEGRATION_TYPES },
          owner: { type: 'string' },
          environment: { type: 'string', enum: environments },
          accessPackage: { type: 'string' },
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
            type: 'array',
            items: { $ref: '#/components/schemas/AccessIdentity' },
          },
          findings: {
            type: 'array',
            items: { $ref: '#/components/schemas/Finding' },
          },
          pendingReview: { $ref: '#/components/schemas/PendingReview' },
        },
        required: [
          'entityRef',
          'type',
          'owner',
          'partner',
          'identities',
          'findings',
        ],
        additionalProperties: false,
      },
      PendingReview: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          assignee: { type: 'string' },
          dueAt: { type: 'string' },
          overdue: { type: 'boolean' },
        },
        required: ['id', 'assignee', 'dueAt', 'overdue'],
        additionalProperties: false,
      },
      EntityAccess: {
        type: 'object',
        properties: {
          entityRef: { type: 'string' },
          items: {
            type: 'array',
            items: { $ref: '#/components/schemas/EntityAccessItem' },
          },
          nextCursor: { type: 'string' },
          totals: {
            type: 'object',
            properties: {
              integrations: { type: 'integer' },
              partners: { type: 'integer' },
            },
            required: ['integrations', 'partners'],
            additionalProperties: false,
          },
        },
        required: ['entityRef', 'items', 'totals'],
        additionalProperties: false,
      },
      ReviewSummary: {
        type: 'object',
        properties: reviewSummaryProperties,
        required: reviewSummaryRequired,
        additionalProperties: false,
      },
      ReviewList: pageOf('ReviewSummary'),
      ReviewIdentity: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          type: { type: 'string', enum: IDENTITY_TYPES },
          status: {
            type: 'string',
            enum: ['active', 'suspended', 'revoked'],
          },
          scopes: { type: 'array', items: { type: 'string' } },
          privileged: { type: 'boolean' },
          lastUsed: { type: 'string' },
          rotationAgeDays: { type: 'integer' },
          dormant: { type: 'boolean' },
        },
        required: ['name', 'type', 'status', 'scopes', 'privileged', 'dormant'],
        additionalProperties: false,
      },
      ReviewDetails: {
        type: 'object',
        properties: {
          ...reviewSummaryProperties,
          identities: {
            type: 'array',
            description:
              'As indexed now while pending; as the reviewer saw them once decided.',
            items: { $ref: '#/components/schemas/ReviewIdentity' },
          },
          findings: {
            type: 'array',
            description: 'Open findings of the integration.',
            items: { $ref: '#/components/schemas/Finding' },
          },
          changes: {
            type: 'object',
            description:
              "What changed in the integration's identities since its previous decision; absent when never decided before.",
            properties: {
              since: { type: 'string' },
              added: { type: 'array', items: { type: 'string' } },
              removed: { type: 'array', items: { type: 'string' } },
              scopeChanges: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string' },
                    added: { type: 'array', items: { type: 'string' } },
                    removed: { type: 'array', items: { type: 'string' } },
                  },
                  required: ['name', 'added', 'removed'],
                  additionalProperties: false,
                },
              },
            },
            required: ['since', 'added', 'removed', 'scopeChanges'],
            additionalProperties: false,
          },
        },
        required: [...reviewSummaryRequired, 'identities', 'findings'],
        additionalProperties: false,
      },
      ReviewDecision: {
        type: 'object',
        properties: {
          decision: { type: 'string', enum: ['attest', 'revoke'] },
          comment: { type: 'string', maxLength: 4000 },
          identities: {
            type: 'array',
            description: 'For revoke: names of the identities to revoke.',
            maxItems: 1000,
            items: { type: 'string', minLength: 1, maxLength: 1000 },
          },
        },
        required: ['decision'],
        additionalProperties: false,
      },
      AuditEvent: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          at: { type: 'string' },
          actor: { type: 'string' },
          action: { type: 'string' },
          subjectType: { type: 'string' },
          subjectRef: { type: 'string' },
          partnerRef: { type: 'string' },
          before: { type: 'object', additionalProperties: true },
          after: { type: 'object', additionalProperties: true },
        },
        required: ['id', 'at', 'actor', 'action', 'subjectType', 'subjectRef'],
        additionalProperties: false,
      },
      AuditEventList: pageOf('AuditEvent'),
      SyncSummary: {
        type: 'object',
        properties: {
          partners: { type: 'integer' },
          integrations: { type: 'integer' },
          changed: { type: 'integer' },
          gone: { type: 'integer' },
          rowsWritten: { type: 'integer' },
        },
        required: [
          'partners',
          'integrations',
          'changed',
          'gone',
          'rowsWritten',
        ],
        additionalProperties: false,
      },
    },
  },
  paths: {
    ...ownersPaths,
    ...evidencePaths,
    ...offboardingPaths,
    ...exceptionPaths,
    ...portalPaths,
    '/health': {
      get: {
        operationId: 'GetHealth',
        description: 'Liveness; needs no token.',
        responses: {
          '200': {
            description: 'The plugin is up.',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { status: { type: 'string', enum: ['ok'] } },
                  required: ['status'],
                },
              },
            },
          },
        },
      },
    },
    '/sync': {
      post: {
        operationId: 'SyncIndex',
        description:
          'Syncs the identity index from the catalog now. Needs partners.sync.trigger.',
        responses: {
          '200': {
            description: 'What the sync did.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/SyncSummary' },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    '/partners': {
      get: {
        operationId: 'ListPartners',
        description:
          'Partners in the catalog, ordered by entity ref, with their open findings per severity.',
        parameters: [
          {
            name: 'stage',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: PARTNER_LIFECYCLE_STAGES },
          },
          {
            name: 'tier',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: RISK_TIERS },
          },
          {
            name: 'type',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: PARTNER_TYPES },
          },
          {
            name: 'owner',
            in: 'query',
            required: false,
            allowReserved: true,
            description:
              'Owner entity ref; kind defaults to group, namespace to default.',
            schema: refSchema,
          },
          {
            name: 'hasOverdueReviews',
            in: 'query',
            required: false,
            description:
              '`true`: only partners with a pending review of a live integration past its due date. `false` filters nothing.',
            schema: { type: 'boolean' },
          },
          {
            name: 'hasCriticalFindings',
            in: 'query',
            required: false,
            description:
              '`true`: only partners with an open critical finding (accepted risk excluded). `false` filters nothing.',
            schema: { type: 'boolean' },
          },
          {
            name: 'contractEndsWithinDays',
            in: 'query',
            required: false,
            description:
              'Only partners whose contract ends between today and today + N days (UTC calendar days, inclusive); 0 is today only.',
            schema: { type: 'integer', minimum: 0, maximum: 3650 },
          },
          ...pageParameters,
        ],
        responses: {
          '200': {
            description: 'One page of partners.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/PartnerList' },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    '/partners/{ref}': {
      get: {
        operationId: 'GetPartner',
        description:
          'A partner with its integrations and the open findings of both.',
        parameters: [partnerRefParameter],
        responses: {
          '200': {
            description: 'The partner.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/PartnerDetails' },
              },
            },
          },
          '404': errorResponse,
          ...errorResponses,
        },
      },
    },
    '/entities/{ref}/access': {
      get: {
        operationId: 'GetEntityAccess',
        description:
          'The partner integrations in the catalog that access an entity, with their partner, identities, open findings and pending review, a page at a time by integration ref, and how many there are in all. Empty when none does.',
        parameters: [
          {
            name: 'ref',
            in: 'path',
            required: true,
            description:
              'URL-encoded entity ref, e.g. `component:default/orders-service`; kind defaults to component, namespace to default.',
            schema: refSchema,
          },
          ...pageParameters,
        ],
        responses: {
          '200': {
            description: 'Who accesses the entity, one page of integrations.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/EntityAccess' },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    '/findings': {
      get: {
        operationId: 'ListFindings',
        description: 'Findings, ordered by id.',
        parameters: [
          {
            name: 'severity',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: SEVERITIES },
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
              'The entity the finding is about, as `kind:namespace/name` (namespace defaults to default).',
            schema: refSchema,
          },
          {
            name: 'status',
            in: 'query',
            required: false,
            description:
              'Open (firing, not covered by an approved, unexpired exception), accepted (firing and covered: accepted risk) or resolved findings; all when absent.',
            schema: { type: 'string', enum: ['open', 'accepted', 'resolved'] },
          },
          ...pageParameters,
        ],
        responses: {
          '200': {
            description: 'One page of findings.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/FindingList' },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    '/reviews': {
      get: {
        operationId: 'ListReviews',
        description: 'Access reviews, ordered by due date (then id).',
        parameters: [
          {
            name: 'status',
            in: 'query',
            required: false,
            schema: { type: 'string', enum: reviewStatuses },
          },
          {
            name: 'assignee',
            in: 'query',
            required: false,
            description:
              '`me`: reviews assigned to the calling user or to an entity they own through (their groups).',
            schema: { type: 'string', enum: ['me'] },
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
            name: 'integration',
            in: 'query',
            required: false,
            allowReserved: true,
            description:
              'Integration ref; kind defaults to partnerintegration, namespace to default.',
            schema: refSchema,
          },
          ...pageParameters,
        ],
        responses: {
          '200': {
            description: 'One page of access reviews.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ReviewList' },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    '/reviews/{id}': {
      get: {
        operationId: 'GetReview',
        description:
          'An access review with its identities, open findings and what changed since the previous decision.',
        parameters: [reviewId],
        responses: {
          '200': {
            description: 'The review.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ReviewDetails' },
              },
            },
          },
          ...errorResponses,
          '404': errorResponse,
        },
      },
    },
    '/reviews/{id}/decision': {
      post: {
        operationId: 'DecideReview',
        description:
          'Attests or revokes a pending review. Needs partners.review.decide on the integration. ' +
          'Attesting while an identity is dormant needs a comment; revoke names identities of the integration. ' +
          'A decided review answers 409.',
        parameters: [reviewId],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { $ref: '#/components/schemas/ReviewDecision' },
            },
          },
        },
        responses: {
          '200': {
            description: 'The decided review.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/ReviewDetails' },
              },
            },
          },
          ...errorResponses,
          '404': errorResponse,
          '409': errorResponse,
        },
      },
    },
    '/audit': {
      get: {
        operationId: 'ListAuditEvents',
        description:
          'The append-only audit trail, newest first. Needs partners.audit.read.',
        parameters: [
          {
            name: 'subject',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'The subject ref, such as an integration entity ref.',
            schema: refSchema,
          },
          {
            name: 'partner',
            in: 'query',
            required: false,
            allowReserved: true,
            description: 'Only events concerning this partner (entity ref).',
            schema: refSchema,
          },
          {
            name: 'action',
            in: 'query',
            required: false,
            schema: {
              type: 'string',
              minLength: 1,
              maxLength: 64,
              pattern: '^[a-z0-9.-]+$',
            },
          },
          ...pageParameters,
        ],
        responses: {
          '200': {
            description: 'One page of audit events.',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/AuditEventList' },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
  },
} as const;
