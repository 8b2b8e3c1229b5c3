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

/** A partner or integration without a valid, known owner. @public */
export const ownerMissing = defineRule({
  id: 'owner-missing',
  title: 'Owner missing',
  description:
    'A partner or integration owner is empty, is not a Group or User, or names no Group or User known to the catalog.',
  severity: 'high',
  frameworks: [
    'NHI3',
    'GV.SC-02',
    'GV.RR-02',
    'CIS 5.5',
    'CIS 15.2',
    'ISO 5.19',
  ],
  scope: 'integration',
  source: 'files',
  evaluate: {
    partner(partner, context) {
      const problem = context.ownerProblem(partner.spec.owner, partner);
      return problem && `Partner owner ${problem}`;
    },
    integration(integration, _partner, context) {
      const problem = context.ownerProblem(integration.spec.owner, integration);
      return problem && `Integration owner ${problem}`;
    },
  },
});
