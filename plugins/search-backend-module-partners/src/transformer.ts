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
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  defaultCatalogCollatorEntityTransformer,
  type CatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  isPartnerEntityV1alpha1,
  isPartnerIntegrationEntityV1alpha1,
  partnerSearchDocumentFields,
  type PartnerSearchDocument,
} from '@partner-governance/plugin-partners-common';

/** The longest description a document keeps, in characters. */
export const MAX_DESCRIPTION_LENGTH = 4_000;

/** The longest title, owner or ref a document keeps, in characters. */
export const MAX_NAME_LENGTH = 256;

type TransformedDocument = ReturnType<CatalogCollatorEntityTransformer>;

/** The fields of a partner document besides the collator's own. */
type PartnerDocumentFields = Omit<
  PartnerSearchDocument,
  'title' | 'text' | 'location' | 'kind' | 'namespace' | 'type' | 'owner'
>;

/** A string value, cut to `max` characters; anything else is left out. */
function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length > 0
    ? value.slice(0, max)
    : undefined;
}

/** The fields every catalog document has, for one of the two kinds. */
function baseDocument(entity: Entity): TransformedDocument {
  const { metadata } = entity;
  const name = text(metadata.name, MAX_NAME_LENGTH) ?? '';
  const title = text(metadata.title, MAX_NAME_LENGTH);
  const type = text(entity.spec?.type, MAX_NAME_LENGTH) ?? 'other';
  return {
    title: title ?? name,
    // the name too when a title hides it: people search for either
    text: [
      text(metadata.description, MAX_DESCRIPTION_LENGTH),
      title && title !== name ? name : undefined,
    ]
      .filter(Boolean)
      .join(' : '),
    componentType: type,
    type,
    namespace: text(metadata.namespace, MAX_NAME_LENGTH) ?? 'default',
    kind: entity.kind,
    // a Partner's spec.lifecycle is its stage record, not a catalog lifecycle
    lifecycle: '',
    owner: text(entity.spec?.owner, MAX_NAME_LENGTH) ?? '',
  };
}

/** The Partner an integration names, as a full ref; undefined if it names none. */
function partnerRefOf(entity: Entity): string | undefined {
  const ref = text(entity.spec?.partner, MAX_NAME_LENGTH);
  if (!ref) {
    return undefined;
  }
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'Partner',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    return parsed.kind.toLocaleLowerCase('en-US') === 'partner'
      ? stringifyEntityRef(parsed)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Leaves out the fields that hold no value. */
export function defined<T extends PartnerDocumentFields>(fields: T): T {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as T;
}

function partnerDocument(entity: Entity): TransformedDocument {
  const spec = entity.spec as
    | { lifecycle?: { stage?: unknown }; risk?: { tier?: unknown } }
    | undefined;
  const { stage, tier, partnerType } = partnerSearchDocumentFields({
    stage: spec?.lifecycle?.stage,
    tier: spec?.risk?.tier,
    partnerType: entity.spec?.type,
  });
  return {
    ...baseDocument(entity),
    ...defined({
      partner: stringifyEntityRef(entity),
      stage,
      tier,
      partnerType,
    }),
  };
}

function integrationDocument(entity: Entity): TransformedDocument {
  const base = baseDocument(entity);
  const partner = partnerRefOf(entity);
  const { integrationType, environment } = partnerSearchDocumentFields({
    integrationType: entity.spec?.type,
    environment: entity.spec?.environment,
  });
  return {
    ...base,
    // an integration is found by its partner's name too
    text: [base.text, partner && parseEntityRef(partner).name]
      .filter(Boolean)
      .join(' : '),
    ...defined({ partner, integrationType, environment }),
  };
}

/**
 * Shapes catalog entities into search documents: a Partner's document
 * carries its lifecycle stage, type and risk tier, a PartnerIntegration's its
 * type, environment and partner (a decorator adds the partner's stage and
 * tier); both are found by their names and description. Every other entity
 * gets the catalog collator's default document.
 *
 * A document is built from a list of fields, never from the entity's spec:
 * identities, secret locations (`secretRef`), data classes, contracts and
 * incidents never reach the index.
 *
 * @public
 */
export const partnersCatalogCollatorEntityTransformer: CatalogCollatorEntityTransformer =
  entity => {
    if (isPartnerEntityV1alpha1(entity)) {
      return partnerDocument(entity);
    }
    if (isPartnerIntegrationEntityV1alpha1(entity)) {
      return integrationDocument(entity);
    }
    return defaultCatalogCollatorEntityTransformer(entity);
  };
