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

import type { PartnerScorecard } from './api/models';
import { daysBetween } from './dates';
import {
  identityStatus,
  type PartnerIdentity,
} from './kinds/PartnerIntegrationEntityV1alpha1';
import { RULE_IDS } from './rules/registry';

/** Days within which an identity counts as used. */
const USED_WITHIN_DAYS = 30;
/** Days within which an incident counts. */
const INCIDENTS_WITHIN_DAYS = 365;

/**
 * Computes a partner's measurement scorecard (the measurement stage made
 * visible) from the partner's incidents, the rules its unresolved findings fire, the
 * identities of its live integrations and the number of its approved,
 * unexpired exceptions. The governance backend computes it for the portal
 * and the evidence pack alike.
 *
 * @public
 */
export function computeScorecard(options: {
  incidents: ReadonlyArray<{ date: string }>;
  findings: ReadonlyArray<{ ruleId: string }>;
  identities: ReadonlyArray<Pick<PartnerIdentity, 'status' | 'lastUsed'>>;
  openExceptions: number;
  now: Date;
}): PartnerScorecard {
  const { findings, identities, openExceptions, now } = options;
  const firing = new Set(findings.map(finding => finding.ruleId));
  const active = identities.filter(
    identity => identityStatus(identity) === 'active',
  );
  const used = active.filter(identity => {
    const age = identity.lastUsed
      ? daysBetween(identity.lastUsed, now)
      : undefined;
    return age !== undefined && age <= USED_WITHIN_DAYS;
  });
  const incidents = options.incidents.filter(incident => {
    const age = daysBetween(incident.date, now);
    return age !== undefined && age >= 0 && age <= INCIDENTS_WITHIN_DAYS;
  });
  return {
    controlAdherence: {
      passing: RULE_IDS.filter(id => !firing.has(id)).length,
      total: RULE_IDS.length,
    },
    usage: { used: used.length, granted: active.length },
    openExceptions,
    incidentsLastYear: incidents.length,
  };
}
