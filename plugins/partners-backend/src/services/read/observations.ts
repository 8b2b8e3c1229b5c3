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

import type {
  IdentityObservation,
  UndeclaredIdentity,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { jsonArray } from '../../database/json';
import { compact } from './compact';

/**
 * The refs of partners that sources attribute identities to: by name, in
 * the default namespace.
 */
export const DEFAULT_PARTNER_PREFIX = 'partner:default/';

/** Values per `IN (...)` list, well under every engine's parameter limit. */
const IN_BATCH = 500;

/** Which configured identity sources can revoke what they observe. @internal */
export interface RevocableSources {
  canRevoke(sourceId: string): boolean;
}

/** The source id and external id an `observedAs` names. */
export function splitObservedAs(observedAs: string): {
  sourceId: string;
  externalId: string;
} {
  const colon = observedAs.indexOf(':');
  return {
    sourceId: observedAs.slice(0, colon),
    externalId: observedAs.slice(colon + 1),
  };
}

/**
 * The scopes a source observes that the declaration does not list (drift),
 * compared in lower case, as sources and files spell them differently.
 */
export function unlistedScopes(
  declared: readonly string[],
  observed: readonly string[],
): string[] {
  const granted = new Set(declared.map(scope => scope.toLowerCase()));
  return observed.filter(scope => !granted.has(scope.toLowerCase()));
}

/** An observed identity's row, with when its source last succeeded. */
interface ObservedRow {
  source_id: string;
  external_id: string;
  scopes: string;
  status: 'active' | 'disabled';
  last_used: string | null;
  last_rotated: string | null;
  expires: string | null;
}

/**
 * What the sources last observed of declared identities, next to what the
 * files declare: a function from a declaration's `observedAs` and declared
 * scopes to its observation. Two queries, whatever the number of
 * identities.
 *
 * @internal
 */
export async function readObservations(
  db: Knex,
  observedAs: readonly string[],
  sources: RevocableSources,
): Promise<(key: string, scopes: string[]) => IdentityObservation> {
  const keys = [...new Set(observedAs)];
  const sourceIds = [...new Set(keys.map(k => splitObservedAs(k).sourceId))];
  const succeeded = new Map<string, string>();
  const rows = new Map<string, ObservedRow>();
  if (sourceIds.length > 0) {
    for (const run of await db('identity_source_runs')
      .whereIn('source_id', sourceIds)
      .whereNotNull('last_success_at')
      .select('source_id', 'last_success_at')) {
      succeeded.set(run.source_id, run.last_success_at);
    }
  }
  const wanted = keys.filter(k => succeeded.has(splitObservedAs(k).sourceId));
  // external ids are matched exactly below; the IN list only narrows
  for (let i = 0; i < wanted.length; i += IN_BATCH) {
    const batch = wanted.slice(i, i + IN_BATCH).map(splitObservedAs);
    const found: ObservedRow[] = await db('observed_identities')
      .whereIn('source_id', [...new Set(batch.map(b => b.sourceId))])
      .whereIn(
        'external_id',
        batch.map(b => b.externalId),
      )
      .select(
        'source_id',
        'external_id',
        'scopes',
        'status',
        'last_used',
        'last_rotated',
        'expires',
      );
    for (const row of found) {
      rows.set(`${row.source_id}:${row.external_id}`, row);
    }
  }
  return (key, scopes) => {
    const { sourceId, externalId } = splitObservedAs(key);
    const base = {
      sourceId,
      externalId,
      revocable: sources.canRevoke(sourceId),
    };
    const observedAt = succeeded.get(sourceId);
    if (!observedAt) {
      return { ...base, state: 'not-run', unlistedScopes: [] };
    }
    const row = rows.get(key);
    if (!row) {
      return { ...base, state: 'not-observed', observedAt, unlistedScopes: [] };
    }
    return compact({
      ...base,
      state: 'observed' as const,
      observedAt,
      status: row.status,
      lastUsed: row.last_used,
      lastRotated: row.last_rotated,
      expires: row.expires,
      unlistedScopes: unlistedScopes(scopes, jsonArray(row.scopes)),
    });
  };
}

/**
 * Observed identities attributed to a partner (by the name its source's
 * pattern gives), active, and named by no live declaration's `observedAs`:
 * shadow identities. `partners` are partner names in lower case; sources
 * count from their first successful run.
 *
 * @internal
 */
export function undeclaredIdentities(
  db: Knex,
  partnerNames: readonly string[],
): Knex.QueryBuilder {
  return db('observed_identities as o')
    .join('identity_source_runs as r', 'r.source_id', 'o.source_id')
    .whereNotNull('r.last_success_at')
    .where('o.status', 'active')
    .whereIn('o.partner', [...partnerNames])
    .whereNotExists(
      db('identities as d')
        .select(db.raw('1'))
        .whereNull('d.gone_at')
        .where(
          'd.observed_as',
          db.raw(`o.source_id || ':' || o.external_id`) as unknown as string,
        ),
    );
}

/** A row of {@link undeclaredIdentities} as the API gives it. @internal */
export function toUndeclaredIdentity(row: {
  source_id: string;
  external_id: string;
  name: string;
  type: string;
  scopes: string;
  created: string | null;
  last_used: string | null;
  last_rotated: string | null;
  expires: string | null;
  first_seen_at: string;
  last_success_at: string;
}): UndeclaredIdentity {
  return compact({
    sourceId: row.source_id,
    externalId: row.external_id,
    name: row.name,
    type: row.type,
    scopes: jsonArray(row.scopes),
    created: row.created,
    lastUsed: row.last_used,
    lastRotated: row.last_rotated,
    expires: row.expires,
    firstSeenAt: row.first_seen_at,
    observedAt: row.last_success_at,
  });
}

/**
 * How many shadow identities (see undeclaredIdentities) each partner has,
 * by entity ref; partners without any are left out. One query.
 *
 * @internal
 */
export async function undeclaredCounts(
  db: Knex,
  partnerRefs: string[],
): Promise<Map<string, number>> {
  const names = partnerRefs
    .filter(ref => ref.startsWith(DEFAULT_PARTNER_PREFIX))
    .map(ref => ref.slice(DEFAULT_PARTNER_PREFIX.length));
  const counts = new Map<string, number>();
  if (names.length === 0) {
    return counts;
  }
  const rows: Array<{ partner: string; count: number | string }> =
    await undeclaredIdentities(db, names)
      .select('o.partner')
      .count({ count: '*' })
      .groupBy('o.partner');
  for (const row of rows) {
    counts.set(`${DEFAULT_PARTNER_PREFIX}${row.partner}`, Number(row.count));
  }
  return counts;
}
