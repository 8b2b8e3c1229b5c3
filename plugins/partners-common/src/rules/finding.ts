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

import type { RuleId } from './registry';
import type { Severity } from './types';

/**
 * One governance finding.
 *
 * @public
 */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** The entity the finding is about, as stringifyEntityRef prints it. */
  entityRef: string;
  /** The identity's name, for identity-level findings. */
  identity?: string;
  message: string;
  /** Framework control ids the rule maps to. */
  frameworks: string[];
}
