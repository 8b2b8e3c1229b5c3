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
  parseEntityYaml,
  processingResult,
  type CatalogProcessorParser,
} from '@backstage/plugin-catalog-node';
import {
  PARTNERS_API_VERSION,
  redactSecretValues,
} from '@partner-governance/plugin-partners-common';
import { REJECTED_SECRETS_ANNOTATION } from './PartnerEntitiesProcessor';

/**
 * Parses entity files like the catalog's default parser, but removes secret
 * values from Partner and PartnerIntegration documents before the catalog
 * stores anything. The entity keeps an annotation listing where the values
 * were, so that PartnerEntitiesProcessor rejects it with an error naming the
 * fields, and the last good version of the entity stays in the catalog.
 *
 * @public
 */
export const partnersEntityDataParser: CatalogProcessorParser =
  async function* partnersEntityDataParser({ data, location }) {
    for (const result of parseEntityYaml(data, location)) {
      if (
        result.type !== 'entity' ||
        result.entity.apiVersion !== PARTNERS_API_VERSION
      ) {
        yield result;
        continue;
      }
      const { document, findings } = redactSecretValues(result.entity);
      if (findings.length === 0) {
        yield result;
        continue;
      }
      document.metadata.annotations = {
        ...document.metadata.annotations,
        [REJECTED_SECRETS_ANNOTATION]: JSON.stringify(findings),
      };
      yield processingResult.entity(result.location, document);
    }
  };
