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

import { defineRule } from './types';

/** A credential that more than one party or identity uses. @public */
export const identityShared = defineRule({
  id: 'identity-shared',
  title: 'Shared identity',
  description:
    'The identity lists sharedWith, or its secretRef also appears on another identity.',
  severity: 'medium',
  frameworks: ['NHI9', 'PR.AA-02', 'CIS 5.2', 'ISO 5.16'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    identity(identity, _integration, _partner, context) {
      const sharing: string[] = [];
      if (identity.sharedWith?.length) {
        sharing.push(`is shared with ${identity.sharedWith.join(', ')}`);
      }
      if (identity.secretRef && context.secretRefUses(identity.secretRef) > 1) {
        sharing.push('uses a secretRef that another identity also uses');
      }
      return sharing.length
        ? `Identity "${identity.name}" ${sharing.join(' and ')}`
        : undefined;
    },
  },
});
