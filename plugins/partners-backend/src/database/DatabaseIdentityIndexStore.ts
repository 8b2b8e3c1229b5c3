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
import type { RiskTier } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { jsonArray } from './json';
import { migrateDatabase } from './migrateDatabase';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { replaceIdentities, upsertEntities } from './indexIdentities';
import { replaceStakeholders } from './stakeholders';
import { recordReviewTriggers } from './reviewTriggers';
import { recordStageChanges } from './stageHistory';
import type {
  IdentityIndexStore,
  IndexChanges,
  IndexedEntityState,
  IndexedIdentity,
  IndexedOwner,
  LiveEntity,
  OffboardingCandidate,
  PartnerAccessFacts,
  ReviewableIntegration,
} from './IdentityIndexStore';

/** whereIn lists stay well below every database's bind limit. */
const LOOKUP_CHUNK = 500;

function ownerOf(
  row: { owner_ref: string; title: string | null },
  extra: Partial<IndexedOwner>,
): IndexedOwner {
  return {
    ownerRef: row.owner_ref,
    ...(row.title && { title: row.title }),
    ...extra,
  };
}

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
    const audit = new DatabaseAuditStore(this.db);
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

      // compares with the rows as stored: before anything is written
      await recordReviewTriggers(tx, changes);
      written += await upsertEntities(tx, changes);

      written += await replaceIdentities(
        tx,
        changes.integrations,
        existing,
        now,
      );
      await replaceStakeholders(tx, changes);
      await recordStageChanges(tx, changes, event => audit.append(event, tx));

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
        await audit.append(changes.auditEvent(written), tx);
      }
    });
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

  async listLivePartners(): Promise<OffboardingCandidate[]> {
    const rows: Array<{
      entity_ref: string;
      stage: string;
      contract_end: string | null;
      contract_status: string | null;
    }> = await this.db('partners')
      .select('entity_ref', 'stage', 'contract_end', 'contract_status')
      .whereNull('gone_at')
      .orderBy('entity_ref');
    return rows.map(row => ({
      partnerRef: row.entity_ref,
      stage: row.stage,
      contractEnd: row.contract_end ?? undefined,
      contractStatus: row.contract_status ?? undefined,
    }));
  }

  async hasPartner(partnerRef: string): Promise<boolean> {
    const row = await this.db('partners')
      .select('entity_ref')
      .where('entity_ref', partnerRef)
      .first();
    return Boolean(row);
  }

  async partnerAccess(partnerRef: string): Promise<PartnerAccessFacts> {
    const integrations: string[] = (
      await this.db('integrations')
        .select('entity_ref')
        .where('partner_ref', partnerRef)
        .whereNull('gone_at')
        .orderBy('entity_ref')
    ).map((row: { entity_ref: string }) => row.entity_ref);
    type IdentityRow = {
      integration_ref: string;
      name: string;
      type: string;
      status: string;
      secret_ref: string | null;
      shared_with: string | null;
    };
    const rows: IdentityRow[] = [];
    for (let i = 0; i < integrations.length; i += 500) {
      rows.push(
        ...(await this.db('identities')
          .select(
            'integration_ref',
            'name',
            'type',
            'status',
            'secret_ref',
            'shared_with',
          )
          .whereIn('integration_ref', integrations.slice(i, i + 500))
          .whereNull('gone_at')),
      );
    }
    rows.sort(
      (a, b) =>
        a.integration_ref.localeCompare(b.integration_ref) ||
        a.name.localeCompare(b.name),
    );
    const secretRefs = [
      ...new Set(rows.flatMap(row => (row.secret_ref ? [row.secret_ref] : []))),
    ];
    const holders = new Map<string, number>();
    for (let i = 0; i < secretRefs.length; i += 500) {
      const counts: Array<{ secret_ref: string; n: number | string }> =
        await this.db('identities')
          .select('secret_ref')
          .count({ n: '*' })
          .whereIn('secret_ref', secretRefs.slice(i, i + 500))
          .whereNull('gone_at')
          .groupBy('secret_ref');
      for (const count of counts) {
        holders.set(count.secret_ref, Number(count.n));
      }
    }
    return {
      integrations,
      identities: rows.map(row => ({
        integrationRef: row.integration_ref,
        name: row.name,
        type: row.type,
        status: row.status,
        sharedWith: jsonArray(row.shared_with),
        secretHolders: row.secret_ref ? holders.get(row.secret_ref) ?? 1 : 0,
        ...(row.secret_ref && { secretRef: row.secret_ref }),
      })),
    };
  }

  async findLiveEntity(entityRef: string): Promise<LiveEntity | undefined> {
    const partner = await this.db('partners')
      .select('entity_ref')
      .where('entity_ref', entityRef)
      .whereNull('gone_at')
      .first();
    if (partner) {
      return { entityRef, kind: 'partner', partnerRef: entityRef };
    }
    const integration = await this.db('integrations')
      .select('partner_ref')
      .where('entity_ref', entityRef)
      .whereNull('gone_at')
      .first();
    return integration
      ? {
          entityRef,
          kind: 'partnerintegration',
          partnerRef: String(integration.partner_ref).toLocaleLowerCase(
            'en-US',
          ),
        }
      : undefined;
  }

  async hasIdentity(integrationRef: string, name: string): Promise<boolean> {
    const row = await this.db('identities')
      .select('id')
      .where('integration_ref', integrationRef)
      .where('name', name)
      .whereNull('gone_at')
      .first();
    return Boolean(row);
  }

  async ownersOf(entityRefs: string[]): Promise<Map<string, IndexedOwner>> {
    const owners = new Map<string, IndexedOwner>();
    const refs = [...new Set(entityRefs)];
    for (let i = 0; i < refs.length; i += LOOKUP_CHUNK) {
      const chunk = refs.slice(i, i + LOOKUP_CHUNK);
      const live = (table: string, extra: string) =>
        this.db(table)
          .select('entity_ref', 'owner_ref', 'title', extra)
          .whereIn('entity_ref', chunk)
          .whereNull('gone_at');
      for (const row of await live('partners', 'stage')) {
        owners.set(row.entity_ref, ownerOf(row, { stage: row.stage }));
      }
      for (const row of await live('integrations', 'partner_ref')) {
        owners.set(
          row.entity_ref,
          ownerOf(row, { partnerRef: row.partner_ref }),
        );
      }
    }
    return owners;
  }
}
