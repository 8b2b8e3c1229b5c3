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

import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type {
  AccessPackage,
  IdentitySourceStatus,
  PartnerRegisterStatus,
} from '@partner-governance/plugin-partners-common';
import type { AuditStore } from './database/AuditStore';
import type { IntegrationRuleset } from './permissions/scope';
import { createOpenApiRouter } from './schema/openapi';
import { registerAuditRoutes } from './routes/audit';
import { registerEntitiesRoutes } from './routes/entities';
import { registerEvidenceRoutes } from './routes/evidence';
import { registerExceptionsRoutes } from './routes/exceptions';
import { registerFindingsRoutes } from './routes/findings';
import { registerIdentitySourcesRoutes } from './routes/identitySources';
import { registerOffboardingRoutes } from './routes/offboarding';
import { registerOwnersRoutes } from './routes/owners';
import { registerPartnersRoutes } from './routes/partners';
import { registerPartnerRegisterRoutes } from './routes/register';
import { registerPolicyRoutes } from './routes/policy';
import { registerReviewsRoutes } from './routes/reviews';
import { registerRevocationRoutes } from './routes/revocation';
import { parseJsonBodies, guardRequests } from './routes/requestGuard';
import { createRouteDeclarer } from './routes/route';
import { registerStageHistoryRoutes } from './routes/stageHistory';
import { registerSyncRoutes } from './routes/sync';
import { EntityAccessCache } from './services/EntityAccessCache';
import type { EvidenceService } from './services/EvidenceService';
import type { ExceptionsService } from './services/ExceptionsService';
import type { IdentityIndexSync } from './services/IdentityIndexSync';
import type { OffboardingService } from './services/OffboardingService';
import type { OwnersService } from './services/OwnersService';
import type { ReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';
import type { RevocationService } from './services/RevocationService';
import type { SuspensionService } from './services/SuspensionService';
import type { BlastRadiusService } from './services/BlastRadiusService';

/** @internal */
interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /**
   * The rules of the partners-integration resource type (the permissions
   * registry's), for turning conditional read decisions into SQL; the
   * plugin's own rules without it.
   */
  integrationRules?: IntegrationRuleset;
  auditor: AuditorService;
  sync: Pick<IdentityIndexSync, 'run'>;
  reads: ReadModels;
  userInfo: UserInfoService;
  reviews: ReviewsService;
  audit: Pick<AuditStore, 'list'>;
  /** `GET /owners/{ref}/integrations`; the route is left out without it. */
  owners?: Pick<OwnersService, 'listIntegrations'>;
  /** `GET /partners/{ref}/evidence`; the route is left out without it. */
  evidence?: Pick<EvidenceService, 'exportPack'>;
  /** The `/exceptions` routes; left out without it. */
  exceptions?: ExceptionsService;
  /** `GET /identity-sources`; left out without it. */
  identitySources?: { list(): Promise<IdentitySourceStatus[]> };
  /** The access packages `GET /policy/access-packages` lists; none without them. */
  accessPackages?: Readonly<Record<string, AccessPackage>>;
  /** `GET /register`; left out without it. */
  register?: { status(): Promise<PartnerRegisterStatus> };
  /** The offboarding checklist routes; left out without it. */
  offboarding?: Pick<
    OffboardingService,
    'getOffboarding' | 'completeItem' | 'verify'
  >;
  /**
   * Revoke now, blast radius and suspension; left out without them (with
   * the offboarding routes, whose items they complete).
   */
  revocations?: Pick<RevocationService, 'revokeItem'>;
  suspension?: Pick<SuspensionService, 'suspend'>;
  blastRadius?: Pick<BlastRadiusService, 'get'>;
  /**
   * Entity access pages, cached; whatever writes what they show (the
   * refresh, review and exception decisions) drops them. Not cached
   * without it.
   */
  accessPages?: EntityAccessCache;
  /**
   * Also validate every response against the OpenAPI spec (a response that
   * does not match becomes a 500). Off in production; tests turn it on.
   */
  validateResponses?: boolean;
}

/**
 * The partners API: every route of the OpenAPI spec, declared by resource
 * in `routes/` with the permission it needs and the auditor event it writes.
 *
 * @internal
 */
export async function createRouter(options: RouterOptions) {
  const { reads, reviews, userInfo } = options;
  const accessPages = options.accessPages ?? EntityAccessCache.disabled();
  const router = await createOpenApiRouter({
    middleware: [parseJsonBodies()],
    validatorOptions: { validateResponses: options.validateResponses ?? false },
  });
  guardRequests(router);
  const route = createRouteDeclarer(options);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  registerSyncRoutes(router, route, { sync: options.sync });
  registerPartnersRoutes(router, route, {
    partners: reads.partners,
    identities: reads.identities,
  });
  registerStageHistoryRoutes(router, route, {
    stageHistory: reads.stageHistory,
  });
  registerEntitiesRoutes(router, route, {
    entityAccess: reads.entityAccess,
    accessPages,
  });
  registerFindingsRoutes(router, route, { findings: reads.findings });
  registerReviewsRoutes(router, route, { reviews, userInfo });
  registerAuditRoutes(router, route, { audit: options.audit });
  if (options.owners) {
    registerOwnersRoutes(router, route, { owners: options.owners });
  }
  if (options.evidence) {
    registerEvidenceRoutes(router, route, { evidence: options.evidence });
  }
  if (options.exceptions) {
    registerExceptionsRoutes(router, route, { exceptions: options.exceptions });
  }
  if (options.identitySources) {
    const { identitySources } = options;
    registerIdentitySourcesRoutes(router, route, { identitySources });
  }
  registerPolicyRoutes(router, route, {
    accessPackages: options.accessPackages ?? {},
  });
  if (options.register) {
    const { register } = options;
    registerPartnerRegisterRoutes(router, route, { register });
  }
  if (options.offboarding) {
    const { offboarding } = options;
    registerOffboardingRoutes(router, route, { offboarding });
  }
  if (options.revocations && options.suspension && options.blastRadius) {
    const { revocations, suspension, blastRadius } = options;
    registerRevocationRoutes(router, route, {
      revocations,
      suspension,
      blastRadius,
    });
  }
  return router;
}
