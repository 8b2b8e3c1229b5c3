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

import { NotFoundError } from '@backstage/errors';
import {
  type IdentityStatus,
  type PartnerEntityV1alpha1,
  type PartnerScorecard,
  computeScorecard,
} from '@partner-governance/plugin-partners-common';
import { ReadModel } from './ReadModel';

/** The incidents the stored partner file records; none when it is unreadable. */
function incidentsOf(entity: string): ReadonlyArray<{ date: string }> {
  try {
    const incidents = (JSON.parse(entity) as PartnerEntityV1alpha1).spec
      ?.incidents;
    return Array.isArray(incidents) ? incidents : [];
  } catch {
    return [];
  }
}

/**
 * The measurement scorecard of a partner, from what the index holds: the
 * partner file's incidents, the rules its unresolved findings fire, the
 * identities of its live integrations and its approved exceptions that have
 * not expired. The partner's page and its evidence pack both take it from
 * here, so they show the same numbers. @internal
 */
export class ScorecardReadModel extends ReadModel {
  async forPartner(
    partnerRef: string,
    now: Date = this.now(),
  ): Promise<PartnerScorecard> {
    const [partner, findings, identities, exceptions] = await Promise.all([
      this.db('partners')
        .select('entity')
        .where('entity_ref', partnerRef)
        .first<{ entity: string } | undefined>(),
      this.db('findings')
        .distinct({ ruleId: 'rule_id' })
        .where('partner_ref', partnerRef)
        .whereNull('resolved_at') as Promise<Array<{ ruleId: string }>>,
      this.db('identities as id')
        .join('integrations as i', 'i.entity_ref', 'id.integration_ref')
        .select({ status: 'id.status', lastUsed: 'id.last_used' })
        .where('i.partner_ref', partnerRef)
        .whereNull('i.gone_at')
        .whereNull('id.gone_at') as Promise<
        Array<{ status: IdentityStatus; lastUsed: string | null }>
      >,
      this.db('exceptions')
        .count({ n: '*' })
        .where({ partner_ref: partnerRef, status: 'approved' })
        .where('expires_at', '>', now.toISOString())
        .first<{ n: number | string } | undefined>(),
    ]);
    if (!partner) {
      throw new NotFoundError(`No partner ${partnerRef}`);
    }
    return computeScorecard({
      incidents: incidentsOf(partner.entity),
      findings,
      identities: identities.map(identity => ({
        status: identity.status,
        lastUsed: identity.lastUsed ?? undefined,
      })),
      openExceptions: Number(exceptions?.n ?? 0),
      now,
    });
  }
}
