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

import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { DecoratorBase } from '@backstage/plugin-search-backend-node';
import type {
  DocumentDecoratorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  isPartnerEntityV1alpha1,
  partnerSearchDocumentFields,
  type PartnerSearchDocument,
} from '@partner-governance/plugin-partners-common';
import type { Transform } from 'node:stream';
import { defined, MAX_NAME_LENGTH } from './transformer';

/** The catalog collator's document type. */
const CATALOG_DOCUMENT_TYPE = 'software-catalog';

/** What an integration's document takes from its partner. */
type PartnerSummary = Pick<
  PartnerSearchDocument,
  'partnerTitle' | 'stage' | 'tier'
>;

interface DecoratorOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}

/**
 * Gives each PartnerIntegration document its partner's title, lifecycle
 * stage and risk tier, read from the catalog once per indexing run.
 */
class PartnerIntegrationDecorator extends DecoratorBase {
  readonly #options: DecoratorOptions;
  readonly #partners = new Map<string, PartnerSummary>();

  constructor(options: DecoratorOptions) {
    super();
    this.#options = options;
  }

  async initialize(): Promise<void> {
    const { catalog, auth, logger } = this.#options;
    try {
      const pages = catalog.streamEntities(
        {
          filter: { kind: 'Partner' },
          fields: [
            'apiVersion',
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'spec.lifecycle.stage',
            'spec.risk.tier',
          ],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      for await (const page of pages) {
        for (const entity of page) {
          if (!isPartnerEntityV1alpha1(entity)) {
            continue;
          }
          const { stage, tier } = partnerSearchDocumentFields({
            stage: entity.spec?.lifecycle?.stage,
            tier: entity.spec?.risk?.tier,
          });
          const title = entity.metadata.title;
          this.#partners.set(
            stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
            defined({
              partnerTitle:
                typeof title === 'string' && title
                  ? title.slice(0, MAX_NAME_LENGTH)
                  : entity.metadata.name,
              stage,
              tier,
            }),
          );
        }
      }
    } catch (error) {
      // the integrations are still indexed, without their partner's stage
      this.#partners.clear();
      logger.warn(
        `Partner integrations are indexed without their partner's stage and tier: reading partners from the catalog failed: ${error}`,
      );
    }
  }

  async decorate(document: IndexableDocument): Promise<IndexableDocument> {
    const { kind, partner } = document as Partial<PartnerSearchDocument>;
    // entity names compare without regard to case, as in the catalog
    const summary =
      kind === 'PartnerIntegration' && typeof partner === 'string'
        ? this.#partners.get(partner.toLocaleLowerCase('en-US'))
        : undefined;
    return summary ? { ...document, ...summary } : document;
  }

  async finalize(): Promise<void> {}
}

/**
 * Decorates the catalog's search documents: each PartnerIntegration gets its
 * partner's title, lifecycle stage and risk tier, which its own entity does
 * not hold.
 */
export class PartnerIntegrationDocumentDecoratorFactory
  implements DocumentDecoratorFactory
{
  readonly types = [CATALOG_DOCUMENT_TYPE];
  readonly #options: DecoratorOptions;

  constructor(options: DecoratorOptions) {
    this.#options = options;
  }

  async getDecorator(): Promise<Transform> {
    return new PartnerIntegrationDecorator(this.#options);
  }
}
