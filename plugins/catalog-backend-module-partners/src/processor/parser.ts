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

import { stringifyLocationRef } from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessorParser,
} from '@backstage/plugin-catalog-node';
import { readEntityDocuments } from '@partner-governance/plugin-partners-node';
import { REJECTED_SECRETS_ANNOTATION } from './PartnerEntitiesProcessor';

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Parses entity files in place of the catalog's default parser, through the
 * reader the `partners` command line uses too: limits on size, aliases and
 * nesting, YAML 1.2 only, and every secret value, in a document of any kind
 * and apiVersion, replaced before the catalog stores or logs anything. Errors
 * name the location and the document's line and never quote the file. An
 * entity that held secrets keeps an annotation listing where they were, so
 * that PartnerEntitiesProcessor rejects it with an error naming the fields and
 * the last good version of the entity stays in the catalog.
 *
 * @public
 */
export const partnersEntityDataParser: CatalogProcessorParser =
  async function* partnersEntityDataParser({ data, location }) {
    const where = stringifyLocationRef(location);
    const file = await readEntityDocuments(data);
    if (file.error) {
      yield processingResult.generalError(
        location,
        `YAML error at ${where}, ${file.error}`,
      );
      return;
    }
    for (const document of file.documents) {
      const at = `${where}, the document starting at line ${document.line}`;
      if (document.error) {
        yield processingResult.generalError(
          location,
          `YAML error at ${at}: ${document.error}`,
        );
      } else if (!isMap(document.data)) {
        yield processingResult.generalError(
          location,
          `Expected object at root of ${at}, got ${
            Array.isArray(document.data) ? 'a list' : typeof document.data
          }`,
        );
      } else if (document.secrets.length === 0) {
        yield processingResult.entity(location, document.data as any);
      } else {
        const entity = document.data;
        const metadata = isMap(entity.metadata) ? entity.metadata : {};
        const annotations = isMap(metadata.annotations)
          ? metadata.annotations
          : {};
        yield processingResult.entity(location, {
          ...entity,
          metadata: {
            ...metadata,
            annotations: {
              ...annotations,
              [REJECTED_SECRETS_ANNOTATION]: JSON.stringify(document.secrets),
            },
          },
        } as any);
      }
    }
  };
