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

import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { Response } from 'express';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  partnersAuditReadPermission,
  partnersIdentityReadPermission,
  partnersReviewDecidePermission,
  partnersSyncPermission,
} from '@partner-governance/plugin-partners-common';
import type { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { spec } from './schema/openapi';
import { authorizeOrThrow, createAudited } from './routes/audited';
import type { IdentityIndexSync } from './services/IdentityIndexSync';
import type { PartnersQueryService } from './services/PartnersQueryService';
import type { ReviewsService } from './services/ReviewsService';
import { EntityAccessCache } from './services/EntityAccessCache';
import { registerOwnersRoutes } from './routes/owners';
import type { OwnersService } from './services/OwnersService';
import { registerEvidenceRoutes } from './routes/evidence';
import type { EvidenceService } from './services/EvidenceService';
import { registerExceptionsRoutes } from './routes/exceptions';
import type { ExceptionsService } from './services/ExceptionsService';
import { registerOffboardingRoutes } from './routes/offboarding';
import { registerPortalRoutes } from './routes/portal';
import type { OffboardingService } from './services/OffboardingService';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  sync: Pick<IdentityIndexSync, 'run'>;
  queries: PartnersQueryService;
  userInfo: UserInfoService;
  reviews: ReviewsService;
  audit: Pick<DatabaseAuditStore, 'list'>;
  /** `GET /owners/{ref}/integrations`; the route is left out without it. */
  owners?: Pick<OwnersService, 'listIntegrations'>;
  /** `GET /partners/{ref}/evidence`; the route is left out without it. */
  evidence?: Pick<EvidenceService, 'exportPack'>;
  /** The `/exceptions` routes; left out without it. */
  exceptions?: ExceptionsService;
  /** The offboarding checklist routes; left out without it. */
  offboarding?: Pick<
    OffboardingService,
    'getOffboarding' | 'completeItem' | 'verify'
  >;
  /**
   * Entity access pages, cached; review and exception decisions invalidate
   * them (the index refresh does so in `sync`). Not cached without it.
   */
  accessPages?: EntityAccessCache;
  /**
   * Also validate every response against the OpenAPI spec (a response that
   * does not match becomes a 500). Off in production; tests turn it on.
   */
  validateResponses?: boolean;
}

/** @internal */
export async function createRouter(options: RouterOptions) {
  const { httpAuth, permissions, auditor, sync, queries } = options;
  const { userInfo, reviews, audit } = options;
  const accessPages = options.accessPages ?? EntityAccessCache.disabled();
  const router = createValidatedOpenApiRouter<typeof spec>(spec, {
    validatorOptions: { validateResponses: options.validateResponses ?? false },
  });

  const audited = createAudited(auditor);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/sync', async (req, res) => {
    const summary = await audited(
      req,
      { eventId: 'index-sync', severityLevel: 'medium' },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        await authorizeOrThrow(
          permissions,
          credentials,
          partnersSyncPermission,
          'You may not trigger a partner index sync',
        );
        const { principal } = credentials;
        // the caller is the audit actor of the run it triggers
        const result = await sync.run(new Date(), {
          actor:
            principal.type === 'user'
              ? principal.userEntityRef
              : principal.subject,
        });
        await auditorEvent.success({ meta: { ...result } });
        return result;
      },
    );
    res.json(summary);
  });

  router.get('/partners', async (req, res) => {
    const page = await audited(
      req,
      { eventId: 'partner-fetch', meta: { queryType: 'list', ...req.query } },
      async auditorEvent => {
        await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const result = await queries.listPartners(req.query);
        await auditorEvent.success({ meta: { count: result.items.length } });
        return result;
      },
    );
    res.json(page);
  });

  // before /partners/:ref, which would take `summary` for a partner name
  registerPortalRoutes(router, { httpAuth, permissions, audited, queries });

  router.get('/partners/:ref', async (req, res) => {
    const partner = await audited(
      req,
      {
        eventId: 'partner-fetch',
        meta: { queryType: 'by-ref', ref: req.params.ref },
      },
      async auditorEvent => {
        await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const result = await queries.getPartner(req.params.ref);
        await auditorEvent.success({ meta: { entityRef: result.entityRef } });
        return result;
      },
    );
    res.json(partner);
  });

  router.get('/entities/:ref/access', async (req, res) => {
    const page = await audited(
      req,
      { eventId: 'entity-access-fetch', meta: { ref: req.params.ref } },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const [decision] = await permissions.authorize(
          [{ permission: partnersIdentityReadPermission }],
          { credentials },
        );
        const includeSecretRefs = decision.result === AuthorizeResult.ALLOW;
        const result = await accessPages.read(
          { ref: req.params.ref, ...req.query, includeSecretRefs },
          () =>
            queries.getEntityAccess(req.params.ref, {
              ...req.query,
              includeSecretRefs,
            }),
        );
        await auditorEvent.success({
          meta: {
            entityRef: result.entityRef,
            integrations: result.integrations,
            secretRefsShown: includeSecretRefs,
          },
        });
        return result;
      },
    );
    if ('response' in page) {
      res.json(page.response);
    } else {
      // the JSON text of a page res.json sent before, as it was
      (res as Response).type('application/json').send(page.body);
    }
  });

  router.get('/findings', async (req, res) => {
    const page = await audited(
      req,
      { eventId: 'finding-fetch', meta: { queryType: 'list', ...req.query } },
      async auditorEvent => {
        await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const result = await queries.listFindings(req.query);
        await auditorEvent.success({ meta: { count: result.items.length } });
        return result;
      },
    );
    res.json(page);
  });

  router.get('/reviews', async (req, res) => {
    const page = await audited(
      req,
      { eventId: 'review-fetch', meta: { queryType: 'list', ...req.query } },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        let assignees: string[] | undefined;
        if (req.query.assignee === 'me') {
          if (credentials.principal.type !== 'user') {
            throw new InputError(
              'request/query/assignee=me needs a user token',
            );
          }
          const info = await userInfo.getUserInfo(
            credentials as BackstageCredentials<BackstageUserPrincipal>,
          );
          assignees = [
            ...new Set(
              [info.userEntityRef, ...info.ownershipEntityRefs].map(r =>
                r.toLocaleLowerCase('en-US'),
              ),
            ),
          ];
        }
        const result = await reviews.list(req.query, { assignees });
        await auditorEvent.success({ meta: { count: result.items.length } });
        return result;
      },
    );
    res.json(page);
  });

  router.get('/reviews/:id', async (req, res) => {
    const review = await audited(
      req,
      {
        eventId: 'review-fetch',
        meta: { queryType: 'by-id', id: req.params.id },
      },
      async auditorEvent => {
        await httpAuth.credentials(req, { allow: ['user', 'service'] });
        const result = await reviews.get(req.params.id);
        await auditorEvent.success({
          meta: { integrationRef: result.integrationRef },
        });
        return result;
      },
    );
    res.json(review);
  });

  router.post('/reviews/:id/decision', async (req, res) => {
    const review = await audited(
      req,
      {
        eventId: 'review-decide',
        severityLevel: 'medium',
        meta: { id: req.params.id, decision: req.body.decision },
      },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        const result = await reviews.decide(req.params.id, req.body, {
          actor: credentials.principal.userEntityRef,
          authorize: async resourceRef => {
            const [decision] = await permissions.authorize(
              [{ permission: partnersReviewDecidePermission, resourceRef }],
              { credentials },
            );
            return decision.result === AuthorizeResult.ALLOW;
          },
        });
        // the integration's pending review leaves the access pages
        await accessPages.invalidate();
        await auditorEvent.success({
          meta: {
            integrationRef: result.integrationRef,
            status: result.status,
            revokedIdentities: result.revokedIdentities,
          },
        });
        return result;
      },
    );
    res.json(review);
  });

  router.get('/audit', async (req, res) => {
    const page = await audited(
      req,
      { eventId: 'audit-fetch', meta: { queryType: 'list', ...req.query } },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        await authorizeOrThrow(
          permissions,
          credentials,
          partnersAuditReadPermission,
          'You may not read the partners audit trail',
        );
        const result = await audit.list(req.query);
        await auditorEvent.success({ meta: { count: result.items.length } });
        return result;
      },
    );
    res.json(page);
  });

  if (options.owners) {
    registerOwnersRoutes(router, { httpAuth, auditor, owners: options.owners });
  }
  if (options.evidence) {
    registerEvidenceRoutes(router, {
      httpAuth,
      permissions,
      auditor,
      evidence: options.evidence,
    });
  }
  if (options.exceptions) {
    registerExceptionsRoutes(router, {
      httpAuth,
      permissions,
      audited,
      accessPages,
      exceptions: options.exceptions,
    });
  }
  if (options.offboarding) {
    registerOffboardingRoutes(router, {
      httpAuth,
      permissions,
      auditor,
      offboarding: options.offboarding,
    });
  }

  return router;
}
