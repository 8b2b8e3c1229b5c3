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

/** An AI supplier without a contingency plan (NIST AI RMF GOVERN 6). @public */
export const aiSupplierNoContingency = defineRule({
  id: 'ai-supplier-no-contingency',
  title: 'AI supplier without contingency',
  description:
    'The partner supplies AI models, agents or data and references no contingency plan.',
  severity: 'medium',
  frameworks: [
    'AI RMF GOVERN 6.1',
    'AI RMF GOVERN 6.2',
    'NHI3',
    'GV.SC-08',
    'CIS 15.4',
    'ISO 5.21',
    'ISO 5.30',
  ],
  scope: 'partner',
  source: 'files',
  evaluate: {
    partner({ spec }) {
      return spec.risk.ai?.supplies && !spec.risk.ai.contingencyPlan?.trim()
        ? 'Partner supplies AI models, agents or data and references no contingency plan'
        : undefined;
    },
  },
});
