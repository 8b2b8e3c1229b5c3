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
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type Permission,
} from '@backstage/plugin-permission-common';

/**
 * A permissions service mock that allows a permission (by name) to the
 * users listed for it and denies other users, whether asked for a
 * definitive or a conditional decision. Service principals are allowed
 * everything, as the real permissions service allows them (within access
 * restrictions these tests do not set).
 */
export function grantingPermissions(grants: Record<string, string[]>) {
  const permissions = mockServices.permissions.mock();
  const decide = (
    requests: Array<{ permission: Permission }>,
    options?: { credentials: BackstageCredentials },
  ) => {
    const credentials = options?.credentials as BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >;
    return requests.map(request => ({
      result:
        credentials.principal.type === 'service' ||
        (grants[request.permission.name] ?? []).includes(
          credentials.principal.userEntityRef,
        )
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })) as any;
  };
  permissions.authorize.mockImplementation(async (r, o) => decide(r, o));
  permissions.authorizeConditional.mockImplementation(async (r, o) =>
    decide(r, o),
  );
  return permissions;
}
