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
 * The identity is declared revoked, or its partner offboarded, and its source
 * still observes it active. The governance backend evaluates it over what
 * identity sources observe.
 *
 * @public
 */
export const identityRevocationNotEnforced = defineRule({
  id: 'identity-revocation-not-enforced',
  title: 'Revocation not enforced',
  description:
    'The identity is declared revoked, or its partner offboarded, and its source still observes it active.',
  severity: 'critical',
  frameworks: ['NHI1', 'GV.SC-10', 'CIS 5.3', 'CIS 6.2', 'ISO 5.18'],
  scope: 'identity',
  source: 'backend',
});
