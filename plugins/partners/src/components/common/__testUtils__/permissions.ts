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

/*
 * A fake of `usePermission` for the partners component tests (test-only).
 * The real hook caches decisions in a module-wide SWR cache keyed by the
 * permission, so a test that denies would see the previous test's ALLOW.
 * Each test file mocks the module with:
 *
 *   jest.mock('@backstage/plugin-permission-react', () =>
 *     require('../common/__testUtils__/permissions').mockPermissionReact(),
 *   );
 *
 * and `renderPartners({ allow })` sets the decision for the next render.
 */

/** A permission request as `usePermission` receives it. */
export interface PermissionRequest {
  permission: { name: string };
  resourceRef?: string;
}

/** Whether every permission is allowed, or which requests are. */
export type PermissionDecision =
  | boolean
  | ((request: PermissionRequest) => boolean);

let allowed: PermissionDecision = true;

/** Sets whether every permission is allowed, or a decision per request. */
export function setPermissionsAllowed(value: PermissionDecision) {
  allowed = value;
}

/** The permission-react module with `usePermission` faked. */
export function mockPermissionReact() {
  const actual = jest.requireActual('@backstage/plugin-permission-react');
  return {
    ...actual,
    usePermission: (request: PermissionRequest) => ({
      loading: false,
      allowed: typeof allowed === 'function' ? allowed(request) : allowed,
    }),
  };
}
