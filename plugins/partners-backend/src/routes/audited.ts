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

import type { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
  AuditorServiceEvent,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { spec } from '../schema/openapi';

/** The router typed by the OpenAPI spec. @internal */
export type PartnersRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

/**
 * Runs a handler inside an auditor event. @internal
 */
export type Audited = <T>(
  request: AuditorServiceCreateEventOptions['request'],
  event: Omit<AuditorServiceCreateEventOptions, 'request'>,
  handler: (auditorEvent: AuditorServiceEvent) => Promise<T>,
) => Promise<T>;

/**
 * Creates the helper that runs a handler inside an auditor event: success
 * is the handler's to record; a throw records a failure and rethrows, so
 * denials and rejected input are audited too. @internal
 */
export function createAudited(auditor: AuditorService): Audited {
  return async (request, event, handler) => {
    const auditorEvent = await auditor.createEvent({
      severityLevel: 'low',
      ...event,
      request,
    });
    try {
      return await handler(auditorEvent);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  };
}

/**
 * Throws NotAllowedError unless the caller holds the (basic) permission.
 * @internal
 */
export async function authorizeOrThrow(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: BasicPermission,
  message: string,
): Promise<void> {
  const [decision] = await permissions.authorize([{ permission }], {
    credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(message);
  }
}
