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

import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import type { HumanDuration } from '@backstage/types';

export interface Config {
  partners?: {
    /**
     * Systems that issue partner identities, observed on a schedule and
     * reconciled with the partner files: one entry per source, keyed by its
     * source id (what `observedAs: <sourceId>:<externalId>` names). Each
     * entry's `type` must be provided by an installed identity source
     * module, which documents its own keys; secrets go in by `${ENV}`
     * substitution only.
     */
    identitySources?: {
      [sourceId: string]: {
        /** The kind of source, e.g. `postgres`, `ldap`, `aws-iam-credential-report`. */
        type: string;
        /**
         * How often the source is observed, on one backend instance at a time.
         * @default { frequency: { minutes: 15 }, timeout: { minutes: 10 }, initialDelay: { seconds: 30 } }
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /**
     * The partner register: the export of the partner relationship
     * management system (CRM), read on a schedule. It is the source of
     * each partner's contract dates and status: where a row matches a
     * Partner (by the CRM account its `partners.governance.dev/crm-account`
     * annotation names, else by its name or title), the contract rules use
     * the row's contract instead of the file's. A row of a live contract
     * that matches no Partner raises `partner-ungoverned`. Documented
     * columns (headers compared without case, spaces or punctuation):
     * `partner name`, `contract start`, `contract end`, `status` (required),
     * `renewal date`, `commercial owner` and `crm account`.
     */
    register?: {
      /**
       * Where the export is: an http(s) URL, read through the backend's URL
       * reader (its host must be allowed under `backend.reading.allow` or an
       * integration), or a file path (relative to the backend's working
       * directory) or `file:` URL, read from disk.
       */
      target: string;
      /**
       * `csv` (a header row, then one row per partner) or `json` (a list
       * of objects keyed by the column names). Without it, the target's
       * extension decides.
       */
      format?: 'csv' | 'json';
      /**
       * How often the register is read, on one backend instance at a time.
       * What a read changes shows in findings at the next refresh.
       * @default { frequency: { hours: 1 }, timeout: { minutes: 10 }, initialDelay: { seconds: 5 } }
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * The largest export read, in bytes (at most 104857600); a larger
       * one fails the read and the last register read stays.
       * @default 10485760
       */
      maxBytes?: number;
      /**
       * The export's header (CSV) or key (JSON) of each documented column,
       * where it is not the documented name.
       */
      columns?: {
        /** @default partner name */
        partnerName?: string;
        /** @default crm account */
        crmAccount?: string;
        /** @default contract start */
        contractStart?: string;
        /** @default contract end */
        contractEnd?: string;
        /** @default status */
        status?: string;
        /** @default renewal date */
        renewalDate?: string;
        /** @default commercial owner */
        commercialOwner?: string;
      };
    };
    sync?: {
      /**
       * How often the identity index is synced from the catalog. The task
       * runs on one backend instance at a time.
       * @default { frequency: { minutes: 5 }, timeout: { minutes: 10 }, initialDelay: { seconds: 15 } }
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * The largest share (0 to 1) of the partners and integrations in the
       * index that one sync may mark as gone. A catalog read that suddenly
       * returns much less (a catalog outage, a deleted location) would
       * otherwise end every review and open offboarding for everyone: past
       * this share the sync writes what it read but marks nothing gone, and
       * logs a warning. Raise it for a deliberate mass removal. Indexes of
       * fewer than 10 entities are not held back.
       * @default 0.5
       */
      maxGoneFraction?: number;
    };
    blastRadius?: {
      /**
       * How many catalog relations (dependsOn, providesApi, consumesApi) a
       * partner's blast radius follows beyond what its integrations access,
       * when the request names no depth.
       * @default 2
       */
      defaultDepth?: number;
      /**
       * The most a request may ask for (0 to 10).
       * @default 5
       */
      maxDepth?: number;
    };
    notifications?: {
      /**
       * Whether the sync task sends notifications through the Backstage
       * notifications service: due and overdue access reviews to their
       * assignee, reviews overdue by more than 7 days to the partner owner,
       * and approved exceptions within 14 days of expiry to the owner of
       * their entity. Each is sent once per subject, stage and recipient.
       * @default true
       */
      enabled?: boolean;
    };
    entityAccessCache?: {
      /**
       * How long a page of `GET /entities/{ref}/access` (the service card)
       * stays in the Backstage cache service (`backend.cache`). Review and
       * exception decisions and each index refresh drop every cached page
       * at once; with the default in-memory store that holds for the
       * instance that made the write, and other instances follow within
       * this time. An entry never outlives a pending review's due date or
       * a covering exception's expiry. A duration object or string; 0
       * turns the cache off.
       * @default { seconds: 5 }
       */
      ttl?: HumanDuration | string;
    };
  };
}
