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

import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  parseEntityRef,
  parseLocationRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  PARTNER_CHANGED_BY_ANNOTATION,
  entityRefKey,
} from '@partner-governance/plugin-partners-common';
import { findSecrets } from '@partner-governance/plugin-partners-node';
import type {
  IndexChanges,
  StageProvenance,
} from '../database/IdentityIndexStore';

/** The longest changed-by ref the stage history keeps. */
const MAX_REF_LENGTH = 255;
/** The longest source location the stage history keeps. */
const MAX_LOCATION_LENGTH = 2048;
/** The provenance fields, as the secret guard names them. */
const FIELDS = ['changedBy', 'sourceLocation'] as const;
type FieldName = (typeof FIELDS)[number];
/** The kinds that may ask for a change. */
const REQUESTER_KINDS = new Set(['user', 'group']);

/**
 * The entity without its annotations, and its annotations: the index stores
 * and hashes entities without them, so that they change nothing the rules
 * read, and only a changed partner's provenance is taken from them. The
 * entity read from the catalog is left as it is.
 */
export function withoutAnnotations<T extends Entity>(
  read: T,
): { entity: T; annotations: Record<string, unknown> } {
  const { annotations = {}, ...metadata } = read.metadata;
  return { entity: { ...read, metadata }, annotations };
}

/**
 * Where a changed partner's change came from, as far as its annotations
 * tell: the requester its file names (a User or Group ref; kind User and the
 * partner's namespace unless said) and the location the catalog read it
 * from. A value that is not one is left out with a warning that names the
 * partner and the annotation, never the value.
 */
export function partnerProvenance(
  partnerRef: string,
  annotations: Record<string, unknown>,
  namespace: string,
  logger: LoggerService,
): StageProvenance {
  const provenance: StageProvenance = {};
  const warn = (annotation: string, what: string) =>
    logger.warn(
      `Partner ${partnerRef}: annotation ${annotation} is not ${what}; its stage history leaves it out`,
    );
  const changedBy = annotations[PARTNER_CHANGED_BY_ANNOTATION];
  if (changedBy !== undefined) {
    const ref = requesterRef(changedBy, namespace);
    if (ref) {
      provenance.changedBy = ref;
    } else {
      warn(
        PARTNER_CHANGED_BY_ANNOTATION,
        `a User or Group ref of at most ${MAX_REF_LENGTH} characters`,
      );
    }
  }
  const location = annotations[ANNOTATION_LOCATION];
  if (location !== undefined) {
    if (isLocation(location)) {
      provenance.sourceLocation = location;
    } else {
      warn(
        ANNOTATION_LOCATION,
        `a location ref of at most ${MAX_LOCATION_LENGTH} characters`,
      );
    }
  }
  return provenance;
}

function requesterRef(value: unknown, namespace: string): string | undefined {
  if (typeof value !== 'string' || value.length > MAX_REF_LENGTH) {
    return undefined;
  }
  try {
    const ref = parseEntityRef(value.trim(), {
      defaultKind: 'User',
      defaultNamespace: namespace,
    });
    return REQUESTER_KINDS.has(ref.kind.toLocaleLowerCase('en-US'))
      ? entityRefKey(ref)
      : undefined;
  } catch {
    return undefined;
  }
}

function isLocation(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > MAX_LOCATION_LENGTH) {
    return false;
  }
  try {
    parseLocationRef(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * Leaves out of the changed partners' provenance every value the secret
 * guard finds a secret in (a token in a location URL, say), in one scan per
 * run, with a warning that names the partner, the field and the shape.
 */
export async function dropSecretProvenance(
  partners: IndexChanges['partners'],
  logger: LoggerService,
): Promise<void> {
  const withProvenance = partners.filter(
    change => change.provenance?.changedBy || change.provenance?.sourceLocation,
  );
  if (!withProvenance.length) {
    return;
  }
  // where the guard names each value: `[<index>].<field>`
  const at = new Map<string, [IndexChanges['partners'][number], FieldName]>();
  withProvenance.forEach((change, index) => {
    for (const field of FIELDS) {
      at.set(`[${index}].${field}`, [change, field]);
    }
  });
  const found = await findSecrets(
    withProvenance.map(change => change.provenance),
  );
  for (const { path, shape } of found) {
    const [change, field] = at.get(path) ?? [];
    if (!change?.provenance || !field) {
      continue;
    }
    delete change.provenance[field];
    logger.warn(
      `Partner ${change.ref}: its ${field} holds a secret value (${shape}); its stage history leaves it out`,
    );
  }
}
