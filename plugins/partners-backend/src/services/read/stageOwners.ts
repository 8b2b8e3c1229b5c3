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

import { parseEntityRef } from '@backstage/catalog-model';
import {
  PARTNER_LIFECYCLE_STAGES,
  entityRefKey,
  type PartnerEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';

/** A group or user ref lower-cased as the index stores it, or as written if unparsable. */
function ownerKey(ref: string, namespace: string): string {
  try {
    return entityRefKey(
      parseEntityRef(ref, {
        defaultKind: 'Group',
        defaultNamespace: namespace,
      }),
    );
  } catch {
    return ref;
  }
}

/** The owners a partner names for its stages, by stage, as index refs. */
export function stageOwnersOf(
  entity: Partial<PartnerEntityV1alpha1>,
): Record<string, string> {
  const namespace = entity.metadata?.namespace ?? 'default';
  const stageOwners: Record<string, string> = {};
  for (const stage of PARTNER_LIFECYCLE_STAGES) {
    const owner =
      stage === 'offboarded'
        ? undefined
        : entity.spec?.lifecycle?.stageOwners?.[stage];
    if (typeof owner === 'string' && owner) {
      stageOwners[stage] = ownerKey(owner, namespace);
    }
  }
  return stageOwners;
}
