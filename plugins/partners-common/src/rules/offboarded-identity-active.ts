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

/** An offboarded partner's identity that was never revoked. @public */
export const offboardedIdentityActive = defineRule({
  id: 'offboarded-identity-active',
  title: 'Offboarded, identity not revoked',
  description: 'The partner is offboarded and an identity is not revoked.',
  severity: 'critical',
  frameworks: [
    'NHI1',
    'GV.SC-10',
    'CIS 15.7',
    'CIS 6.2',
    'ISO 5.18',
    'ISO 5.19',
  ],
  scope: 'identity',
  source: 'files',
  evaluate: {
    partnerIdentity(identity, partner) {
      const status = identityStatus(identity);
      return partner.spec.lifecycle.stage === 'offboarded' &&
        status !== 'revoked'
        ? `Identity "${identity.name}" is ${status}, not revoked, though the partner is offboarded`
        : undefined;
    },
  },
});
