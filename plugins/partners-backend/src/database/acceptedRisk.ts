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

import { createHash } from 'node:crypto';
import type {
  AcceptedRisk,
  FindingRecord,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';

/*
 * Accepted risk: an approved exception, unexpired, covers the open finding
 * of its rule, entity and identity. Read from the exceptions table (the
 * exceptions aggregate's) for the store and the read models alike.
 */

/**
 * The key that allows one open (requested or approved) exception per
 * (rule, entity, identity): a hash, as identity names are unbounded.
 */
export function openKeyOf(
  ruleId: string,
  entityRef: string,
  identity: string,
): string {
  return createHash('sha256')
    .update(`${ruleId}\u0000${entityRef}\u0000${identity}`)
    .digest('hex');
}

/**
 * The approved exception, unexpired at `now`, that covers the finding of the
 * enclosing query on the `findings` table (not aliased): for
 * `whereExists` (accepted risk) and `whereNotExists` (open).
 */
export function coveringException(db: Knex, now: Date): Knex.QueryBuilder {
  return db('exceptions as x')
    .select('x.id')
    .where('x.status', 'approved')
    .where('x.expires_at', '>', now.toISOString())
    .where('x.rule_id', db.ref('findings.rule_id'))
    .where('x.entity_ref', db.ref('findings.entity_ref'))
    .where('x.identity', db.ref('findings.identity'));
}

/**
 * The approved exceptions, unexpired at `now`, of the given entities, as a
 * lookup of the accepted risk that covers an open finding. One query per 500
 * entities.
 */
async function acceptedRisks(
  db: Knex,
  entityRefs: string[],
  now: Date,
): Promise<(finding: FindingRecord) => AcceptedRisk | undefined> {
  const covering = new Map<string, AcceptedRisk>();
  for (let i = 0; i < entityRefs.length; i += 500) {
    const rows = await db('exceptions')
      .select('id', 'rule_id', 'entity_ref', 'identity', 'expires_at')
      .select('decided_by')
      .where('status', 'approved')
      .where('expires_at', '>', now.toISOString())
      .whereIn('entity_ref', entityRefs.slice(i, i + 500));
    for (const row of rows) {
      covering.set(openKeyOf(row.rule_id, row.entity_ref, row.identity), {
        exceptionId: Number(row.id),
        expiresAt: row.expires_at,
        approvedBy: row.decided_by,
      });
    }
  }
  return finding =>
    finding.resolvedAt
      ? undefined
      : covering.get(
          openKeyOf(finding.ruleId, finding.entityRef, finding.identity ?? ''),
        );
}

/**
 * The findings with `acceptedRisk` set on those still firing that an
 * approved exception, unexpired at `now`, covers.
 */
export async function withAcceptedRisk(
  db: Knex,
  findings: FindingRecord[],
  now: Date,
): Promise<FindingRecord[]> {
  const acceptedRiskOf = await acceptedRisks(
    db,
    [...new Set(findings.filter(f => !f.resolvedAt).map(f => f.entityRef))],
    now,
  );
  return findings.map(finding => {
    const acceptedRisk = acceptedRiskOf(finding);
    return acceptedRisk ? { ...finding, acceptedRisk } : finding;
  });
}
