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
  DEFAULT_NAMESPACE,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
  getCompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  PARTNERS_API_VERSION,
  RELATION_ACCESSED_BY,
  RELATION_ACCESSES,
  RELATION_CUSTODIAN_OF,
  RELATION_CUSTODIED_BY,
  isPartnerEntityV1alpha1,
  isPartnerIntegrationEntityV1alpha1,
  partnerEntityV1alpha1Validator,
  partnerIntegrationEntityV1alpha1Validator,
} from '@partner-governance/plugin-partners-common';
import {
  findSecrets,
  SecretValueError,
  type SecretFinding,
} from '@partner-governance/plugin-partners-node';
import type { PartnerIntakeLocations } from './intake';

/**
 * Set by the module's entity data parser on an entity whose file held secret
 * values: the values are replaced before the catalog stores anything, and
 * this annotation lists where they were (never what they were).
 *
 * @public
 */
export const REJECTED_SECRETS_ANNOTATION =
  'partners.governance.dev/rejected-secrets';

const KINDS = new Set(['Partner', 'PartnerIntegration']);

/** Reads the rejected-secrets annotation written by the parser. */
function rejectedSecrets(entity: Entity): SecretFinding[] {
  const value = entity.metadata.annotations?.[REJECTED_SECRETS_ANNOTATION];
  if (!value) {
    return [];
  }
  try {
    const parsed = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [{ path: 'metadata.annotations', shape: 'an unreadable marker' }];
  }
}

/**
 * Options of {@link PartnerEntitiesProcessor}.
 *
 * @public
 */
export interface PartnerEntitiesProcessorOptions {
  /**
   * Where Partner and PartnerIntegration entities may come from; from every
   * location when absent.
   */
  intake?: PartnerIntakeLocations;
}

/**
 * Rejects a Partner or PartnerIntegration from a location the intake does not
 * allow (naming the entity and the location) and any entity, whatever its
 * kind, that held a secret value (naming the field, never the value);
 * validates Partner and PartnerIntegration entities and emits their relations
 * in both directions: ownedBy/ownerOf, partOf/hasPart, accesses/accessedBy and
 * custodiedBy/custodianOf.
 *
 * @public
 */
export class PartnerEntitiesProcessor implements CatalogProcessor {
  constructor(private readonly options: PartnerEntitiesProcessorOptions = {}) {}

  getProcessorName(): string {
    return 'PartnerEntitiesProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
  ): Promise<Entity> {
    await this.options.intake?.check(entity, location);
    const secrets = rejectedSecrets(entity);
    if (secrets.length > 0) {
      throw new SecretValueError(secrets, stringifyEntityRef(entity));
    }
    return entity;
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    if (entity.apiVersion !== PARTNERS_API_VERSION || !KINDS.has(entity.kind)) {
      return false;
    }
    // Entities from providers do not pass through the parser: scan them
    // here, all but the parser's own marker.
    const { [REJECTED_SECRETS_ANNOTATION]: marker, ...annotations } =
      entity.metadata.annotations ?? {};
    const secrets = [
      ...rejectedSecrets(entity),
      ...(await findSecrets({
        ...entity,
        metadata: { ...entity.metadata, annotations },
      })),
    ];
    if (secrets.length > 0) {
      throw new SecretValueError(secrets);
    }
    const validator =
      entity.kind === 'Partner'
        ? partnerEntityV1alpha1Validator
        : partnerIntegrationEntityV1alpha1Validator;
    return validator.check(entity);
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const selfRef = getCompoundEntityRef(entity);
    const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;

    const doEmit = (
      targets: string | string[] | undefined,
      defaultKind: string,
      outgoing: string,
      incoming: string,
      field: string,
    ) => {
      for (const target of ([] as string[]).concat(targets ?? [])) {
        let targetRef;
        try {
          targetRef = parseEntityRef(target, {
            defaultKind,
            defaultNamespace: namespace,
          });
        } catch (error) {
          emit(
            processingResult.inputError(
              location,
              `${stringifyEntityRef(
                entity,
              )} has an invalid entity reference in ${field}: ${
                (error as Error).message
              }`,
            ),
          );
          continue;
        }
        emit(
          processingResult.relation({
            source: selfRef,
            type: outgoing,
            target: targetRef,
          }),
        );
        emit(
          processingResult.relation({
            source: targetRef,
            type: incoming,
            target: selfRef,
          }),
        );
      }
    };

    if (isPartnerEntityV1alpha1(entity)) {
      doEmit(
        entity.spec.owner,
        'Group',
        RELATION_OWNED_BY,
        RELATION_OWNER_OF,
        'spec.owner',
      );
    } else if (isPartnerIntegrationEntityV1alpha1(entity)) {
      const { spec } = entity;
      doEmit(
        spec.owner,
        'Group',
        RELATION_OWNED_BY,
        RELATION_OWNER_OF,
        'spec.owner',
      );
      doEmit(
        spec.partner,
        'Partner',
        RELATION_PART_OF,
        RELATION_HAS_PART,
        'spec.partner',
      );
      doEmit(
        spec.accesses,
        'Component',
        RELATION_ACCESSES,
        RELATION_ACCESSED_BY,
        'spec.accesses',
      );
      doEmit(
        distinctCustodians(spec.identities ?? [], spec.owner, namespace),
        'Group',
        RELATION_CUSTODIED_BY,
        RELATION_CUSTODIAN_OF,
        'spec.identities[].custodian',
      );
    }
    return entity;
  }
}

/** Custodians that differ from the owner, each once, compared as refs. */
function distinctCustodians(
  identities: Array<{ custodian?: string }>,
  owner: string,
  namespace: string,
): string[] {
  const normalize = (ref: string) => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'Group',
          defaultNamespace: namespace,
        }),
      ).toLocaleLowerCase('en-US');
    } catch {
      return ref;
    }
  };
  const seen = new Set([normalize(owner)]);
  const result: string[] = [];
  for (const { custodian } of identities) {
    if (custodian && !seen.has(normalize(custodian))) {
      seen.add(normalize(custodian));
      result.push(custodian);
    }
  }
  return result;
}
