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
 * An access review past its due date. The governance backend evaluates it
 * over its review schedule.
 *
 * @public
 */
export const reviewOverdue = defineRule({
  id: 'review-overdue',
  title: 'Access review overdue',
  description: 'An access review is past its due date.',
  severity: 'high',
  frameworks: [
    'PR.AA-05',
    'GV.SC-07',
    'GV.OV-01',
    'CIS 5.5',
    'ISO 5.18',
    'ISO 5.22',
  ],
  scope: 'integration',
  source: 'backend',
});
