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
  partnersExceptionApprovePermission,
  partnersExceptionRequestPermission,
} from '@partner-governance/plugin-partners-common';
import type { ExceptionsService } from '../services/ExceptionsService';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * The exceptions endpoints: request (partners.exception.request, on what
 * the caller may read the details of), approve
 * and deny (partners.exception.approve, never by the requester), list and
 * get (of the partners and integrations whose details the caller may read:
 * partners.details.read). Decisions take user tokens only.
 *
 * @internal
 */
export function registerExceptionsRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: {
    exceptions: Pick<ExceptionsService, 'list' | 'get' | 'request' | 'decide'>;
  },
): void {
  const { exceptions } = deps;

  router.get(
    '/exceptions',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'exception-fetch',
        meta: req => ({ queryType: 'list', ...req.query }),
      },
      handle: async (req, { detailsScope }) =>
        exceptions.list(req.query, await detailsScope()),
      auditSuccess: result => ({ count: result.items.length }),
    }),
  );

  router.get(
    '/exceptions/:id',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'exception-fetch',
        meta: req => ({ queryType: 'by-id', id: req.params.id }),
      },
      async handle(req, { requireDetails }) {
        const exception = await exceptions.get(req.params.id);
        await requireDetails(exception.entityRef, 'read the exceptions');
        return exception;
      },
      auditSuccess: result => ({ entityRef: result.entityRef }),
    }),
  );

  router.post(
    '/exceptions',
    route({
      allow: ['user'],
      permission: {
        permission: partnersExceptionRequestPermission,
        deniedMessage: 'You may not request exceptions',
      },
      audit: {
        eventId: 'exception-request',
        severityLevel: 'medium',
        meta: req => ({
          ruleId: req.body.ruleId,
          entityRef: req.body.entityRef,
          identity: req.body.identity,
          expiresAt: req.body.expiresAt,
        }),
      },
      async handle(req, { actor, requireDetails }) {
        // Only who may read an entity's findings may ask to accept one.
        await requireDetails(req.body.entityRef, 'request exceptions');
        return exceptions.request(req.body, actor);
      },
      auditSuccess: result => ({
        exceptionId: result.id,
        partnerRef: result.partnerRef,
        status: result.status,
      }),
      status: 201,
    }),
  );

  for (const decision of ['approve', 'deny'] as const) {
    router.post(
      `/exceptions/:id/${decision}`,
      route({
        allow: ['user'],
        permission: {
          permission: partnersExceptionApprovePermission,
          deniedMessage: 'You may not decide exceptions',
        },
        audit: {
          eventId: 'exception-decide',
          severityLevel: 'medium',
          meta: req => ({ id: req.params.id, decision }),
        },
        handle: (req, { actor }) =>
          exceptions.decide(req.params.id, decision, req.body ?? {}, {
            actor,
          }),
        auditSuccess: result => ({
          entityRef: result.entityRef,
          partnerRef: result.partnerRef,
          status: result.status,
        }),
      }),
    );
  }
}
