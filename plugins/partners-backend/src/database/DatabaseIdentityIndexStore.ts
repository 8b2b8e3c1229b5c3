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

import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  identityStatus,
  type RiskTier,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { jsonArray } from './json';
import { migrateDatabase } from './migrateDatabase';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import type {
  IdentityIndexStore,
  IndexChanges,
  IndexedEntityState,
  IndexedIdentity,
  ReviewableIntegration,
} from './IdentityIndexStore';

/** Rows per INSERT statement: well under SQLite's bound-parameter limit. */
const BATCH = 50;

/** The identity index in the plugin's own database (SQLite or PostgreSQL). */
export class DatabaseIdentityIndexStore implements IdentityIndexStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseIdentityIndexStore> {
    return new DatabaseIdentityIndexStore(
      await migrateDatabase(options.database),
    );
  }

  constructor(private readonly db: Knex) {}

  async getStates() {
    const read = async (table: string) => {
      const rows = await this.db(table).select('entity_ref', 'hash', 'gone_at');
      return new Map<string, IndexedEntityState>(
        rows.map(row => [
          row.entity_ref,
          { hash: row.hash, gone: !!row.gone_at },
        ]),
      );
    };
    return {
      partners: await read('partners'),
      integrations: await read('integrations'),
    };
  }

  async apply(changes: IndexChanges): Promise<number> {
    const { now } = changes;
    let written = 0;
    await this.db.transaction(async tx => {
      // Integrations indexed before: only they can have identities or
      // accesses to clear. A first sync skips that work entirely.
      const existing = new Set<string>();
      const changedRefs = changes.integrations.map(change => change.ref);
      for (let i = 0; i < changedRefs.length; i += 500) {
        const rows = await tx('integrations')
          .select('entity_ref')
          .whereIn('entity_ref', changedRefs.slice(i, i + 500));
        rows.forEach(row => existing.add(row.entity_ref));
      }

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
      for (let i = 0; i < partnerRows.length; i += BATCH) {
        await tx('partners')
          .insert(partnerRows.slice(i, i + BATCH))
          .onConflict('entity_ref')
          .merge();
      }
      written += partnerRows.length;

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
      for (let i = 0; i < integrationRows.length; i += BATCH) {
        await tx('integrations')
          .insert(integrationRows.slice(i, i + BATCH))
          .onConflict('entity_ref')
          .merge();
      }
      written += integrationRows.length;

      written += await this.replaceIdentities(
        tx,
        changes.integrations,
        existing,
        now,
      );

      for (const [table, refs] of [
        ['partners', changes.gonePartners],
        ['integrations', changes.goneIntegrations],
      ] as const) {
        for (let i = 0; i < refs.length; i += 500) {
          const batch = refs.slice(i, i + 500);
          written += await tx(table)
            .whereIn('entity_ref', batch)
            .update({ gone_at: now });
          if (table === 'integrations') {
            written += await tx('identities')
              .whereIn('integration_ref', batch)
              .whereNull('gone_at')
              .update({ gone_at: now });
          }
        }
      }

      if (changes.auditEvent) {
        await new DatabaseAuditStore(this.db).append(
          changes.auditEvent(written),
          tx,
        );
      }
    });
    return written;
  }

  /**
   * Upserts the identities and accesses of changed integrations in batches
   * across integrations; for integrations indexed before, marks identities
   * that are no longer listed gone and replaces their accesses.
   */
  private async replaceIdentities(
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
      const names = (entity.spec.identities ?? []).map(
        identity => identity.name,
      );
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

  async listLiveEntities(): Promise<Entity[]> {
    const rows = await this.db
      .select('entity')
      .from('partners')
      .whereNull('gone_at')
      .unionAll(qb =>
        qb.select('entity').from('integrations').whereNull('gone_at'),
      );
    return rows.map(row => JSON.parse(row.entity));
  }

  async listReviewable(): Promise<ReviewableIntegration[]> {
    const active: Array<{
      entity_ref: string;
      partner_ref: string;
      owner_ref: string;
      tier: RiskTier;
    }> = await this.db('integrations as i')
      .join('partners as p', 'p.entity_ref', 'i.partner_ref')
      .select('i.entity_ref', 'i.partner_ref', 'i.owner_ref', 'p.tier')
      .whereNull('i.gone_at')
      .whereNull('p.gone_at')
      .whereNot('p.stage', 'offboarded')
      .orderBy('i.entity_ref');
    // One grouped query over the live identities: the earliest issue date
    // per integration. Dates are ISO-8601 (YYYY-MM-DD first), so the least
    // string is the earliest calendar day.
    const firstIssued = new Map<string, string>(
      (
        (await this.db('identities')
          .select('integration_ref')
          .min({ first: 'issued' })
          .whereNull('gone_at')
          .where('issued', 'like', '____-__-__%')
          .groupBy('integration_ref')) as Array<{
          integration_ref: string;
          first: string;
        }>
      ).map(row => [row.integration_ref, row.first]),
    );
    return active.map(row => ({
      integrationRef: row.entity_ref,
      partnerRef: row.partner_ref,
      ownerRef: row.owner_ref,
      tier: row.tier,
      firstIssued: firstIssued.get(row.entity_ref),
    }));
  }

  async listIdentities(integrationRef: string): Promise<IndexedIdentity[]> {
    const rows: Array<{
      name: string;
      type: string;
      status: string;
      scopes: string;
      privileged: boolean | number;
      issued: string | null;
      last_rotated: string | null;
      last_used: string | null;
    }> = await this.db('identities')
      .select(
        'name',
        'type',
        'status',
        'scopes',
        'privileged',
        'issued',
        'last_rotated',
        'last_used',
      )
      .where('integration_ref', integrationRef)
      .whereNull('gone_at')
      .orderBy('name');
    return rows.map(row => ({
      name: row.name,
      type: row.type,
      status: row.status,
      scopes: jsonArray(row.scopes),
      privileged: Boolean(row.privileged),
      issued: row.issued ?? undefined,
      lastRotated: row.last_rotated ?? undefined,
      lastUsed: row.last_used ?? undefined,
    }));
  }
}
