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
 * An approved exception past its expiry. The governance backend evaluates it
 * over the exceptions it holds.
 *
 * @public
 */
export const exceptionExpired = defineRule({
  id: 'exception-expired',
  title: 'Exception expired',
  description: 'An approved exception passed its expiry date.',
  severity: 'medium',
  frameworks: ['ID.RA-07', 'GV.OV-01', 'CIS 15.2', 'ISO 5.22'],
  scope: 'integration',
  source: 'backend',
});
