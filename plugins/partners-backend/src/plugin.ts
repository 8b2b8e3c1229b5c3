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
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { DatabaseNotificationsStore } from './database/DatabaseNotificationsStore';
import { ReminderService } from './services/ReminderService';
import {
  partnersDetailsReadPermission,
  partnersIdentityRevokePermission,
  partnersOffboardingCompletePermission,
  partnersPartnerSuspendPermission,
  partnersPermissions,
  partnersReviewDecidePermission,
} from '@partner-governance/plugin-partners-common';
import { readPartnersBackendConfig } from './config';
import {
  createIntegrationResourceLoader,
  IS_INTEGRATION_OWNER,
  IS_INTEGRATION_STAKEHOLDER,
  partnersIntegrationResourceRef,
} from './permissions';
import { DatabaseIdentityIndexStore } from './database/DatabaseIdentityIndexStore';
import { createRouter } from './router';
import { IdentityIndexSync } from './services/IdentityIndexSync';
import { RefreshPipeline } from './services/RefreshPipeline';
import { createReadModels } from './services/read';
import { EntityAccessCache } from './services/EntityAccessCache';
import { FindingsService } from './services/FindingsService';
import { DatabaseFindingsStore } from './database/DatabaseFindingsStore';
import { DatabaseReviewsStore } from './database/DatabaseReviewsStore';
import { DatabaseAuditStore } from './database/DatabaseAuditStore';
import { ReviewsService } from './services/ReviewsService';
import { OwnersService } from './services/OwnersService';
import { EvidenceService } from './services/EvidenceService';
import { DatabaseExceptionsStore } from './database/DatabaseExceptionsStore';
import { ExceptionsService } from './services/ExceptionsService';
import { OffboardingService } from './services/OffboardingService';
import { DatabaseOffboardingStore } from './database/DatabaseOffboardingStore';
import { DatabaseRefreshLock } from './database/DatabaseRefreshLock';
import { ConflictError } from '@backstage/errors';
import { partnersIdentitySourcesExtensionPoint } from '@partner-governance/plugin-partners-node';
import { DatabaseObservationStore } from './database/DatabaseObservationStore';
import { reconciliationFindings } from './services/reconciliation';
import { lifecycleFindings } from './services/lifecycleFindings';
import { readObservationSnapshot } from './services/observedFacts';
import {
  createIdentitySources,
  IdentitySourceFactories,
  listIdentitySources,
  scheduleIdentitySources,
} from './services/identitySources';
import { RevocationService } from './services/RevocationService';
import { SuspensionService } from './services/SuspensionService';
import { BlastRadiusService } from './services/BlastRadiusService';
import { createPartnerRegister } from './services/register/partnerRegister';

/**
 * The partner governance backend plugin: the identity index synced from the
 * catalog, identities observed in the systems that issue them, findings,
 * access reviews, exceptions, offboarding and audit.
 *
 * @public
 */
export const partnersPlugin = createBackendPlugin({
  pluginId: 'partners',
  register(env) {
    const identitySourceFactories = new IdentitySourceFactories();
    env.registerExtensionPoint(partnersIdentitySourcesExtensionPoint, {
      addIdentitySourceFactory(...factories) {
        identitySourceFactories.add(...factories);
      },
    });
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        cache: coreServices.cache,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        userInfo: coreServices.userInfo,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { logger, database, scheduler, auth, catalog } = deps;
        const config = readPartnersBackendConfig(deps.config);
        const policy = () => config.partners.policy;
        deps.permissionsRegistry.addPermissions(partnersPermissions);
        // Details are read, reviews decided and offboarding items completed
        // per integration (or partner): policies may answer with
        // IS_INTEGRATION_OWNER or IS_INTEGRATION_STAKEHOLDER conditions,
        // applied to the index (in SQL for lists).
        deps.permissionsRegistry.addResourceType({
          resourceRef: partnersIntegrationResourceRef,
          permissions: [
            partnersDetailsReadPermission,
            partnersReviewDecidePermission,
            partnersOffboardingCompletePermission,
            partnersIdentityRevokePermission,
            partnersPartnerSuspendPermission,
          ],
          rules: [IS_INTEGRATION_OWNER, IS_INTEGRATION_STAKEHOLDER],
          getResources: createIntegrationResourceLoader(() =>
            database.getClient(),
          ),
        });

        const accessPages = new EntityAccessCache({
          cache: deps.cache,
          logger,
          ttlMs: config.entityAccessCacheTtlMs,
        });
        const store = await DatabaseIdentityIndexStore.create({ database });
        const sync = new IdentityIndexSync({
          store,
          catalog,
          auth,
          logger,
          maxGoneFraction: config.maxGoneFraction,
        });
        const auditStore = await DatabaseAuditStore.create({ database });
        const offboardingStore = await DatabaseOffboardingStore.create({
          database,
        });
        const identitySources = await createIdentitySources({
          sources: config.identitySources,
          factories: identitySourceFactories,
          logger,
          urlReader: deps.urlReader,
        });
        const revocations = new RevocationService({
          db: await database.getClient(),
          store: offboardingStore,
          audit: auditStore,
          sources: new Map(
            [...identitySources].map(([id, { source }]) => [id, source]),
          ),
          logger,
        });
        const offboarding = new OffboardingService({
          store: offboardingStore,
          logger,
          describeItems: items => revocations.describe(items),
        });
        const reviews = new ReviewsService({
          store: await DatabaseReviewsStore.create({ database }),
          policy,
          logger,
          // Revoke decisions open offboarding items in their transaction.
          onRevoke: offboarding.onRevoke,
          accessPages,
        });
        const exceptions = new ExceptionsService({
          store: await DatabaseExceptionsStore.create({ database }),
          policy,
          logger,
          accessPages,
        });
        const register = await createPartnerRegister({
          config: config.register,
          database,
          urlReader: deps.urlReader,
          scheduler,
          logger,
          catalog,
          auth,
        });
        const findings = new FindingsService({
          index: store,
          findings: await DatabaseFindingsStore.create({ database }),
          catalog,
          auth,
          config: config.partners,
          logger,
          backendFindings: async (now, observations) => [
            ...(await reviews.overdueFindings(now)),
            ...(await exceptions.expiredFindings(now)),
            ...(await reconciliationFindings(
              await database.getClient(),
              observations,
            )),
            ...(await lifecycleFindings(await database.getClient())),
          ],
          observations: async () =>
            readObservationSnapshot(await database.getClient()),
          register: register.rules,
        });

        const reminders = new ReminderService({
          store: await DatabaseNotificationsStore.create({ database }),
          notifications: deps.notifications,
          logger,
          enabled: config.notificationsEnabled,
          expiringExceptions: (now, withinDays) =>
            exceptions.listExpiring(now, withinDays),
        });

        const refresh = new RefreshPipeline({
          sync,
          offboarding,
          exceptions,
          findings,
          reviews,
          reminders,
          accessPages,
          lock: await DatabaseRefreshLock.create({ database }),
        });
        await scheduler.scheduleTask({
          id: 'partners-index-sync',
          ...config.syncSchedule,
          // On one backend instance at a time, whatever the config says.
          scope: 'global',
          fn: async () => {
            try {
              await refresh.run();
            } catch (error) {
              // A POST /sync is running: this turn has nothing left to do.
              if (!(error instanceof ConflictError)) {
                throw error;
              }
              logger.info(`Skipped a scheduled refresh: ${error.message}`);
            }
          },
        });

        const observations = await DatabaseObservationStore.create({
          database,
        });
        await scheduleIdentitySources({
          sources: identitySources,
          store: observations,
          scheduler,
          logger,
          onSucceeded: async (sourceId, startedAt) => {
            await revocations.verifyObserved(sourceId, startedAt);
          },
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            integrationRules: deps.permissionsRegistry.getPermissionRuleset(
              partnersIntegrationResourceRef,
            ),
            auditor: deps.auditor,
            sync: refresh,
            reads: createReadModels(await database.getClient(), {
              policy,
              sources: revocations,
              register: Boolean(config.register),
            }),
            userInfo: deps.userInfo,
            reviews,
            exceptions,
            accessPages,
            audit: auditStore,
            offboarding,
            revocations,
            suspension: new SuspensionService({
              db: await database.getClient(),
              store: offboardingStore,
              audit: auditStore,
              revocations,
            }),
            blastRadius: new BlastRadiusService({
              db: await database.getClient(),
              catalog,
              sources: revocations,
              ...config.blastRadius,
            }),
            accessPackages: config.partners.accessPackages,
            identitySources: {
              list: () =>
                listIdentitySources(config.identitySources, observations),
            },
            register: register.status,
            owners: new OwnersService({
              db: await database.getClient(),
              catalog,
              auth,
            }),
            evidence: new EvidenceService({
              db: await database.getClient(),
              audit: auditStore,
              exceptions,
              offboarding,
            }),
          }),
        );
        deps.httpRouter.addAuthPolicy({
          path: '/health',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
