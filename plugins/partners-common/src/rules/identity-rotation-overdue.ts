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

/** A credential kept longer than its rotation limit. @public */
export const identityRotationOverdue = defineRule({
  id: 'identity-rotation-overdue',
  title: 'Rotation overdue',
  description:
    'More days have passed since the identity was last rotated (else issued) than its rotationDays, else the policy rotationMaxDays.',
  severity: 'medium',
  frameworks: ['NHI7', 'PR.AA-01', 'CIS 5.5', 'ISO 5.17'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    identity(identity, _integration, _partner, context) {
      const limit =
        identity.rotationDays ?? context.config.policy.rotationMaxDays;
      const rotatedAgo = context.daysAgo(
        identity.lastRotated ?? identity.issued,
      );
      if (rotatedAgo === undefined || rotatedAgo <= limit) {
        return undefined;
      }
      const what = identity.lastRotated
        ? 'last rotated'
        : 'issued and never rotated';
      return `Identity "${identity.name}" was ${what} ${rotatedAgo} days ago (limit ${limit})`;
    },
  },
});
