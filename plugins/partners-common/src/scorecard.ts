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

import { daysBetween } from './dates';
import type { PartnerEntityV1alpha1 } from './kinds/PartnerEntityV1alpha1';
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
 * The measurement scorecard of a partner: the measurement stage made
 * visible.
 *
 * @public
 */
export interface PartnerScorecard {
  /** Rules with no open finding, of all rules. */
  controlAdherence: { passing: number; total: number };
  /** Active identities used in the last 30 days, of all active identities. */
  usage: { used: number; granted: number };
  /** Approved, unexpired exceptions ("100+" beyond a page). */
  openExceptions: string;
  /** Incidents dated within the last 12 months. */
  incidentsLastYear: number;
}

/**
 * Computes a partner's scorecard from the partner, its open findings, the
 * identities of its integrations and its approved, unexpired exceptions.
 *
 * @public
 */
export function computeScorecard(options: {
  partner: PartnerEntityV1alpha1;
  findings: ReadonlyArray<{ ruleId: string }>;
  identities: readonly PartnerIdentity[];
  openExceptions: { items: readonly unknown[]; nextCursor?: string };
  now: Date;
}): PartnerScorecard {
  const { partner, findings, identities, openExceptions, now } = options;
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
  const incidents = (partner.spec.incidents ?? []).filter(incident => {
    const age = daysBetween(incident.date, now);
    return age !== undefined && age >= 0 && age <= INCIDENTS_WITHIN_DAYS;
  });
  return {
    controlAdherence: {
      passing: RULE_IDS.filter(id => !firing.has(id)).length,
      total: RULE_IDS.length,
    },
    usage: { used: used.length, granted: active.length },
    openExceptions: `${openExceptions.items.length}${
      openExceptions.nextCursor ? '+' : ''
    }`,
    incidentsLastYear: incidents.length,
  };
}
