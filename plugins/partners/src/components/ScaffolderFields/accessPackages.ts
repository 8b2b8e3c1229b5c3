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

import type { ApiHolder } from '@backstage/core-plugin-api';
import type { ListAccessPackagesResponse } from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';

/** An access package of the policy, as the partners API lists it. */
export type AccessPackageItem = ListAccessPackagesResponse['items'][number];

/** Whether a package grants a scope: equal, or under a trailing `*`. */
export function packageGrants(pkg: AccessPackageItem, scope: string): boolean {
  return pkg.scopes.some(pattern =>
    pattern.endsWith('*')
      ? scope.startsWith(pattern.slice(0, -1))
      : scope === pattern,
  );
}

/** The policy's access packages, through the partners API of an ApiHolder. */
export async function fetchAccessPackages(
  apiHolder: ApiHolder,
): Promise<AccessPackageItem[]> {
  const api = apiHolder.get(partnersApiRef);
  if (!api) {
    throw new Error('The partners API is not available');
  }
  return (await api.listAccessPackages()).items;
}

/** The form field that names the access package, unless said otherwise. */
export const DEFAULT_ACCESS_PACKAGE_FIELD = 'accessPackage';
