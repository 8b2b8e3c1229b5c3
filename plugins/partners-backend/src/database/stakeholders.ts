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

import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import {
  isAndCriteria,
  isNotCriteria,
  isOrCriteria,
} from '@backstage/plugin-permission-node';
import type { Knex } from 'knex';
import type { IntegrationQuery } from '../permissions/resource';
import { stageOwnersOf } from '../services/read/stageOwners';
import type { IndexChanges } from './IdentityIndexStore';

/** Rows per INSERT statement and refs per `IN (...)` list. */
const BATCH = 100;

/** How someone has a stake in a partner or integration. */
export type StakeholderRole = 'owner' | 'custodian' | 'stage-owner';

/** A row of `stakeholders`; refs lower case. */
export interface StakeholdersRow {
  entity_ref: string;
  partner_ref: string;
  stakeholder_ref: string;
  role: StakeholderRole;
}

function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** The stakeholder rows of the partners and integrations in `changes`. */
function rowsOf(
  changes: Pick<IndexChanges, 'partners' | 'integrations'>,
): StakeholdersRow[] {
  const rows = new Map<string, StakeholdersRow>();
  const add = (
    entityRef: string,
    partnerRef: string,
    stakeholderRef: string,
    role: StakeholderRole,
  ) => {
    const row = {
      entity_ref: entityRef,
      partner_ref: partnerRef,
      stakeholder_ref: lower(stakeholderRef),
      role,
    };
    rows.set(`${entityRef}\n${row.stakeholder_ref}\n${role}`, row);
  };
  for (const { entity, ref, ownerRef } of changes.partners) {
    add(ref, ref, ownerRef, 'owner');
    for (const stageOwner of Object.values(stageOwnersOf(entity))) {
      add(ref, ref, stageOwner, 'stage-owner');
    }
  }
  for (const {
    ref,
    partnerRef,
    ownerRef,
    custodians,
  } of changes.integrations) {
    add(ref, partnerRef, ownerRef, 'owner');
    for (const custodian of custodians.values()) {
      add(ref, partnerRef, custodian, 'custodian');
    }
  }
  return [...rows.values()];
}

/**
 * Replaces the stakeholders of every partner and integration the index
 * writes, in the index's transaction; returns the rows written. Entities
 * that leave the catalog keep theirs: who had a stake still answers who may
 * read their history.
 */
export async function replaceStakeholders(
  tx: Knex.Transaction,
  changes: Pick<IndexChanges, 'partners' | 'integrations'>,
): Promise<number> {
  const refs = [
    ...changes.partners.map(change => change.ref),
    ...changes.integrations.map(change => change.ref),
  ];
  for (let i = 0; i < refs.length; i += BATCH) {
    await tx('stakeholders')
      .whereIn('entity_ref', refs.slice(i, i + BATCH))
      .delete();
  }
  const rows = rowsOf(changes);
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx('stakeholders').insert(rows.slice(i, i + BATCH));
  }
  return rows.length;
}

/**
 * The refs of everything in which one of `claims` (lower-case ownership
 * refs) has a stake, as a subquery of one column: the partners and
 * integrations they hold directly; every integration of a partner they own
 * or own a stage of; and the partner of every integration they hold (its
 * partner-level records concern them too).
 */
function stakeRefs(db: Knex, claims: string[]): Knex.QueryBuilder {
  const partnersHeld = db('stakeholders')
    .select('partner_ref')
    .whereIn('stakeholder_ref', claims)
    .whereRaw('entity_ref = partner_ref');
  return db('stakeholders')
    .select('entity_ref')
    .whereIn('stakeholder_ref', claims)
    .union(
      db('stakeholders')
        .select('partner_ref')
        .whereIn('stakeholder_ref', claims),
    )
    .union(
      db('stakeholders')
        .select('entity_ref')
        .whereIn('partner_ref', partnersHeld),
    );
}

/**
 * The stakeholders of each of `refs` (lower-case partner or integration
 * refs), as {@link stakeRefs} grants them: an integration's own, and its
 * partner's owner and stage owners; a partner's own, and those of all its
 * integrations.
 */
export async function stakeholdersOf(
  db: Knex,
  refs: string[],
): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  for (let i = 0; i < refs.length; i += BATCH) {
    const batch = refs.slice(i, i + BATCH);
    const own: Array<Pick<StakeholdersRow, 'entity_ref' | 'partner_ref'>> =
      await db('stakeholders')
        .distinct('entity_ref', 'partner_ref')
        .whereIn('entity_ref', batch);
    const partnerRefs = [...new Set(own.map(row => row.partner_ref))];
    const rows: StakeholdersRow[] = await db('stakeholders')
      .select('entity_ref', 'partner_ref', 'stakeholder_ref', 'role')
      .whereIn('partner_ref', partnerRefs);
    for (const { entity_ref: ref, partner_ref: partnerRef } of own) {
      const isPartner = ref === partnerRef;
      const stakeholders = result.get(ref) ?? new Set<string>();
      for (const row of rows) {
        if (
          row.partner_ref === partnerRef &&
          (isPartner ||
            row.entity_ref === ref ||
            row.entity_ref === row.partner_ref)
        ) {
          stakeholders.add(row.stakeholder_ref);
        }
      }
      result.set(ref, stakeholders);
    }
  }
  return result;
}

/**
 * Which partners and integrations a caller may read the details of: all,
 * none, or those a permission policy's conditions select.
 */
export type DetailsScope =
  | 'all'
  | 'none'
  | PermissionCriteria<IntegrationQuery>;

/** Adds `criteria` over the refs in `column` to `builder`. */
function whereCriteria(
  db: Knex,
  builder: Knex.QueryBuilder,
  column: string,
  criteria: PermissionCriteria<IntegrationQuery>,
): void {
  if (isAndCriteria(criteria)) {
    for (const part of criteria.allOf) {
      builder.where(inner => whereCriteria(db, inner, column, part));
    }
  } else if (isOrCriteria(criteria)) {
    if (criteria.anyOf.length === 0) {
      builder.whereRaw('1 = 0');
    }
    for (const part of criteria.anyOf) {
      builder.orWhere(inner => whereCriteria(db, inner, column, part));
    }
  } else if (isNotCriteria(criteria)) {
    builder.whereNot(inner => whereCriteria(db, inner, column, criteria.not));
  } else {
    builder.whereIn(column, refsMatching(db, criteria));
  }
}

/** The partner and integration refs a rule's query matches, as a subquery. */
function refsMatching(
  db: Knex,
  { key, values }: IntegrationQuery,
): Knex.QueryBuilder | string[] {
  switch (key) {
    case 'stakeholder':
      return stakeRefs(db, values);
    case 'owner_ref':
      return db('stakeholders')
        .select('entity_ref')
        .where('role', 'owner')
        .whereIn('stakeholder_ref', values);
    case 'partner_ref':
      return db('stakeholders')
        .select('entity_ref')
        .whereIn('partner_ref', values);
    default:
      return values;
  }
}

/**
 * Narrows `query` to the rows whose `column` (a partner or integration ref)
 * is in `scope`, in SQL: a page is never filtered after it is read.
 */
export function whereInScope<T extends Knex.QueryBuilder>(
  db: Knex,
  query: T,
  column: string,
  scope: DetailsScope,
): T {
  if (scope === 'none') {
    query.whereRaw('1 = 0');
  } else if (scope !== 'all') {
    query.where(builder => whereCriteria(db, builder, column, scope));
  }
  return query;
}

/** Which of `refs` (lower case) are in `scope`, by one query. */
export async function refsInScope(
  db: Knex,
  refs: string[],
  scope: DetailsScope,
): Promise<Set<string>> {
  if (scope === 'all') {
    return new Set(refs);
  }
  const unique = [...new Set(refs)];
  const result = new Set<string>();
  if (scope === 'none') {
    return result;
  }
  for (let i = 0; i < unique.length; i += BATCH) {
    const rows: Array<{ entity_ref: string }> = await whereInScope(
      db,
      db('stakeholders')
        .distinct('entity_ref')
        .whereIn('entity_ref', unique.slice(i, i + BATCH)),
      'entity_ref',
      scope,
    );
    rows.forEach(row => result.add(row.entity_ref));
  }
  return result;
}
