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

/**
 * The partner reached its current stage by a move the lifecycle does not
 * allow. The governance backend evaluates it over the stage history it
 * records at each sync: a skipped stage or a move back clears with the next
 * allowed move; leaving offboarded stands until a later move takes the
 * partner into offboarding or offboarded, since a returning partner starts
 * a new lifecycle. An approved exception accepts it like any finding.
 *
 * @public
 */
export const lifecycleTransitionInvalid = defineRule({
  id: 'lifecycle-transition-invalid',
  title: 'Lifecycle transition not allowed',
  description:
    'The partner reached its current stage by a move the lifecycle does not allow: it skipped a stage or moved back without going through offboarding, or (high) it left offboarded.',
  severity: 'medium',
  frameworks: ['GV.OV-01', 'GV.SC-10', 'CIS 15.2', 'ISO 5.19', 'ISO 5.22'],
  scope: 'partner',
  source: 'backend',
});
