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

import {
  entityRefKey,
  isPartnerIntegrationEntityV1alpha1,
  type Finding,
  type PartnerIdentity,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';

/** What a source last observed of one identity, and when. */
export interface ObservedFacts {
  sourceId: string;
  /** When the source's last successful run ended. */
  observedAt: string;
  lastUsed?: string;
  lastRotated?: string;
  expires?: string;
  status: 'active' | 'disabled';
}

/** The file rules that read usage, rotation, expiry or status. */
const OBSERVED_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'identity-dormant',
  'identity-rotation-overdue',
  'identity-expired-active',
  'contract-ended-access-active',
  'offboarded-identity-active',
]);

/** An observed identity as the refresh reads it. */
export interface ObservedRow {
  source_id: string;
  external_id: string;
  partner: string | null;
  scopes: string;
  status: 'active' | 'disabled';
  last_used: string | null;
  last_rotated: string | null;
  expires: string | null;
}

/**
 * What the sources observe as of their last successful runs, read once per
 * refresh for both the file rules (observedFacts) and reconciliation.
 *
 * @internal
 */
export interface ObservationSnapshot {
  /** The sources with a successful run, and when the last one ended. */
  succeeded: ReadonlyMap<string, string>;
  /** What they observe, by `<sourceId>:<externalId>`. */
  identities: ReadonlyMap<string, ObservedRow>;
}

/** Reads the {@link ObservationSnapshot}: two queries. @internal */
export async function readObservationSnapshot(
  db: Knex,
): Promise<ObservationSnapshot> {
  const runs: Array<{ source_id: string; last_success_at: string }> = await db(
    'identity_source_runs',
  )
    .whereNotNull('last_success_at')
    .select('source_id', 'last_success_at');
  const succeeded = new Map(runs.map(r => [r.source_id, r.last_success_at]));
  const identities = new Map<string, ObservedRow>();
  if (succeeded.size > 0) {
    const rows: ObservedRow[] = await db('observed_identities')
      .whereIn('source_id', [...succeeded.keys()])
      .select(
        'source_id',
        'external_id',
        'partner',
        'scopes',
        'status',
        'last_used',
        'last_rotated',
        'expires',
      )
      .orderBy(['source_id', 'external_id']);
    for (const row of rows) {
      identities.set(`${row.source_id}:${row.external_id}`, row);
    }
  }
  return { succeeded, identities };
}

/**
 * What every source observes, by `<sourceId>:<externalId>`, as of its last
 * successful run.
 *
 * @internal
 */
export function factsOf(
  snapshot: ObservationSnapshot,
): Map<string, ObservedFacts> {
  const facts = new Map<string, ObservedFacts>();
  for (const [key, row] of snapshot.identities) {
    facts.set(key, {
      sourceId: row.source_id,
      observedAt: snapshot.succeeded.get(row.source_id)!,
      ...(row.last_used && { lastUsed: row.last_used }),
      ...(row.last_rotated && { lastRotated: row.last_rotated }),
      ...(row.expires && { expires: row.expires }),
      status: row.status,
    });
  }
  return facts;
}

/** {@link factsOf} a snapshot read now. @internal */
export async function observedFacts(
  db: Knex,
): Promise<Map<string, ObservedFacts>> {
  return factsOf(await readObservationSnapshot(db));
}

function overlaid(
  identity: PartnerIdentity,
  facts: ObservedFacts,
): PartnerIdentity {
  return {
    ...identity,
    ...(facts.lastUsed && { lastUsed: facts.lastUsed }),
    ...(facts.lastRotated && { lastRotated: facts.lastRotated }),
    ...(facts.expires && { expires: facts.expires }),
    // One that cannot log in is not active, whatever the file says; one the
    // file revoked stays revoked (revocation-not-enforced says the rest).
    ...(facts.status === 'disabled' &&
      identity.status !== 'revoked' && { status: 'suspended' }),
  };
}

/**
 * The entities with what sources last observed in place of what their
 * files declare, for identities whose `observedAs` a source observes: last
 * used, last rotated and expiry where the source knows them, and a disabled
 * identity as suspended. `annotate` adds to the findings of the rules that
 * read those which source observed it, and when.
 *
 * @internal
 */
export function withObservations(
  entities: Entity[],
  facts: ReadonlyMap<string, ObservedFacts>,
): { entities: Entity[]; annotate(finding: Finding): Finding } {
  const used = new Map<string, ObservedFacts>();
  const result = entities.map(entity => {
    if (!isPartnerIntegrationEntityV1alpha1(entity)) {
      return entity;
    }
    const identities = entity.spec.identities ?? [];
    if (!identities.some(i => i.observedAs && facts.has(i.observedAs))) {
      return entity;
    }
    const ref = entityRefKey({
      kind: entity.kind,
      namespace: entity.metadata.namespace,
      name: entity.metadata.name,
    });
    return {
      ...entity,
      spec: {
        ...entity.spec,
        identities: identities.map(identity => {
          const observed = identity.observedAs
            ? facts.get(identity.observedAs)
            : undefined;
          if (!observed) {
            return identity;
          }
          used.set(`${ref}\u0000${identity.name}`, observed);
          return overlaid(identity, observed);
        }),
      },
    };
  });
  return {
    entities: result,
    annotate(finding) {
      const observed =
        finding.identity !== undefined && OBSERVED_RULES.has(finding.ruleId)
          ? used.get(`${finding.entityRef}\u0000${finding.identity}`)
          : undefined;
      return observed
        ? {
            ...finding,
            message: `${finding.message} (as source ${observed.sourceId} observed it at ${observed.observedAt})`,
          }
        : finding;
    },
  };
}
