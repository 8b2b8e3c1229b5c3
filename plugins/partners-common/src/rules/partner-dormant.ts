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

/** A partner gone quiet while its identities stay active. @public */
export const partnerDormant = defineRule({
  id: 'partner-dormant',
  title: 'Dormant partner',
  description:
    "The partner's last activity is more than dormantAfterDays ago while its integrations hold active identities.",
  severity: 'medium',
  frameworks: ['NHI1', 'GV.SC-07', 'CIS 15.6', 'ISO 5.22'],
  scope: 'partner',
  source: 'files',
  evaluate: {
    partner(partner, context) {
      const limit = context.config.policy.dormantAfterDays;
      const lastActivityAgo = context.daysAgo(partner.spec.lastActivity);
      if (lastActivityAgo === undefined || lastActivityAgo <= limit) {
        return undefined;
      }
      const active = context
        .integrationsOf(partner)
        .flatMap(integration => integration.spec.identities ?? [])
        .filter(identity => identityStatus(identity) === 'active').length;
      return active > 0
        ? `Last activity was ${lastActivityAgo} days ago (limit ${limit}) while ${active} identities are active`
        : undefined;
    },
  },
});
