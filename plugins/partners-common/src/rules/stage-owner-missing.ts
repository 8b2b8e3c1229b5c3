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

/** A lifecycle stage nobody owns. @public */
export const stageOwnerMissing = defineRule({
  id: 'stage-owner-missing',
  title: 'Stage owner missing',
  description: 'The current lifecycle stage has no stage owner.',
  severity: 'medium',
  frameworks: ['GV.SC-02', 'GV.OV-01', 'CIS 15.2', 'ISO 5.19'],
  scope: 'partner',
  source: 'files',
  evaluate: {
    partner({ spec }) {
      const stage = spec.lifecycle.stage;
      return stage !== 'offboarded' && !spec.lifecycle.stageOwners?.[stage]
        ? `The ${stage} stage has no stage owner`
        : undefined;
    },
  },
});
