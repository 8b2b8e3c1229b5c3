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
 * An identity source observes an active identity attributed to a partner that
 * no declared identity links to with observedAs (a shadow NHI). The
 * governance backend evaluates it over what identity sources observe.
 *
 * @public
 */
export const identityUndeclared = defineRule({
  id: 'identity-undeclared',
  title: 'Identity undeclared',
  description:
    'An identity source observes an active identity attributed to a partner that no declared identity links to with observedAs (a shadow NHI).',
  severity: 'high',
  frameworks: [
    'NHI1',
    'PR.AA-01',
    'GV.SC-07',
    'CIS 5.1',
    'CIS 5.5',
    'ISO 5.16',
    'ISO 5.23',
  ],
  scope: 'partner',
  source: 'backend',
});
