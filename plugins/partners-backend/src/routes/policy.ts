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

import type { AccessPackage } from '@partner-governance/plugin-partners-common';
import type { DeclareRoute, PartnersRouter } from './route';

/**
 * `GET /policy/access-packages`: the standard access packages of the
 * policy, by name, for any signed-in user or service. They say what an
 * integration may hold, as every user sees the scopes that reach a service;
 * the onboarding template offers them.
 *
 * @internal
 */
export function registerPolicyRoutes(
  router: PartnersRouter,
  route: DeclareRoute,
  deps: { accessPackages: Readonly<Record<string, AccessPackage>> },
): void {
  const items = Object.entries(deps.accessPackages)
    .map(([name, pkg]) => ({ name, ...pkg }))
    .sort((a, b) => (a.name < b.name ? -1 : Number(a.name > b.name)));
  router.get(
    '/policy/access-packages',
    route({
      allow: ['user', 'service'],
      audit: {
        eventId: 'policy-fetch',
        meta: () => ({ queryType: 'access-packages' }),
      },
      async handle() {
        return { items };
      },
      auditSuccess: result => ({ count: result.items.length }),
    }),
  );
}
