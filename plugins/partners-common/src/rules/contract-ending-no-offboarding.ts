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

import { contractEnd } from './contract';
import { defineRule } from './types';

/** A contract about to end with no offboarding started. @public */
export const contractEndingNoOffboarding = defineRule({
  id: 'contract-ending-no-offboarding',
  title: 'Contract ending, no offboarding',
  description:
    'The contract ends within contractNoticeDays and the partner is not in offboarding or offboarded.',
  severity: 'medium',
  frameworks: [
    'NHI1',
    'GV.SC-10',
    'GV.OV-01',
    'CIS 15.7',
    'ISO 5.20',
    'ISO 5.22',
  ],
  scope: 'partner',
  source: 'files',
  evaluate: {
    partner(partner, context) {
      const { spec } = partner;
      const stage = spec.lifecycle.stage;
      const notice = context.config.policy.contractNoticeDays;
      const end = contractEnd(partner, context);
      if (
        end.ended ||
        end.daysAgo === undefined ||
        -end.daysAgo > notice ||
        stage === 'offboarding' ||
        stage === 'offboarded'
      ) {
        return undefined;
      }
      return `Contract ends on ${
        spec.contract!.end
      } (in ${-end.daysAgo} days, notice ${notice}) and the partner is in ${stage}`;
    },
  },
});
