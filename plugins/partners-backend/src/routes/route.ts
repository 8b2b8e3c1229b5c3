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
  AuditorServiceEventSeverityLevel,
  BackstageCredentials,
  BackstagePrincipalTypes,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type AuthorizePermissionRequest,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import { partnersDetailsReadPermission } from '@partner-governance/plugin-partners-common';
import type { Request, Response } from 'express';
import type { DetailsScope } from '../database/stakeholders';
import {
  detailsScopeOf,
  ownIntegrationRuleset,
  type IntegrationRuleset,
} from '../permissions/scope';
import type { spec } from '../schema/openapi';

/** The router typed by the OpenAPI spec. @internal */
export type PartnersRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

/** Who may call a route. @internal */
export type RouteCaller = 'user' | 'service';

/** What a route's handler gets besides the request. @internal */
interface RouteContext<TCaller extends RouteCaller> {
  credentials: BackstageCredentials<BackstagePrincipalTypes[TCaller]>;
  /** The caller as the audit trail names it: a user ref or a service. */
  actor: string;
  /**
   * Whether the caller holds a permission, for what a route shows or which
   * resource it may touch; the route's own permission is checked before the
   * handler runs.
   */
  isAllowed(request: AuthorizePermissionRequest): Promise<boolean>;
  /**
   * Which partners and integrations the caller may read the details of
   * (partners.details.read), for narrowing a query in SQL.
   */
  detailsScope(): Promise<DetailsScope>;
  /**
   * Throws a NotAllowedError ("You may not `action` of `resourceRef`")
   * unless the caller may read the details of that partner or integration.
   */
  requireDetails(resourceRef: string, action: string): Promise<void>;
}

/**
 * A route, declared: who may call it, the permission it needs, the auditor
 * event it writes, then its handler. @internal
 */
export interface RouteDeclaration<
  TRequest,
  TCaller extends RouteCaller,
  TResult,
> {
  /** The principals that may call the route. */
  allow: TCaller[];
  /** A basic permission the caller must hold, and what a denied caller is told. */
  permission?: { permission: BasicPermission; deniedMessage: string };
  /**
   * The auditor event: its id, its severity (low unless said) and the
   * request facts it records. A failure (denial, bad input, missing
   * resource) is recorded with its error.
   */
  audit: {
    eventId: string;
    severityLevel?: AuditorServiceEventSeverityLevel;
    meta?(request: TRequest): JsonObject;
  };
  handle(request: TRequest, context: RouteContext<TCaller>): Promise<TResult>;
  /** What the auditor event records on success. */
  auditSuccess?(result: TResult): JsonObject;
  /** The response status on success; 200 unless said. */
  status?: number;
  /** Sends the result; as JSON unless said. */
  respond?(response: Response, result: TResult, request: TRequest): void;
}

/** Turns a route declaration into an express handler. @internal */
export type DeclareRoute = <
  TRequest extends Request<any, any, any, any>,
  TCaller extends RouteCaller,
  TResult,
>(
  declaration: RouteDeclaration<TRequest, TCaller, TResult>,
) => (request: TRequest, response: Response) => Promise<void>;

/**
 * Creates the one way routes are written: authenticate, authorise and audit
 * as the declaration says, then run its handler and send its result.
 *
 * @internal
 */
export function createRouteDeclarer(deps: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  integrationRules?: IntegrationRuleset;
}): DeclareRoute {
  const { httpAuth, permissions, auditor } = deps;
  const integrationRules = deps.integrationRules ?? ownIntegrationRuleset;
  return declaration => async (request, response) => {
    const { audit } = declaration;
    const auditorEvent = await auditor.createEvent({
      eventId: audit.eventId,
      severityLevel: audit.severityLevel ?? 'low',
      request,
      meta: audit.meta?.(request),
    });
    let result;
    try {
      const credentials = await httpAuth.credentials(request, {
        allow: declaration.allow,
      });
      const isAllowed = async (check: AuthorizePermissionRequest) => {
        const [decision] = await permissions.authorize([check], {
          credentials,
        });
        return decision.result === AuthorizeResult.ALLOW;
      };
      const required = declaration.permission;
      if (required && !(await isAllowed({ permission: required.permission }))) {
        throw new NotAllowedError(required.deniedMessage);
      }
      const { principal } = credentials as BackstageCredentials<
        BackstagePrincipalTypes[RouteCaller]
      >;
      result = await declaration.handle(request, {
        credentials,
        actor:
          principal.type === 'user'
            ? principal.userEntityRef
            : principal.subject,
        isAllowed,
        async detailsScope() {
          const [decision] = await permissions.authorizeConditional(
            [{ permission: partnersDetailsReadPermission }],
            { credentials },
          );
          return detailsScopeOf(decision, integrationRules);
        },
        async requireDetails(resourceRef, action) {
          const allowed = await isAllowed({
            permission: partnersDetailsReadPermission,
            resourceRef,
          });
          if (!allowed) {
            throw new NotAllowedError(
              `You may not ${action} of ${resourceRef}`,
            );
          }
        },
      });
      await auditorEvent.success({ meta: declaration.auditSuccess?.(result) });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
    if (declaration.respond) {
      declaration.respond(response, result, request);
    } else {
      response.status(declaration.status ?? 200).json(result);
    }
  };
}
