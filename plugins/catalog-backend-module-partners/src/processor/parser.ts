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
  parseEntityYaml,
  processingResult,
  type CatalogProcessorParser,
  type CatalogProcessorResult,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  PARTNERS_API_VERSION,
  findSecretValues,
  redactSecretValues,
} from '@partner-governance/plugin-partners-common';
import { REJECTED_SECRETS_ANNOTATION } from './PartnerEntitiesProcessor';

/**
 * The message of a parse error without the source excerpt that the YAML
 * library prints under it: that excerpt quotes the file, secret values
 * included, and the catalog stores, logs and shows the message. The first
 * line keeps the location, the reason and the line and column.
 */
function withoutSourceExcerpt(message: string, location: LocationSpec): string {
  const [firstLine] = message.split(/\r?\n/, 1);
  const line = firstLine.replace(/:\s*$/, '');
  if (findSecretValues(line).length > 0) {
    return `YAML error at ${stringifyLocationRef(
      location,
    )}, the document could not be parsed (the reason is withheld because it quotes a secret value)`;
  }
  return line;
}

/**
 * parseEntityYaml, turning an exception (it throws on an unresolved alias,
 * whose message quotes the alias) into an error result, which the caller
 * then cleans like any other.
 */
function* safeParseEntityYaml(
  data: Buffer,
  location: LocationSpec,
): Generator<CatalogProcessorResult> {
  try {
    yield* parseEntityYaml(data, location);
  } catch (error) {
    yield processingResult.generalError(
      location,
      `YAML error at ${stringifyLocationRef(location)}, ${error}`,
    );
  }
}

/**
 * Parses entity files like the catalog's default parser, but removes secret
 * values from Partner and PartnerIntegration documents before the catalog
 * stores anything, and drops the source excerpt from YAML errors of any
 * document (a malformed document cannot be told apart, and the excerpt may
 * quote a secret). The entity keeps an annotation listing where the values
 * were, so that PartnerEntitiesProcessor rejects it with an error naming the
 * fields, and the last good version of the entity stays in the catalog.
 *
 * @public
 */
export const partnersEntityDataParser: CatalogProcessorParser =
  async function* partnersEntityDataParser({ data, location }) {
    for (const result of safeParseEntityYaml(data, location)) {
      if (result.type === 'error') {
        const message = withoutSourceExcerpt(
          result.error.message,
          result.location,
        );
        yield message === result.error.message
          ? result
          : processingResult.generalError(result.location, message);
        continue;
      }
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
