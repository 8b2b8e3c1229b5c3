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

import { ENTITY_STATUS_CATALOG_PROCESSING_TYPE } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import type { AlphaEntity } from '@backstage/catalog-model/alpha';
import {
  RULES,
  entityRefKey,
} from '@partner-governance/plugin-partners-common';
import { SECRET_VALUE_ERROR_NAME } from '@partner-governance/plugin-partners-node';
import type { EvaluatedFinding } from '../database/FindingsStore';

/** How many places a message names before it counts the rest. */
const MAX_NAMED = 5;
/** The longest path or shape a message repeats from the catalog's status. */
const MAX_PART_LENGTH = 200;

interface Located {
  path: string;
  shape: string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' &&
  value.length > 0 &&
  value.length <= MAX_PART_LENGTH
    ? value
    : undefined;

/**
 * Where the secret values are, from a processing error the catalog kept:
 * the processor's SecretValueError is the error itself or its cause, with
 * `findings` of paths and shapes (never values). Undefined for any other
 * error.
 */
function secretsOf(error: unknown): Located[] | undefined {
  for (let current = error, depth = 0; depth < 3; depth += 1) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    const { name, findings, cause } = current as Record<string, unknown>;
    if (name === SECRET_VALUE_ERROR_NAME) {
      return (Array.isArray(findings) ? findings : []).flatMap(found => {
        const path = text((found as Located | null)?.path);
        const shape = text((found as Located | null)?.shape);
        return path && shape ? [{ path, shape }] : [];
      });
    }
    current = cause;
  }
  return undefined;
}

function describe(secrets: Located[]): string {
  if (secrets.length === 0) {
    return 'a secret value';
  }
  const named = secrets
    .slice(0, MAX_NAMED)
    .map(({ path, shape }) => `${path} (${shape})`)
    .join(', ');
  const more = secrets.length - MAX_NAMED;
  return `a secret value at ${named}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * `secret-in-file` findings: the partners and integrations whose latest file
 * the catalog refused for holding a secret value. The catalog keeps serving
 * the last good version, with the refusal in the entity's status; the value
 * itself was never stored, but it is in the repository's history.
 *
 * @internal
 */
export function secretInFileFindings(entities: Entity[]): EvaluatedFinding[] {
  const rule = RULES['secret-in-file'];
  return entities.flatMap(entity => {
    const located = ((entity as AlphaEntity).status?.items ?? [])
      .filter(item => item.type === ENTITY_STATUS_CATALOG_PROCESSING_TYPE)
      .map(item => secretsOf(item.error))
      .filter((found): found is Located[] => found !== undefined);
    if (located.length === 0) {
      return [];
    }
    return [
      {
        ruleId: rule.id,
        severity: rule.severity,
        frameworks: [...rule.frameworks],
        entityRef: entityRefKey({
          kind: entity.kind,
          namespace: entity.metadata.namespace,
          name: entity.metadata.name,
        }),
        message: `The catalog refused the latest version of this file because it holds ${describe(
          located.flat(),
        )}, and keeps serving the last good version. Remove the value from the file and rotate the credential: it stays in the repository's history.`,
      },
    ];
  });
}
