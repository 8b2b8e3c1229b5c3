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

import { identityStatus } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import type { IndexChanges } from './IdentityIndexStore';

/** Rows per INSERT statement: well under SQLite's bound-parameter limit. */
const BATCH = 50;

/**
 * Upserts the partners and integrations that are new, changed or back, in
 * batches; returns the rows written.
 */
export async function upsertEntities(
  tx: Knex.Transaction,
  changes: Pick<IndexChanges, 'partners' | 'integrations' | 'now'>,
): Promise<number> {
  const { now } = changes;
  const partnerRows = changes.partners.map(
    ({ entity, ref, ownerRef, hash }) => ({
      entity_ref: ref,
      title: entity.metadata.title ?? null,
      type: entity.spec.type,
      stage: entity.spec.lifecycle.stage,
      tier: entity.spec.risk.tier,
      owner_ref: ownerRef,
      contract_end: entity.spec.contract?.end ?? null,
      contract_status: entity.spec.contract?.status ?? null,
      entity: JSON.stringify(entity),
      hash,
      synced_at: now,
      gone_at: null,
    }),
  );
  const integrationRows = changes.integrations.map(
    ({ entity, ref, partnerRef, ownerRef, hash }) => ({
      entity_ref: ref,
      partner_ref: partnerRef,
      title: entity.metadata.title ?? null,
      type: entity.spec.type,
      owner_ref: ownerRef,
      environment: entity.spec.environment ?? null,
      access_package: entity.spec.accessPackage ?? null,
      entity: JSON.stringify(entity),
      hash,
      synced_at: now,
      gone_at: null,
    }),
  );
  for (const [table, rows] of [
    ['partners', partnerRows],
    ['integrations', integrationRows],
  ] as const) {
    for (let i = 0; i < rows.length; i += BATCH) {
      await tx(table)
        .insert(rows.slice(i, i + BATCH))
        .onConflict('entity_ref')
        .merge();
    }
  }
  return partnerRows.length + integrationRows.length;
}

/**
 * Upserts the identities and accesses of changed integrations in batches
 * across integrations; for integrations indexed before, marks identities
 * that are no longer listed gone and replaces their accesses.
 */
export async function replaceIdentities(
  tx: Knex.Transaction,
  changes: IndexChanges['integrations'],
  existing: ReadonlySet<string>,
  now: string,
): Promise<number> {
  const identityRows = changes.flatMap(({ entity, ref, custodians }) =>
    (entity.spec.identities ?? []).map(identity => ({
      integration_ref: ref,
      name: identity.name,
      type: identity.type,
      status: identityStatus(identity),
      custodian_ref: custodians.get(identity.name) ?? null,
      scopes: JSON.stringify(identity.scopes ?? []),
      privileged: identity.privileged ?? false,
      environment: identity.environment ?? entity.spec.environment ?? null,
      secret_ref: identity.secretRef ?? null,
      observed_as: identity.observedAs ?? null,
      issued: identity.issued ?? null,
      last_rotated: identity.lastRotated ?? null,
      rotation_days: identity.rotationDays ?? null,
      expires: identity.expires ?? null,
      last_used: identity.lastUsed ?? null,
      shared_with: JSON.stringify(identity.sharedWith ?? []),
      gone_at: null,
    })),
  );
  let written = 0;
  for (let i = 0; i < identityRows.length; i += BATCH) {
    await tx('identities')
      .insert(identityRows.slice(i, i + BATCH))
      .onConflict(['integration_ref', 'name'])
      .merge();
  }
  written += identityRows.length;

  const previous = changes.filter(change => existing.has(change.ref));
  for (const { entity, ref } of previous) {
    const names = (entity.spec.identities ?? []).map(identity => identity.name);
    const gone = tx('identities')
      .where('integration_ref', ref)
      .whereNull('gone_at');
    if (names.length) {
      gone.whereNotIn('name', names);
    }
    written += await gone.update({ gone_at: now });
  }
  const previousRefs = previous.map(change => change.ref);
  for (let i = 0; i < previousRefs.length; i += 500) {
    await tx('integration_accesses')
      .whereIn('integration_ref', previousRefs.slice(i, i + 500))
      .delete();
  }

  const accessRows = changes.flatMap(({ ref, accesses }) =>
    [...new Set(accesses)].map(target => ({
      integration_ref: ref,
      target_ref: target,
    })),
  );
  for (let i = 0; i < accessRows.length; i += BATCH) {
    await tx('integration_accesses').insert(accessRows.slice(i, i + BATCH));
  }
  written += accessRows.length;
  return written;
}
