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

import { whereInScope } from './stakeholders';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  addDays,
  type ExceptionRecord,
  type ExceptionStatus,
  type FindingRecord,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { PLUGIN_ACTOR } from './AuditStore';
import { DatabaseAuditStore } from './DatabaseAuditStore';
import { openKeyOf, withAcceptedRisk } from './acceptedRisk';
import { DatabaseFindingsStore } from './DatabaseFindingsStore';
import { DatabaseIdentityIndexStore } from './DatabaseIdentityIndexStore';
import type {
  ExceptionDecisionUpdate,
  ExceptionInsert,
  ExceptionQuery,
  ExceptionsStore,
  ExceptionSubject,
} from './ExceptionsStore';
import { migrateDatabase } from './migrateDatabase';

const SUBJECT_TYPE = 'exception';

/** A row of `exceptions`. */
export interface ExceptionsRow {
  /** bigint: a string on PostgreSQL */
  id: number | string;
  rule_id: RuleId;
  entity_ref: string;
  /** The identity name, or empty for an entity-level finding. */
  identity: string;
  partner_ref: string;
  justification: string;
  requested_by: string;
  requested_at: string;
  expires_at: string;
  status: ExceptionStatus;
  /** Set while requested or approved: one open exception per finding. */
  open_key: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
  expired_at: string | null;
}

/** Maps a stored row to the API record, leaving absent values out. */
function toExceptionRecord(row: ExceptionsRow): ExceptionRecord {
  return {
    id: Number(row.id),
    ruleId: row.rule_id,
    entityRef: row.entity_ref,
    ...(row.identity && { identity: row.identity }),
    partnerRef: row.partner_ref,
    justification: row.justification,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    status: row.status,
    ...(row.decided_by && { decidedBy: row.decided_by }),
    ...(row.decided_at && { decidedAt: row.decided_at }),
    ...(row.decision_comment !== null &&
      row.decision_comment !== undefined && {
        decisionComment: row.decision_comment,
      }),
    ...(row.expired_at && { expiredAt: row.expired_at }),
  };
}

function auditState(exception: ExceptionRecord): Record<string, unknown> {
  return {
    exceptionId: exception.id,
    ruleId: exception.ruleId,
    ...(exception.identity && { identity: exception.identity }),
    status: exception.status,
    expiresAt: exception.expiresAt,
  };
}

/**
 * Exceptions in the plugin's database. Every change appends its audit event
 * in the same transaction; the unique `open_key` keeps at most one open
 * exception per (rule, entity, identity), whatever the number of instances.
 */
export class DatabaseExceptionsStore implements ExceptionsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseExceptionsStore> {
    return new DatabaseExceptionsStore(await migrateDatabase(options.database));
  }

  private readonly audit: DatabaseAuditStore;

  private readonly index: DatabaseIdentityIndexStore;
  private readonly findings: DatabaseFindingsStore;

  constructor(private readonly db: Knex) {
    this.audit = new DatabaseAuditStore(db);
    this.index = new DatabaseIdentityIndexStore(db);
    this.findings = new DatabaseFindingsStore(db);
  }

  findSubject(entityRef: string): Promise<ExceptionSubject | undefined> {
    return this.index.findLiveEntity(entityRef);
  }

  hasIdentity(integrationRef: string, name: string): Promise<boolean> {
    return this.index.hasIdentity(integrationRef, name);
  }

  /**
   * Stores a requested exception with its audit event. Returns undefined
   * (and stores nothing) when an open exception covers the same finding.
   */
  async insert(input: ExceptionInsert): Promise<ExceptionRecord | undefined> {
    return this.db.transaction(async tx => {
      const inserted: ExceptionsRow[] = await tx('exceptions')
        .insert({
          rule_id: input.ruleId,
          entity_ref: input.entityRef,
          identity: input.identity,
          partner_ref: input.partnerRef,
          justification: input.justification,
          requested_by: input.requestedBy,
          requested_at: input.requestedAt,
          expires_at: input.expiresAt,
          status: 'requested',
          open_key: openKeyOf(input.ruleId, input.entityRef, input.identity),
        })
        .onConflict('open_key')
        .ignore()
        .returning('*');
      if (!inserted.length) {
        return undefined;
      }
      const exception = toExceptionRecord(inserted[0]);
      await this.audit.append(
        {
          at: input.requestedAt,
          actor: input.requestedBy,
          action: 'exception.requested',
          subjectType: SUBJECT_TYPE,
          subjectRef: exception.entityRef,
          partnerRef: exception.partnerRef,
          after: {
            ...auditState(exception),
            justification: exception.justification,
          },
        },
        tx,
      );
      return exception;
    });
  }

  async get(id: number): Promise<ExceptionRecord | undefined> {
    const row = await this.db('exceptions').where('id', id).first();
    return row ? toExceptionRecord(row) : undefined;
  }

  /** Exceptions newest first (by id), one page plus one row. */
  async list(query: ExceptionQuery): Promise<ExceptionRecord[]> {
    const q = whereInScope(
      this.db,
      this.db('exceptions').select(),
      'entity_ref',
      query.scope ?? 'all',
    );
    if (query.status) {
      q.where('status', query.status);
    }
    if (query.partnerRef) {
      q.where('partner_ref', query.partnerRef);
    }
    if (query.entityRef) {
      q.where('entity_ref', query.entityRef);
    }
    if (query.ruleId) {
      q.where('rule_id', query.ruleId);
    }
    if (query.before !== undefined) {
      q.where('id', '<', query.before);
    }
    const rows: ExceptionsRow[] = await q
      .orderBy('id', 'desc')
      .limit(query.limit + 1);
    return rows.map(toExceptionRecord);
  }

  /** Every exception of a partner, oldest first. */
  async listForPartner(partnerRef: string): Promise<ExceptionRecord[]> {
    const rows: ExceptionsRow[] = await this.db('exceptions')
      .where('partner_ref', partnerRef.toLocaleLowerCase('en-US'))
      .orderBy('id');
    return rows.map(toExceptionRecord);
  }

  /**
   * Approved exceptions that expire after `now` and at most `withinDays`
   * days later, soonest first.
   */
  async listExpiring(
    now: Date,
    withinDays: number,
  ): Promise<ExceptionRecord[]> {
    const rows: ExceptionsRow[] = await this.db('exceptions')
      .where('status', 'approved')
      .where('expires_at', '>', now.toISOString())
      .where('expires_at', '<=', addDays(now, withinDays))
      .orderBy([{ column: 'expires_at' }, { column: 'id' }]);
    return rows.map(toExceptionRecord);
  }

  /**
   * Stores a decision if the exception is still requested (and, to approve,
   * not yet past its expiry), with its audit event, in one transaction.
   * Returns false (and changes nothing) when it is not.
   */
  async decide(
    exception: ExceptionRecord,
    update: ExceptionDecisionUpdate,
  ): Promise<boolean> {
    return this.db.transaction(async tx => {
      const query = tx('exceptions')
        .where('id', exception.id)
        .where('status', 'requested');
      if (update.status === 'approved') {
        query.where('expires_at', '>', update.decidedAt);
      }
      const updated = await query.update({
        status: update.status,
        // a denied exception no longer blocks a new request
        ...(update.status === 'denied' && { open_key: null }),
        decided_by: update.decidedBy,
        decided_at: update.decidedAt,
        decision_comment: update.comment ?? null,
      });
      if (updated !== 1) {
        return false;
      }
      await this.audit.append(
        {
          at: update.decidedAt,
          actor: update.decidedBy,
          action: `exception.${update.status}`,
          subjectType: SUBJECT_TYPE,
          subjectRef: exception.entityRef,
          partnerRef: exception.partnerRef,
          before: auditState(exception),
          after: {
            ...auditState({ ...exception, status: update.status }),
            ...(update.comment !== undefined && { comment: update.comment }),
          },
        },
        tx,
      );
      return true;
    });
  }

  /**
   * Marks requested and approved exceptions whose expiry is at or before
   * `now` expired, one transaction each with its audit event by the plugin.
   * Idempotent and safe on several instances: a row another run expired
   * first is skipped. Returns the exceptions expired.
   */
  async expire(now: Date): Promise<ExceptionRecord[]> {
    const at = now.toISOString();
    const due: ExceptionsRow[] = await this.db('exceptions')
      .whereIn('status', ['requested', 'approved'])
      .where('expires_at', '<=', at)
      .orderBy('id');
    const expired: ExceptionRecord[] = [];
    for (const row of due) {
      const exception = toExceptionRecord(row);
      await this.db.transaction(async tx => {
        const updated = await tx('exceptions')
          .where('id', exception.id)
          .where('status', exception.status)
          .update({ status: 'expired', open_key: null, expired_at: at });
        if (updated !== 1) {
          return;
        }
        await this.audit.append(
          {
            at,
            actor: PLUGIN_ACTOR,
            action: 'exception.expired',
            subjectType: SUBJECT_TYPE,
            subjectRef: exception.entityRef,
            partnerRef: exception.partnerRef,
            before: auditState(exception),
            after: auditState({ ...exception, status: 'expired' }),
          },
          tx,
        );
        expired.push({ ...exception, status: 'expired', expiredAt: at });
      });
    }
    return expired;
  }

  /**
   * The findings with `acceptedRisk` set on those still firing that an
   * approved exception, unexpired at `now`, covers.
   */
  withAcceptedRisk(
    findings: FindingRecord[],
    now: Date,
  ): Promise<FindingRecord[]> {
    return withAcceptedRisk(this.db, findings, now);
  }

  /**
   * Expired exceptions that had been approved, whose finding is still open
   * in the findings table, and that no newer open exception (requested, or
   * approved and unexpired at `now`) to the same finding replaces. Newest
   * first per finding.
   */
  async listLapsed(now: Date): Promise<ExceptionRecord[]> {
    const at = now.toISOString();
    const rows: ExceptionsRow[] = await this.db('exceptions as e')
      .select('e.*')
      .where('e.status', 'expired')
      .whereNotNull('e.decided_at')
      .whereNotExists(
        this.db('exceptions as n')
          .select('n.id')
          .where('n.rule_id', this.db.ref('e.rule_id'))
          .where('n.entity_ref', this.db.ref('e.entity_ref'))
          .where('n.identity', this.db.ref('e.identity'))
          .where('n.id', '>', this.db.ref('e.id'))
          .where((w: Knex.QueryBuilder) =>
            w
              .where('n.status', 'requested')
              .orWhere((w2: Knex.QueryBuilder) =>
                w2.where('n.status', 'approved').where('n.expires_at', '>', at),
              ),
          ),
      )
      .orderBy('e.id', 'desc');
    const stillOpen = await this.findings.openAmong(
      rows.map(row => ({
        ruleId: row.rule_id,
        entityRef: row.entity_ref,
        identity: row.identity,
      })),
    );
    return rows
      .filter(row =>
        stillOpen.has(openKeyOf(row.rule_id, row.entity_ref, row.identity)),
      )
      .map(toExceptionRecord);
  }
}
