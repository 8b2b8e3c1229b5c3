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
 * The partner register (the partner relationship management export) lists
 * a partner whose contract has not ended, and no Partner entity in the
 * catalog is that partner: a commercial relationship outside governance.
 * The governance backend evaluates it over the register; the finding is
 * filed under `partner:default/<the register's name, as a name>`.
 *
 * @public
 */
export const partnerUngoverned = defineRule({
  id: 'partner-ungoverned',
  title: 'Partner ungoverned',
  description:
    'The partner register lists a partner whose contract has not ended (not terminated or expired, end date not past), and no Partner entity matches it by CRM account or by name.',
  severity: 'high',
  frameworks: ['GV.SC-04', 'GV.OV-01', 'CIS 15.1', 'ISO 5.19'],
  scope: 'partner',
  source: 'backend',
});
