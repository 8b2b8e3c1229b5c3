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
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  partnersExceptionApprovePermission,
  partnersExceptionRequestPermission,
} from '@partner-governance/plugin-partners-common';
import type { EntityAccessCache } from '../services/EntityAccessCache';
import type { ExceptionsService } from '../services/ExceptionsService';
import { authorizeOrThrow, type Audited, type PartnersRouter } from './audited';

/**
 * The exceptions endpoints: request (partners.exception.request), approve
 * and deny (partners.exception.approve, never by the requester), list and
 * get (any authenticated caller). Decisions take user tokens only.
 *
 * @internal
 */
export function registerExceptionsRoutes(
  router: PartnersRouter,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    audited: Audited;
    accessPages: Pick<EntityAccessCache, 'invalidate'>;
    exceptions: ExceptionsService;
  },
): void {
  const { httpAuth, permissions, audited, accessPages, exceptions } = options;

  router.get('/exceptions', async (req, res) => {
    const page = await audited(
      req,
      { eventId: 'exception-fetch', meta: { queryType: 'list', ...req.query } },
      async auditorEvent => {
        await httpAuth.credentials(req, { allow: ['user', 'service'] });
        const result = await exceptions.list(req.query);
        await auditorEvent.success({ meta: { count: result.items.length } });
        return result;
      },
    );
    res.json(page);
  });

  router.get('/exceptions/:id', async (req, res) => {
    const exception = await audited(
      req,
      {
        eventId: 'exception-fetch',
        meta: { queryType: 'by-id', id: req.params.id },
      },
      async auditorEvent => {
        await httpAuth.credentials(req, { allow: ['user', 'service'] });
        const result = await exceptions.get(req.params.id);
        await auditorEvent.success({ meta: { entityRef: result.entityRef } });
        return result;
      },
    );
    res.json(exception);
  });

  router.post('/exceptions', async (req, res) => {
    const exception = await audited(
      req,
      {
        eventId: 'exception-request',
        severityLevel: 'medium',
        meta: {
          ruleId: req.body.ruleId,
          entityRef: req.body.entityRef,
          identity: req.body.identity,
          expiresAt: req.body.expiresAt,
        },
      },
      async auditorEvent => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user'],
        });
        await authorizeOrThrow(
          permissions,
          credentials,
          partnersExceptionRequestPermission,
          'You may not request exceptions',
        );
        const result = await exceptions.request(
          req.body,
          credentials.principal.userEntityRef,
        );
        await auditorEvent.success({
          meta: {
            exceptionId: result.id,
            partnerRef: result.partnerRef,
            status: result.status,
          },
        });
        return result;
      },
    );
    res.status(201).json(exception);
  });

  for (const decision of ['approve', 'deny'] as const) {
    router.post(`/exceptions/:id/${decision}`, async (req, res) => {
      const exception = await audited(
        req,
        {
          eventId: 'exception-decide',
          severityLevel: 'medium',
          meta: { id: req.params.id, decision },
        },
        async auditorEvent => {
          const credentials = await httpAuth.credentials(req, {
            allow: ['user'],
          });
          await authorizeOrThrow(
            permissions,
            credentials,
            partnersExceptionApprovePermission,
            'You may not decide exceptions',
          );
          const result = await exceptions.decide(
            req.params.id,
            decision,
            req.body ?? {},
            { actor: credentials.principal.userEntityRef },
          );
          // an approved exception makes its findings accepted risk
          await accessPages.invalidate();
          await auditorEvent.success({
            meta: {
              entityRef: result.entityRef,
              partnerRef: result.partnerRef,
              status: result.status,
            },
          });
          return result;
        },
      );
      res.json(exception);
    });
  }
}
