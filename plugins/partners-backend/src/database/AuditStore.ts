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

import type { DetailsScope } from './stakeholders';
import type {
  ListAuditEventsRequest,
  ListAuditEventsResponse,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';

/** The actor of what the scheduled jobs do. */
export const PLUGIN_ACTOR = 'plugin:partners';

/** One event to append to the audit trail. */
export interface AuditEventInput {
  /** ISO-8601. */
  at: string;
  /** The user or service ref that acted. */
  actor: string;
  action: string;
  subjectType: string;
  subjectRef: string;
  /** The partner the event concerns, when it concerns one. */
  partnerRef?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

/**
 * The audit trail: append-only; every store appends the event of a change in
 * the transaction of that change.
 */
export interface AuditStore {
  /** Appends an event; pass the transaction of the change it records. */
  append(event: AuditEventInput, tx?: Knex | Knex.Transaction): Promise<void>;
  /** Events newest first, keyset-paginated by id. */
  /** A page of the trail, of the partners in `scope` (all without it). */
  list(
    request?: ListAuditEventsRequest,
    scope?: DetailsScope,
  ): Promise<ListAuditEventsResponse>;
}
