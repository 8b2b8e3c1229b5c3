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

import { identityStatus } from '../kinds/PartnerIntegrationEntityV1alpha1';
import { defineRule } from './types';

/** An identity past its expiry that is still marked active. @public */
export const identityExpiredActive = defineRule({
  id: 'identity-expired-active',
  title: 'Expired but active',
  description: 'The identity expired and its status is still active.',
  severity: 'high',
  frameworks: ['NHI7', 'NHI1', 'PR.AA-01', 'CIS 6.2', 'ISO 5.18'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    identity(identity, _integration, _partner, context) {
      const expiredAgo = context.daysAgo(identity.expires);
      return identityStatus(identity) === 'active' &&
        expiredAgo !== undefined &&
        expiredAgo > 0
        ? `Identity "${identity.name}" expired on ${identity.expires} and is still active`
        : undefined;
    },
  },
});
