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

/** A risk tier lower than the partner's access warrants. @public */
export const riskTierUnderstated = defineRule({
  id: 'risk-tier-understated',
  title: 'Risk tier understated',
  description:
    'The tier is low or medium while an identity is privileged or delegated-admin, or the partner reaches a sensitive data class.',
  severity: 'high',
  frameworks: ['NHI5', 'GV.SC-04', 'CIS 15.3', 'ISO 5.19', 'ISO 5.21'],
  scope: 'partner',
  source: 'files',
  evaluate: {
    partner(partner, context) {
      const { risk } = partner.spec;
      if (risk.tier !== 'low' && risk.tier !== 'medium') {
        return undefined;
      }
      const reasons: string[] = [];
      const privileged = context
        .integrationsOf(partner)
        .flatMap(integration => integration.spec.identities ?? [])
        .filter(
          identity =>
            identityStatus(identity) !== 'revoked' &&
            (identity.privileged || identity.type === 'delegated-admin'),
        );
      if (privileged.length) {
        reasons.push(
          `privileged or delegated-admin identities (${privileged
            .map(identity => identity.name)
            .join(', ')})`,
        );
      }
      const sensitive = (risk.dataAccess ?? []).filter(dataClass =>
        context.config.sensitiveData.includes(dataClass),
      );
      if (sensitive.length) {
        reasons.push(`sensitive data (${sensitive.join(', ')})`);
      }
      return reasons.length
        ? `Risk tier is ${risk.tier} but the partner holds ${reasons.join(
            ' and ',
          )}`
        : undefined;
    },
  },
});
