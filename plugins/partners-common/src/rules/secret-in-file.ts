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
 * The catalog refused the latest version of a partner file because it holds
 * a secret value, and keeps serving the last good version. The value is in
 * the repository's history: it must be rotated, not only removed. The
 * governance backend evaluates it over the processing errors the catalog
 * keeps in the entity's status.
 *
 * @public
 */
export const secretInFile = defineRule({
  id: 'secret-in-file',
  title: 'Secret in a partner file',
  description:
    'The catalog refused the latest version of a partner file because it holds a secret value; the value is in the repository history and must be rotated.',
  severity: 'critical',
  frameworks: ['NHI2', 'PR.AA-01', 'PR.DS-01', 'CIS 16.12', 'ISO 5.17'],
  scope: 'integration',
  source: 'backend',
});
