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
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
// The entity data parser is only settable through the alpha model extension
// point; it is what keeps secret values out of the catalog's storage.
import { catalogModelExtensionPoint } from '@backstage/plugin-catalog-node/alpha';
import { IS_ENTITY_CUSTODIAN } from './permissions';
import { PartnerIntakeLocations } from './processor/intake';
import { PartnerEntitiesProcessor } from './processor/PartnerEntitiesProcessor';
import { partnersEntityDataParser } from './processor/parser';

/**
 * Adds the Partner and PartnerIntegration kinds to the catalog: intake from
 * the locations `partners.intake.allowedLocations` allows, validation, secret
 * rejection and relations, and the `IS_ENTITY_CUSTODIAN` rule for catalog
 * read policies.
 *
 * @public
 */
export const catalogModulePartners = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'partners',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        model: catalogModelExtensionPoint,
        permissionsRegistry: coreServices.permissionsRegistry,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        catalog,
        model,
        permissionsRegistry,
        config,
        logger,
        lifecycle,
      }) {
        const intake = PartnerIntakeLocations.fromConfig(config, { logger });
        lifecycle.addShutdownHook(() => intake.close());
        catalog.addProcessor(new PartnerEntitiesProcessor({ intake }));
        model.setEntityDataParser(partnersEntityDataParser);
        permissionsRegistry.addPermissionRules([IS_ENTITY_CUSTODIAN]);
      },
    });
  },
});
