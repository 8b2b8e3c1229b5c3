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
import { contractEnd } from './contract';
import { defineRule } from './types';

/** Access that outlived the partner's contract. @public */
export const contractEndedAccessActive = defineRule({
  id: 'contract-ended-access-active',
  title: 'Contract ended, access active',
  description:
    'The contract ended (its end date is past, or its status is terminated or expired) and an identity is still active.',
  severity: 'critical',
  frameworks: ['NHI1', 'GV.SC-10', 'CIS 15.7', 'CIS 6.2', 'ISO 5.20'],
  scope: 'identity',
  source: 'files',
  evaluate: {
    partnerIdentity(identity, partner, context) {
      const end = contractEnd(partner, context);
      if (!end.ended || identityStatus(identity) !== 'active') {
        return undefined;
      }
      const contract = partner.spec.contract;
      const why =
        contract?.end && end.daysAgo! > 0
          ? `ended on ${contract.end}`
          : `is ${contract?.status}`;
      return `Identity "${identity.name}" is still active though the contract ${why}`;
    },
  },
});
