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

import type {
  PartnerRegisterEntry,
  PartnerRegisterStatus,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { coveringException } from '../../database/acceptedRisk';
import {
  linkedRegisterRow,
  registerContracts,
  type DatabasePartnerRegisterStore,
} from '../../database/DatabasePartnerRegisterStore';
import { PARTNER_COLUMNS } from './ReadModel';

/**
 * What the partner register says of a partner, as the rules last used it:
 * the row the Partner matched (by its CRM account, else its name or title)
 * when the rules last ran, from the last successful read, with when that
 * was. One query.
 *
 * @internal
 */
export async function registerEntryOf(
  db: Knex,
  entityRef: string,
): Promise<PartnerRegisterEntry | undefined> {
  const linked = await linkedRegisterRow(db, entityRef);
  if (!linked) {
    return undefined;
  }
  const { nameKey: _key, ...entry } = linked.row;
  return { ...entry, readAt: linked.readAt };
}

/**
 * `partners`, each with the contract of the register row it matched (`rc`),
 * for {@link contractInUse} and {@link partnerColumnsInUse}.
 */
export function partnersWithRegisterContracts(db: Knex): Knex.QueryBuilder {
  return db('partners').leftJoin(
    registerContracts(db),
    'rc.partner_ref',
    'partners.entity_ref',
  );
}

/**
 * A partner's contract end or status as the rules use it: the partner
 * register's where its last read lists the partner, else the file's. The
 * query is {@link partnersWithRegisterContracts}.
 */
export function contractInUse(
  db: Knex,
  column: 'contract_end' | 'contract_status',
): Knex.Raw {
  return db.raw('CASE WHEN ?? IS NULL THEN ?? ELSE ?? END', [
    'rc.partner_ref',
    `partners.${column}`,
    `rc.${column}`,
  ]);
}

/**
 * {@link PARTNER_COLUMNS} with the contract the rules use (see
 * {@link contractInUse}).
 */
export function partnerColumnsInUse(db: Knex): Array<string | Knex.Raw> {
  return PARTNER_COLUMNS.map(column =>
    column === 'contract_end' || column === 'contract_status'
      ? db.raw('? AS ??', [contractInUse(db, column), column])
      : `partners.${column}`,
  );
}

/**
 * `GET /register`: how the partner register's reads went, and how many of
 * its partners no Partner governs.
 *
 * @internal
 */
export class PartnerRegisterReadModel {
  constructor(
    private readonly options: {
      db: Knex;
      store: Pick<DatabasePartnerRegisterStore, 'status'>;
      /** The configured format; undefined when no register is configured. */
      format?: string;
      clock?: () => Date;
    },
  ) {}

  async status(): Promise<PartnerRegisterStatus> {
    const { db, store, format } = this.options;
    if (!format) {
      return { configured: false, rows: 0, rowErrors: 0, ungoverned: 0 };
    }
    const now = this.options.clock?.() ?? new Date();
    const [run, [ungoverned]] = await Promise.all([
      store.status(),
      db('findings')
        .count({ n: '*' })
        .where('rule_id', 'partner-ungoverned')
        .whereNull('resolved_at')
        .whereNotExists(coveringException(db, now)),
    ]);
    return {
      configured: true,
      format: format as PartnerRegisterStatus['format'],
      ...(run && {
        ...(run.lastStartedAt && { lastStartedAt: run.lastStartedAt }),
        ...(run.lastSuccessAt && { lastSuccessAt: run.lastSuccessAt }),
        ...(run.lastErrorAt && { lastErrorAt: run.lastErrorAt }),
        ...(run.lastError && { lastError: run.lastError }),
        errors: run.errors,
      }),
      rows: run?.rows ?? 0,
      rowErrors: run?.rowErrors ?? 0,
      ungoverned: Number(ungoverned?.n ?? 0),
    };
  }
}
