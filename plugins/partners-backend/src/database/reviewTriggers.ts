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

import { redactSecretsOfAll } from '@partner-governance/plugin-partners-node';
import type { Knex } from 'knex';
import {
  clipValue,
  integrationTriggers,
  partnerTriggers,
  type DetectedTrigger,
  type TriggerIdentityFacts,
  type TriggerIntegrationFacts,
} from '../services/reviewTriggers';
import { PLUGIN_ACTOR } from './AuditStore';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import type { IndexChanges } from './IdentityIndexStore';
import { jsonArray } from './json';
import type { IdentitiesRow, IntegrationsRow, PartnersRow } from './tables';

/** whereIn lists stay well below every database's bind limit. */
const CHUNK = 500;
/** Rows per INSERT statement: well under SQLite's bound-parameter limit. */
const BATCH = 50;

/** The rows of `table` whose `column` is one of `values`, 500 values a query. */
async function rowsWhereIn<T>(
  tx: Knex.Transaction,
  table: string,
  columns: string[],
  column: string,
  values: readonly string[],
): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    rows.push(
      ...(await tx(table)
        .select(columns)
        .whereIn(column, values.slice(i, i + CHUNK))),
    );
  }
  return rows;
}

/** Stored facts of an integration, filled as the rows are read. */
interface StoredIntegration {
  ownerRef: string;
  accesses: string[];
  identities: TriggerIdentityFacts[];
  goneAt: string | null;
}

/** The facts of each changed integration as the index stored them. */
async function storedIntegrations(
  tx: Knex.Transaction,
  refs: string[],
): Promise<Map<string, TriggerIntegrationFacts>> {
  type Stored = Pick<IntegrationsRow, 'entity_ref' | 'owner_ref' | 'gone_at'>;
  const rows = await rowsWhereIn<Stored>(
    tx,
    'integrations',
    ['entity_ref', 'owner_ref', 'gone_at'],
    'entity_ref',
    refs,
  );
  const facts = new Map<string, StoredIntegration>(
    rows.map(row => [
      row.entity_ref,
      {
        ownerRef: row.owner_ref,
        accesses: [],
        identities: [],
        goneAt: row.gone_at,
      },
    ]),
  );
  const known = [...facts.keys()];
  type Identity = Pick<
    IdentitiesRow,
    | 'integration_ref'
    | 'name'
    | 'scopes'
    | 'custodian_ref'
    | 'environment'
    | 'gone_at'
  >;
  const identities = await rowsWhereIn<Identity>(
    tx,
    'identities',
    [
      'integration_ref',
      'name',
      'scopes',
      'custodian_ref',
      'environment',
      'gone_at',
    ],
    'integration_ref',
    known,
  );
  for (const row of identities) {
    const integration = facts.get(row.integration_ref)!;
    // What the integration held when last seen: its live identities, or,
    // for one that left the catalog, those that left with it.
    if (row.gone_at === null || row.gone_at === integration.goneAt) {
      integration.identities.push({
        name: row.name,
        scopes: jsonArray(row.scopes),
        custodianRef: row.custodian_ref,
        environment: row.environment,
      });
    }
  }
  const accesses = await rowsWhereIn<{
    integration_ref: string;
    target_ref: string;
  }>(
    tx,
    'integration_accesses',
    ['integration_ref', 'target_ref'],
    'integration_ref',
    known,
  );
  for (const row of accesses) {
    facts.get(row.integration_ref)!.accesses.push(row.target_ref);
  }
  return facts;
}

/** The integrations of `refs` that have had an access review decided. */
async function reviewedIntegrations(
  tx: Knex.Transaction,
  refs: string[],
): Promise<Set<string>> {
  const reviewed = new Set<string>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const rows: Array<{ integration_ref: string }> = await tx('access_reviews')
      .distinct('integration_ref')
      .whereIn('integration_ref', refs.slice(i, i + CHUNK))
      .whereNotNull('decided_at');
    rows.forEach(row => reviewed.add(row.integration_ref));
  }
  return reviewed;
}

/**
 * The integrations of the given partners that are live after this sync and
 * were indexed before (live, or back in the catalog with this sync): a
 * partner's change concerns each of them.
 */
async function integrationsOfPartners(
  tx: Knex.Transaction,
  changes: IndexChanges,
  partnerRefs: Set<string>,
  before: Map<string, unknown>,
): Promise<Map<string, string>> {
  const gone = new Set(changes.goneIntegrations);
  const moved = new Map(changes.integrations.map(c => [c.ref, c.partnerRef]));
  const result = new Map<string, string>();
  const rows = await rowsWhereIn<
    Pick<IntegrationsRow, 'entity_ref' | 'partner_ref' | 'gone_at'>
  >(
    tx,
    'integrations',
    ['entity_ref', 'partner_ref', 'gone_at'],
    'partner_ref',
    [...partnerRefs],
  );
  for (const row of rows) {
    const partner = moved.get(row.entity_ref) ?? row.partner_ref;
    const live = row.gone_at === null && !gone.has(row.entity_ref);
    if (live && partnerRefs.has(partner)) {
      result.set(row.entity_ref, partner);
    }
  }
  for (const change of changes.integrations) {
    if (before.has(change.ref) && partnerRefs.has(change.partnerRef)) {
      result.set(change.ref, change.partnerRef);
    }
  }
  return result;
}

/** A trigger of an integration, as it is stored. */
interface TriggerRecord extends DetectedTrigger {
  integrationRef: string;
  partnerRef: string;
}

/** The triggers of the changed partners, for each of their integrations. */
async function partnerRecords(
  tx: Knex.Transaction,
  changes: IndexChanges,
  integrationsBefore: Map<string, unknown>,
): Promise<TriggerRecord[]> {
  const stored = new Map(
    (
      await rowsWhereIn<Pick<PartnersRow, 'entity_ref' | 'owner_ref' | 'tier'>>(
        tx,
        'partners',
        ['entity_ref', 'owner_ref', 'tier'],
        'entity_ref',
        changes.partners.map(c => c.ref),
      )
    ).map(row => [row.entity_ref, { ownerRef: row.owner_ref, tier: row.tier }]),
  );
  const byPartner = new Map<string, DetectedTrigger[]>();
  for (const change of changes.partners) {
    const found = partnerTriggers(change.ref, stored.get(change.ref), {
      ownerRef: change.ownerRef,
      tier: change.entity.spec.risk.tier,
    });
    if (found.length) {
      byPartner.set(change.ref, found);
    }
  }
  if (!byPartner.size) {
    return [];
  }
  const integrations = await integrationsOfPartners(
    tx,
    changes,
    new Set(byPartner.keys()),
    integrationsBefore,
  );
  return [...integrations].flatMap(([integrationRef, partnerRef]) =>
    byPartner
      .get(partnerRef)!
      .map(trigger => ({ ...trigger, integrationRef, partnerRef })),
  );
}

/** The triggers of the changed integrations themselves. */
async function integrationRecords(
  tx: Knex.Transaction,
  changes: IndexChanges,
  before: Map<string, TriggerIntegrationFacts>,
): Promise<TriggerRecord[]> {
  const found = changes.integrations.flatMap(change => {
    const { entity } = change;
    const after: TriggerIntegrationFacts = {
      ownerRef: change.ownerRef,
      accesses: change.accesses,
      identities: (entity.spec.identities ?? []).map(identity => ({
        name: identity.name,
        scopes: identity.scopes ?? [],
        custodianRef: change.custodians.get(identity.name) ?? null,
        environment: identity.environment ?? entity.spec.environment ?? null,
      })),
    };
    return integrationTriggers(change.ref, before.get(change.ref), after, {
      reviewed: true,
    }).map(trigger => ({
      ...trigger,
      integrationRef: change.ref,
      partnerRef: change.partnerRef,
    }));
  });
  const added = found.filter(t => t.kind === 'identity-added');
  if (!added.length) {
    return found;
  }
  // A new identity on a never-reviewed integration: its first review covers it.
  const reviewed = await reviewedIntegrations(tx, [
    ...new Set(added.map(t => t.integrationRef)),
  ]);
  return found.filter(
    t => t.kind !== 'identity-added' || reviewed.has(t.integrationRef),
  );
}

/**
 * Records the review triggers of one sync, in its transaction and before it
 * writes the index: compares what the index stored of each changed partner
 * and integration with what the catalog says now (see
 * services/reviewTriggers), stores one row per change and integration, and
 * appends one `review.triggered` audit event per integration. Values that
 * look like a secret are stored redacted. Returns the triggers stored.
 */
export async function recordReviewTriggers(
  tx: Knex.Transaction,
  changes: IndexChanges,
): Promise<number> {
  if (!changes.partners.length && !changes.integrations.length) {
    return 0;
  }
  const stored = await storedIntegrations(
    tx,
    changes.integrations.map(c => c.ref),
  );
  const records = [
    ...(await integrationRecords(tx, changes, stored)),
    ...(await partnerRecords(tx, changes, stored)),
  ];
  if (!records.length) {
    return 0;
  }
  // Refs, scopes and names are no secrets, but a file that slipped one
  // past the catalog's guard must not have it stored here. A partner's
  // change is the same for each of its integrations: scanned once.
  type Values = Pick<
    DetectedTrigger,
    'field' | 'identity' | 'before' | 'after'
  >;
  const valuesOf = ({ field, identity, before, after }: Values): Values => ({
    field,
    ...(identity !== undefined && { identity }),
    before,
    after,
  });
  const keys = records.map(record => JSON.stringify(valuesOf(record)));
  const unique = [...new Set(keys)];
  const scanned = await redactSecretsOfAll(
    unique.map(key => JSON.parse(key) as Values),
  );
  const safeOf = new Map(unique.map((key, i) => [key, scanned[i].document]));
  const triggers = records.map((record, i) => {
    const safe = safeOf.get(keys[i])!;
    return {
      integrationRef: clipValue(record.integrationRef, 255),
      partnerRef: clipValue(record.partnerRef, 255),
      kind: record.kind,
      entityRef: clipValue(record.entityRef, 255),
      field: clipValue(safe.field, 320),
      ...(safe.identity !== undefined && {
        identity: clipValue(safe.identity, 255),
      }),
      before: safe.before,
      after: safe.after,
    };
  });
  const rows = triggers.map(trigger => ({
    integration_ref: trigger.integrationRef,
    partner_ref: trigger.partnerRef,
    kind: trigger.kind,
    entity_ref: trigger.entityRef,
    field: trigger.field,
    identity: trigger.identity ?? null,
    before: JSON.stringify(trigger.before),
    after: JSON.stringify(trigger.after),
    seen_at: changes.now,
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await tx('review_triggers').insert(rows.slice(i, i + BATCH));
  }
  const byIntegration = new Map<string, typeof triggers>();
  for (const trigger of triggers) {
    const list = byIntegration.get(trigger.integrationRef) ?? [];
    list.push(trigger);
    byIntegration.set(trigger.integrationRef, list);
  }
  const audit = new DatabaseAuditStore(tx);
  for (const [integrationRef, list] of byIntegration) {
    await audit.append(
      {
        at: changes.now,
        actor: PLUGIN_ACTOR,
        action: 'review.triggered',
        subjectType: 'access-review',
        subjectRef: integrationRef,
        partnerRef: list[0].partnerRef,
        after: {
          changes: list.map(
            ({ integrationRef: _i, partnerRef: _p, ...change }) => change,
          ),
        },
      },
      tx,
    );
  }
  return rows.length;
}
