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

const EXPIRING_TYPES = new Set([
  'api-key',
  'token',
  'certificate',
  'oauth-client',
]);

/** A credential of a kind that should expire, with no expiry. @public */
export const identityNoExpiry = defineRule({
  id: 'identity-no-expiry',
  title: 'No expiry',
  description:
    'An api-key, token, certificate or oauth-client that is not revoked has no expiry date.',
  severity: 'low',
  frameworks: ['NHI7', 'PR.AA-01', 'CIS 6.2', 'ISO 5.17'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    identity(identity) {
      return EXPIRING_TYPES.has(identity.type) && !identity.expires
        ? `Identity "${identity.name}" (${identity.type}) has no expiry date`
        : undefined;
    },
  },
});
