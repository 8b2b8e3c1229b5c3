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

/** A partner past onboarding without completed due diligence. @public */
export const dueDiligenceMissing = defineRule({
  id: 'due-diligence-missing',
  title: 'Due diligence missing',
  description:
    'The partner is past onboarding and has no completed due diligence.',
  severity: 'high',
  frameworks: [
    'NHI3',
    'GV.SC-06',
    'ID.RA-10',
    'CIS 15.5',
    'ISO 5.19',
    'ISO 5.21',
  ],
  scope: 'partner',
  source: 'files',
  evaluate: {
    partner({ spec }) {
      const stage = spec.lifecycle.stage;
      return stage !== 'onboarding' && !spec.risk.dueDiligence?.completed
        ? `Partner is in ${stage} without completed due diligence`
        : undefined;
    },
  },
});
