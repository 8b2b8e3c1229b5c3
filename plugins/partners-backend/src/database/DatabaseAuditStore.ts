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

import { type DetailsScope, whereInScope } from './stakeholders';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import type {
  AuditEventRecord,
  ListAuditEventsRequest,
  ListAuditEventsResponse,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { migrateDatabase } from './migrateDatabase';
import type { AuditEventInput, AuditStore } from './AuditStore';
import { decodeKeysetCursor, encodeCursor } from './cursors';

/** Page size when the request names none (the spec enforces 1..100). */
const DEFAULT_PAGE_SIZE = 25;

function parseJson(text: string | null): Record<string, unknown> | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value)
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The append-only audit trail (`audit_events`). There is no update or
 * delete: events are only appended, in the same transaction as the change
 * they record.
 */
export class DatabaseAuditStore implements AuditStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAuditStore> {
    return new DatabaseAuditStore(await migrateDatabase(options.database));
  }

  constructor(private readonly db: Knex) {}

  /** Appends an event; pass the transaction of the change it records. */
  async append(
    event: AuditEventInput,
    tx: Knex | Knex.Transaction = this.db,
  ): Promise<void> {
    await tx('audit_events').insert({
      at: event.at,
      actor: event.actor,
      action: event.action,
      subject_type: event.subjectType,
      subject_ref: event.subjectRef,
      partner_ref: event.partnerRef?.toLocaleLowerCase('en-US') ?? null,
      before: event.before ? JSON.stringify(event.before) : null,
      after: event.after ? JSON.stringify(event.after) : null,
    });
  }

  /** Events newest first, keyset-paginated by id. */
  async list(
    request: ListAuditEventsRequest = {},
    scope: DetailsScope = 'all',
  ): Promise<ListAuditEventsResponse> {
    const limit = request.limit ?? DEFAULT_PAGE_SIZE;
    const query = whereInScope(
      this.db,
      this.db('audit_events').select(),
      'partner_ref',
      scope,
    );
    if (request.subject) {
      query.where('subject_ref', request.subject.toLocaleLowerCase('en-US'));
    }
    if (request.partner) {
      query.where('partner_ref', request.partner.toLocaleLowerCase('en-US'));
    }
    if (request.action) {
      query.where('action', request.action);
    }
    if (request.cursor) {
      const [id] = decodeKeysetCursor(request.cursor, [/^[1-9][0-9]{0,14}$/]);
      query.where('id', '<', Number(id));
    }
    const rows = await query.orderBy('id', 'desc').limit(limit + 1);
    const page = rows.slice(0, limit);
    const items: AuditEventRecord[] = page.map(row => {
      const before = parseJson(row.before);
      const after = parseJson(row.after);
      return {
        id: Number(row.id),
        at: row.at,
        actor: row.actor,
        action: row.action,
        subjectType: row.subject_type,
        subjectRef: row.subject_ref,
        ...(row.partner_ref && { partnerRef: row.partner_ref }),
        ...(before && { before }),
        ...(after && { after }),
      };
    });
    return rows.length > limit
      ? { items, nextCursor: encodeCursor(String(items[items.length - 1].id)) }
      : { items };
  }
}
