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
 * A declared, non-revoked identity names in observedAs a source that ran
 * successfully and did not observe it. The governance backend evaluates it
 * over what identity sources observe.
 *
 * @public
 */
export const identityNotObserved = defineRule({
  id: 'identity-not-observed',
  title: 'Identity not observed',
  description:
    'A declared, non-revoked identity names in observedAs a source that ran successfully and did not observe it.',
  severity: 'medium',
  frameworks: ['NHI1', 'ID.AM-08', 'PR.AA-01', 'CIS 5.5', 'ISO 5.16'],
  scope: 'identity',
  source: 'backend',
});
