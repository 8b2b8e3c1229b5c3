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
 * The source observes scopes the declared identity does not list: its access
 * drifted beyond what the files grant. The governance backend evaluates it
 * over what identity sources observe.
 *
 * @public
 */
export const identityScopeDrift = defineRule({
  id: 'identity-scope-drift',
  title: 'Identity scope drift',
  description:
    'The source observes scopes the declared identity does not list: its access drifted beyond what the files grant.',
  severity: 'high',
  frameworks: [
    'NHI5',
    'PR.AA-05',
    'CIS 6.8',
    'ISO 5.18',
    'ISO 8.2',
    'ISO 5.23',
  ],
  scope: 'identity',
  source: 'backend',
});
