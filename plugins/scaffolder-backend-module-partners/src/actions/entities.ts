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
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  PARTNER_CHANGED_BY_ANNOTATION,
  PARTNERS_API_VERSION,
  partnerEntityV1alpha1Validator,
  partnerIntegrationEntityV1alpha1Validator,
  type PartnerEntityV1alpha1,
  type PartnerIdentity,
  type PartnerIntegrationEntityV1alpha1,
  type PartnersKindValidator,
} from '@partner-governance/plugin-partners-common';
import type { CreateInput } from './inputs';

/** The annotation the scaffolder puts on what a template created. */
const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';

/** The checks the catalog applies to every entity's envelope. */
const envelopePolicy = EntityPolicies.allOf([
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
  new FieldFormatEntityPolicy(),
]);

/** An object without its undefined values, so that YAML leaves them out. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/** An object, or undefined when every value is undefined. */
function unlessEmpty<T extends object>(value: T): T | undefined {
  const kept = defined(value);
  return Object.keys(kept).length ? kept : undefined;
}

function metadata(
  input: { name: string; title?: string; description?: string },
  annotations: Record<string, string | undefined>,
): Entity['metadata'] {
  return defined({
    name: input.name,
    title: input.title,
    description: input.description,
    annotations: unlessEmpty(annotations) as Record<string, string> | undefined,
  });
}

/** The user who ran the template, when the scaffolder says it is a User. */
function requester(userRef: string | undefined): string | undefined {
  if (!userRef) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(userRef);
    return ref.kind.toLocaleLowerCase('en-US') === 'user'
      ? stringifyEntityRef(ref)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Partner of an onboarding and its first integration, as the form gave
 * them: the partner starts in `onboarding`. Both name the template they come
 * from; the Partner names the user who ran it as the requester of its stage
 * (PARTNER_CHANGED_BY_ANNOTATION), which its stage history shows.
 */
export function buildEntities(
  input: Pick<CreateInput, 'partner' | 'integration'>,
  from: { templateRef?: string; userRef?: string } = {},
): {
  partner: PartnerEntityV1alpha1;
  integration: PartnerIntegrationEntityV1alpha1;
} {
  const { partner: p, integration: i } = input;
  const partner: PartnerEntityV1alpha1 = {
    apiVersion: PARTNERS_API_VERSION,
    kind: 'Partner',
    metadata: metadata(p, {
      [SOURCE_TEMPLATE_ANNOTATION]: from.templateRef,
      [PARTNER_CHANGED_BY_ANNOTATION]: requester(from.userRef),
    }),
    spec: defined({
      type: p.type,
      owner: p.owner,
      lifecycle: defined({
        stage: 'onboarding' as const,
        stageOwners: unlessEmpty(p.stageOwners),
      }),
      risk: defined({
        tier: p.riskTier,
        dataAccess: p.dataAccess.length ? p.dataAccess : undefined,
        dueDiligence: p.dueDiligence && unlessEmpty(p.dueDiligence),
      }),
      contract: p.contract && unlessEmpty(p.contract),
    }),
  };
  const identities: PartnerIdentity[] = i.identities.map(identity =>
    defined({
      name: identity.name,
      type: identity.type,
      custodian: identity.custodian,
      scopes: identity.scopes.length ? identity.scopes : undefined,
      privileged: identity.privileged,
      environment: identity.environment,
      secretRef: identity.secretRef,
      expires: identity.expires,
    }),
  );
  const integration: PartnerIntegrationEntityV1alpha1 = {
    apiVersion: PARTNERS_API_VERSION,
    kind: 'PartnerIntegration',
    metadata: metadata(
      { name: i.name, title: i.title, description: undefined },
      { [SOURCE_TEMPLATE_ANNOTATION]: from.templateRef },
    ),
    spec: defined({
      partner: p.name,
      type: i.type,
      owner: i.owner,
      environment: i.environment,
      accessPackage: i.accessPackage,
      accesses: i.accesses.length ? i.accesses : undefined,
      identities: identities.length ? identities : undefined,
    }),
  };
  return { partner, integration };
}

async function checkEntity(
  entity: Entity,
  validator: PartnersKindValidator,
  from: string,
): Promise<void> {
  try {
    await envelopePolicy.enforce(entity);
    validator.checkSync(entity);
  } catch (error) {
    const message = (error as Error).message.replace(
      /^Malformed envelope, /,
      '',
    );
    throw new InputError(
      `The ${entity.kind} made from input ${from} is not valid: ${message}`,
    );
  }
}

/**
 * Checks both entities as the catalog and the `partners` command line do:
 * the envelope (names, annotations), then the kind's schema and the checks
 * it cannot express. Throws an InputError naming the entity and its field.
 */
export async function checkEntities(entities: {
  partner: PartnerEntityV1alpha1;
  integration: PartnerIntegrationEntityV1alpha1;
}): Promise<void> {
  await checkEntity(
    entities.partner,
    partnerEntityV1alpha1Validator,
    'partner',
  );
  await checkEntity(
    entities.integration,
    partnerIntegrationEntityV1alpha1Validator,
    'integration',
  );
}
