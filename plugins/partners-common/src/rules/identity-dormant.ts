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

import { identityStatus } from '../kinds/PartnerIntegrationEntityV1alpha1';
import { defineRule } from './types';

/** An active identity nobody has used for too long. @public */
export const identityDormant = defineRule({
  id: 'identity-dormant',
  title: 'Dormant identity',
  description:
    'An active identity was last used more than dormantAfterDays ago.',
  severity: 'medium',
  frameworks: ['NHI1', 'PR.AA-01', 'CIS 5.3', 'ISO 5.18'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    identity(identity, _integration, _partner, context) {
      const limit = context.config.policy.dormantAfterDays;
      const usedAgo = context.daysAgo(identity.lastUsed);
      return identityStatus(identity) === 'active' &&
        usedAgo !== undefined &&
        usedAgo > limit
        ? `Identity "${identity.name}" was last used ${usedAgo} days ago (limit ${limit})`
        : undefined;
    },
  },
});
