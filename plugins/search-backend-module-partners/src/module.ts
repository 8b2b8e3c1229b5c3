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
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogCollatorExtensionPoint } from '@backstage/plugin-search-backend-module-catalog';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { PartnerIntegrationDocumentDecoratorFactory } from './PartnerIntegrationDocumentDecoratorFactory';
import { partnersCatalogCollatorEntityTransformer } from './transformer';

/**
 * Search module for partner governance: Partner and PartnerIntegration
 * documents of the catalog index carry the partner's lifecycle stage, type
 * and risk tier. It needs the catalog collator
 * (`@backstage/plugin-search-backend-module-catalog`) and sets its entity
 * transformer, which a backend can set only once.
 *
 * @public
 */
export const searchModulePartners = createBackendModule({
  pluginId: 'search',
  moduleId: 'partners',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
        catalogCollator: catalogCollatorExtensionPoint,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ auth, logger, catalog, catalogCollator, indexRegistry }) {
        catalogCollator.setEntityTransformer(
          partnersCatalogCollatorEntityTransformer,
        );
        indexRegistry.addDecorator({
          factory: new PartnerIntegrationDocumentDecoratorFactory({
            auth,
            logger,
            catalog,
          }),
        });
      },
    });
  },
});
