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

/** A credential whose custodian is not a known Group or User. @public */
export const identityUnowned = defineRule({
  id: 'identity-unowned',
  title: 'Identity unowned',
  description:
    'The identity names a custodian that is not a Group or User, or names none known to the catalog.',
  severity: 'medium',
  frameworks: ['NHI1', 'PR.AA-01', 'GV.RR-02', 'CIS 5.5', 'ISO 5.16'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    identity(identity, integration, _partner, context) {
      if (identity.custodian === undefined) {
        return undefined;
      }
      const problem = context.ownerProblem(identity.custodian, integration);
      return problem && `Identity "${identity.name}" custodian ${problem}`;
    },
  },
});
