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
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createPartnerEntitiesAction } from './actions/createPartnerEntities';
import { createValidatePartnersAction } from './actions/validatePartners';

/**
 * The partner governance actions of the scaffolder:
 * `partners:entities:create` and `partners:validate`. Both read the policy
 * from the `partners` key of the backend's config.
 *
 * @public
 */
export const scaffolderModulePartners = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'partners',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createPartnerEntitiesAction({ config }),
          createValidatePartnersAction({ config }),
        );
      },
    });
  },
});
