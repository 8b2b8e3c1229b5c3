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
export const BATCH = 50;

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
