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

import type { PartnerAccessFacts } from '../database/IdentityIndexStore';
import type { OffboardingItemInput } from '../database/OffboardingStore';
import type { ReviewRow } from '../database/ReviewsStore';

/**
 * The items a leaving partner's checklist needs: one `revoke` per active
 * identity, one `rotate` per shared secret (an identity with `sharedWith`,
 * or whose secret location another live identity holds too; one item per
 * location) and one `close` per integration, of the partner's live
 * integrations. Descriptions never name where a secret lives.
 */
export function leavingItems(
  facts: PartnerAccessFacts,
): OffboardingItemInput[] {
  const revokes: OffboardingItemInput[] = [];
  const rotates = new Map<string, OffboardingItemInput>();
  for (const identity of facts.identities) {
    const { integrationRef, name, sharedWith, secretRef } = identity;
    const what = `${identity.type} ${name} of ${integrationRef}`;
    if (identity.status === 'active') {
      revokes.push({
        kind: 'revoke',
        integrationRef,
        identity: name,
        key: `revoke\n${integrationRef}\n${name}`,
        description: `Revoke ${what}`,
        source: 'offboarding',
      });
    }
    const others = Math.max(identity.secretHolders - 1, 0);
    if (!sharedWith.length && others < 1) {
      continue;
    }
    const key = secretRef
      ? `rotate\nsecret\n${secretRef}`
      : `rotate\nidentity\n${integrationRef}\n${name}`;
    if (rotates.has(key)) {
      continue;
    }
    const how = [
      ...(sharedWith.length ? [`shared with ${sharedWith.join(', ')}`] : []),
      ...(others > 0
        ? [
            `its secret is held by ${others} other ${
              others === 1 ? 'identity' : 'identities'
            } too`,
          ]
        : []),
    ].join('; ');
    rotates.set(key, {
      kind: 'rotate',
      integrationRef,
      identity: name,
      key,
      description: `Rotate the shared secret of ${what} (${how})`,
      source: 'offboarding',
    });
  }
  const closes: OffboardingItemInput[] = facts.integrations.map(ref => ({
    kind: 'close',
    integrationRef: ref,
    key: `close\n${ref}`,
    description: `Close ${ref}`,
    source: 'offboarding',
  }));
  return [...revokes, ...rotates.values(), ...closes];
}

/**
 * The items a revoke decision opens: one `revoke` (source review-revoke) per
 * revoked identity, described with its type as the decided review's
 * snapshot holds it.
 */
export function revocationItems(
  review: ReviewRow,
  names: string[],
): OffboardingItemInput[] {
  const types = new Map(
    (review.snapshot ?? []).map(identity => [identity.name, identity.type]),
  );
  return names.map(name => ({
    kind: 'revoke',
    integrationRef: review.integrationRef,
    identity: name,
    key: `revoke\n${review.integrationRef}\n${name}`,
    description: `Revoke ${types.get(name) ?? 'identity'} ${name} of ${
      review.integrationRef
    } (access review ${review.id})`,
    source: 'review-revoke',
    reviewId: review.id,
  }));
}
