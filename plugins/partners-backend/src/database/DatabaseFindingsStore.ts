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
import type { FindingRecord } from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { openKeyOf } from './acceptedRisk';
import type {
  EvaluatedFinding,
  FindingKey,
  FindingsChanges,
  FindingsStore,
} from './FindingsStore';
import { jsonArray } from './json';
import type { FindingsRow } from './tables';
import { migrateDatabase } from './migrateDatabase';

const BATCH = 50;
/** Keys per lookup: three bound values each, well below every bind limit. */
const KEY_CHUNK = 200;
const keyOf = (f: { ruleId: string; entityRef: string; identity?: string }) =>
  `${f.ruleId}\u0000${f.entityRef}\u0000${f.identity ?? ''}`;

/**
 * Findings in the plugin's database. Storing an evaluation opens new
 * findings, reopens ones that fire again, resolves those that stopped, and
 * moves last-seen of every open finding to the evaluation time.
 */
export class DatabaseFindingsStore implements FindingsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseFindingsStore> {
    return new DatabaseFindingsStore(await migrateDatabase(options.database));
  }

  constructor(private readonly db: Knex) {}

  async storeEvaluation(
    findings: EvaluatedFinding[],
    now: string,
  ): Promise<FindingsChanges> {
    return this.db.transaction(async tx => {
      const existing = await tx('findings').select(
        'id',
        'rule_id',
        'entity_ref',
        'identity',
        'severity',
        'message',
        'resolved_at',
      );
      const byKey = new Map(
        existing.map(row => [
          keyOf({
            ruleId: row.rule_id,
            entityRef: row.entity_ref,
            identity: row.identity,
          }),
          row,
        ]),
      );

      const inserts: Record<string, unknown>[] = [];
      const current = new Set<string>();
      let opened = 0;
      for (const finding of findings) {
        const key = keyOf(finding);
        if (current.has(key)) {
          continue;
        }
        current.add(key);
        const row = byKey.get(key);
        if (!row) {
          opened += 1;
          inserts.push({
            rule_id: finding.ruleId,
            entity_ref: finding.entityRef,
            identity: finding.identity ?? '',
            partner_ref: finding.partnerRef ?? null,
            severity: finding.severity,
            message: finding.message,
            frameworks: JSON.stringify(finding.frameworks),
            first_seen_at: now,
            last_seen_at: now,
            resolved_at: null,
          });
        } else if (
          row.resolved_at ||
          row.severity !== finding.severity ||
          row.message !== finding.message
        ) {
          if (row.resolved_at) {
            opened += 1;
          }
          await tx('findings')
            .where('id', row.id)
            .update({
              severity: finding.severity,
              message: finding.message,
              partner_ref: finding.partnerRef ?? null,
              frameworks: JSON.stringify(finding.frameworks),
              // A finding that fires again is a new occurrence.
              ...(row.resolved_at && { first_seen_at: now }),
              resolved_at: null,
            });
        }
      }
      for (let i = 0; i < inserts.length; i += BATCH) {
        await tx('findings').insert(inserts.slice(i, i + BATCH));
      }

      const stopped = existing
        .filter(
          row =>
            !row.resolved_at &&
            !current.has(
              keyOf({
                ruleId: row.rule_id,
                entityRef: row.entity_ref,
                identity: row.identity,
              }),
            ),
        )
        .map(row => row.id);
      for (let i = 0; i < stopped.length; i += 500) {
        await tx('findings')
          .whereIn('id', stopped.slice(i, i + 500))
          .update({ resolved_at: now, last_seen_at: now });
      }
      await tx('findings')
        .whereNull('resolved_at')
        .update({ last_seen_at: now });
      return { opened, resolved: stopped.length, open: current.size };
    });
  }

  /** Open findings about an entity or its identities, oldest first. */
  async listOpen(entityRef: string): Promise<FindingRecord[]> {
    const rows = await this.db<FindingsRow>('findings')
      .where('entity_ref', entityRef)
      .whereNull('resolved_at')
      .orderBy('id');
    return rows.map(row => ({
      id: Number(row.id),
      ruleId: row.rule_id,
      severity: row.severity,
      entityRef: row.entity_ref,
      ...(row.identity && { identity: row.identity }),
      ...(row.partner_ref && { partnerRef: row.partner_ref }),
      message: row.message,
      frameworks: jsonArray(row.frameworks),
      firstSeen: row.first_seen_at,
      lastSeen: row.last_seen_at,
    }));
  }

  async openAmong(keys: FindingKey[]): Promise<Set<string>> {
    const open = new Set<string>();
    for (let i = 0; i < keys.length; i += KEY_CHUNK) {
      const rows = await this.db<FindingsRow>('findings')
        .select('rule_id', 'entity_ref', 'identity')
        .whereIn(
          ['rule_id', 'entity_ref', 'identity'],
          keys
            .slice(i, i + KEY_CHUNK)
            .map(key => [key.ruleId, key.entityRef, key.identity]),
        )
        .whereNull('resolved_at');
      for (const row of rows) {
        open.add(openKeyOf(row.rule_id, row.entity_ref, row.identity));
      }
    }
    return open;
  }
}
