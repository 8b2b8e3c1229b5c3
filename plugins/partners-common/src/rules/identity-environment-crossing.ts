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

/** A credential that crosses between production and another environment. @public */
export const identityEnvironmentCrossing = defineRule({
  id: 'identity-environment-crossing',
  title: 'Environment crossing',
  description:
    "The identity's environment differs from its integration's, one of them being production.",
  severity: 'high',
  frameworks: ['NHI8', 'PR.IR-01', 'CIS 16.8', 'ISO 8.31'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    identity(identity, integration) {
      const own = identity.environment;
      const theirs = integration.spec.environment;
      return own &&
        theirs &&
        own !== theirs &&
        (own === 'production' || theirs === 'production')
        ? `Identity "${identity.name}" is for ${own} but the integration runs in ${theirs}`
        : undefined;
    },
  },
});
