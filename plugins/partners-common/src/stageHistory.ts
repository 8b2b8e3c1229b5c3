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
  PARTNER_LIFECYCLE_STAGES,
  type PartnerLifecycleStageName,
} from './kinds/PartnerEntityV1alpha1';
import { isAllowedStageTransition, stageIndex } from './lifecycle';

/**
 * The annotation in which a Partner file names who asked for its latest
 * change (an entity ref, kind User unless said), for example
 * `user:default/jane`: the intake template sets it on the pull request that
 * changes the file. The governance backend records it with each stage the
 * partner is seen entering. It is what the file claims, not a verified
 * identity: the catalog does not say who edited a file.
 *
 * @public
 */
export const PARTNER_CHANGED_BY_ANNOTATION =
  'partners.governance.dev/changed-by';

/**
 * Tells whether a string is a lifecycle stage.
 *
 * @public
 */
export function isPartnerLifecycleStage(
  value: unknown,
): value is PartnerLifecycleStageName {
  return (PARTNER_LIFECYCLE_STAGES as readonly unknown[]).includes(value);
}

/**
 * Why the lifecycle does not allow a move from one stage to another, in a
 * few words, or undefined when it allows it: for example `skips enablement`,
 * `leaves offboarded for enablement` or a move back without going through
 * offboarding. A stage that is not a lifecycle stage is never allowed.
 *
 * @public
 */
export function stageTransitionProblem(
  from: string,
  to: string,
): string | undefined {
  if (!isPartnerLifecycleStage(from) || !isPartnerLifecycleStage(to)) {
    return `moves from ${from} to ${to}, which is not a lifecycle stage`;
  }
  if (isAllowedStageTransition(from, to)) {
    return undefined;
  }
  if (from === to) {
    return `stays in ${to}`;
  }
  if (from === 'offboarded') {
    return `leaves offboarded for ${to}: a returning partner starts a new lifecycle`;
  }
  const a = stageIndex(from);
  const b = stageIndex(to);
  if (b < a) {
    return `moves back from ${from} to ${to}${
      from === 'offboarding' ? '' : ' without going through offboarding'
    }`;
  }
  // forward past the next stage: offboarded is reached only from offboarding
  const skipped =
    to === 'offboarded'
      ? ['offboarding']
      : PARTNER_LIFECYCLE_STAGES.slice(a + 1, b);
  return `skips ${skipped.join(' and ')}`;
}
