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

import { createBackend } from '@backstage/backend-defaults';
import { partnersExamplePermissionPolicyModule } from './partnersPermissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Sign-in: in development the guest provider signs newcomers in as a user of
// the example estate (app-config.yaml); app-config.production.yaml signs in
// with GitHub instead. A provider without config stays off.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));

// The catalog, with the partner governance kinds.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@partner-governance/plugin-catalog-backend-module-partners'),
);

// Partner governance: identity index, findings and workflows.
backend.add(import('@partner-governance/plugin-partners-backend'));
backend.add(
  import('@partner-governance/plugin-partners-backend-module-postgres'),
);
backend.add(
  import(
    '@partner-governance/plugin-partners-backend-module-aws-iam-credential-report'
  ),
);
backend.add(import('@partner-governance/plugin-partners-backend-module-ldap'));

// Onboarding by pull request: the scaffolder with the partners actions, the
// GitHub publisher and the catalog's Template kind.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@partner-governance/plugin-scaffolder-backend-module-partners'),
);
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

backend.add(import('@backstage/plugin-permission-backend'));
// Who may do what in partner governance; everything else stays allowed.
backend.add(partnersExamplePermissionPolicyModule);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// Partners and integrations in search with their stage, type and tier.
backend.add(
  import('@partner-governance/plugin-search-backend-module-partners'),
);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
