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
 * An offboarded partner whose offboarding checklist is not verified by a
 * second person. The governance backend evaluates it over the offboarding
 * checklists it keeps.
 *
 * @public
 */
export const offboardingUnverified = defineRule({
  id: 'offboarding-unverified',
  title: 'Offboarded, checklist not verified',
  description:
    'The partner is offboarded and its offboarding checklist is not verified: it has none, items are still pending, or no one but those who did the items has verified it.',
  severity: 'high',
  frameworks: ['NHI1', 'GV.SC-10', 'CIS 15.7', 'CIS 6.2', 'ISO 5.20'],
  scope: 'partner',
  source: 'backend',
});
