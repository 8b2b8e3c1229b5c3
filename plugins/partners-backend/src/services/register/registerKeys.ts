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

import { createHash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';
import type { PartnerEntityV1alpha1 } from '@partner-governance/plugin-partners-common';

/*
 * The partner register's rows, and how a row finds its Partner: by the CRM
 * account the Partner's `partners.governance.dev/crm-account` annotation
 * names, else by name (the Partner's name or title, compared as keys).
 */

/** A contract status the Partner kind allows. */
export type ContractStatus = NonNullable<
  NonNullable<PartnerEntityV1alpha1['spec']['contract']>['status']
>;

/** The annotation that names a Partner's account in the CRM. */
export const CRM_ACCOUNT_ANNOTATION = 'partners.governance.dev/crm-account';

/** The documented columns of the export, by the key config names them with. */
export const REGISTER_COLUMNS = {
  partnerName: 'partner name',
  crmAccount: 'crm account',
  contractStart: 'contract start',
  contractEnd: 'contract end',
  status: 'status',
  renewalDate: 'renewal date',
  commercialOwner: 'commercial owner',
} as const;

/** A documented column. */
export type RegisterColumn = keyof typeof REGISTER_COLUMNS;

/** The columns every export must have. */
export const REQUIRED_COLUMNS: readonly RegisterColumn[] = [
  'partnerName',
  'contractStart',
  'contractEnd',
  'status',
];

/**
 * The statuses an export may write (any case), and the contract status the
 * Partner kind names each with: a contract under renewal is still active.
 */
export const REGISTER_STATUSES: ReadonlyMap<string, ContractStatus> = new Map<
  string,
  ContractStatus
>([
  ['active', 'active'],
  ['renewing', 'active'],
  ['notice', 'notice'],
  ['terminated', 'terminated'],
  ['cancelled', 'terminated'],
  ['expired', 'expired'],
]);

/** One partner as the register lists it. */
export interface RegisterRow {
  /** A CSV export's row as a spreadsheet numbers it (the header is 1); a JSON export's position, from 1. */
  row: number;
  partnerName: string;
  /** {@link nameKey} of the name: what the row is stored and matched by. */
  nameKey: string;
  crmAccount?: string;
  contractStart?: string;
  contractEnd?: string;
  /** As the export writes it. */
  status: string;
  contractStatus: ContractStatus;
  renewalDate?: string;
  commercialOwner?: string;
}

/** A letter or digit beyond ASCII. */
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function isLetterOrDigit(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
  }
  return LETTER_OR_DIGIT.test(char);
}

/** Text in ASCII only. */
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007f]*$/;

/** A run of ASCII characters that are neither letters nor digits. */
const ASCII_GAP = /[^a-z0-9]+/g;

/** A `-` at either end. */
const END_DASH = /^-|-$/g;

/**
 * A name as a key: lower case, each run of characters that are neither
 * letters nor digits as one `-`, none at either end. `Ashcombe Hosting`,
 * `ashcombe-hosting` and `ASHCOMBE_HOSTING` have the same key. (Case as
 * Unicode maps it, whatever the machine's locale.)
 */
export function nameKey(name: string): string {
  const lower = name.toLowerCase();
  if (ASCII.test(lower)) {
    // most names: the same key, by two native replaces
    return lower.replace(ASCII_GAP, '-').replace(END_DASH, '');
  }
  let key = '';
  let gap = false;
  for (const char of lower) {
    if (isLetterOrDigit(char)) {
      key += gap && key !== '' ? `-${char}` : char;
      gap = false;
    } else {
      gap = true;
    }
  }
  return key;
}

/** A CRM account id as a key: trimmed, in lower case. */
export function crmKey(account: string): string {
  return account.trim().toLowerCase();
}

/** What a Partner is matched by: its CRM account, its name and title as keys. */
export interface PartnerKeys {
  crm?: string;
  names: string[];
}

/**
 * The keys of a Partner entity; its CRM account from its annotation, or as
 * given (a key) when the entity at hand carries no annotations.
 */
export function partnerKeysOf(
  entity: Entity,
  crmAccount?: string,
): PartnerKeys {
  const crm =
    crmAccount ?? entity.metadata.annotations?.[CRM_ACCOUNT_ANNOTATION];
  const names = [entity.metadata.name, entity.metadata.title]
    .filter((name): name is string => typeof name === 'string')
    .map(nameKey)
    .filter(key => key !== '');
  return {
    ...(typeof crm === 'string' && crm.trim() && { crm: crmKey(crm) }),
    names: [...new Set(names)],
  };
}

/** Where a Partner's row is looked up: by CRM account key, by name key. */
export interface RegisterLookup {
  byCrm(key: string): RegisterRow | undefined;
  byName(key: string): RegisterRow | undefined;
}

/** A lookup over rows held in memory. */
export function lookupOf(rows: readonly RegisterRow[]): RegisterLookup {
  const byCrm = new Map<string, RegisterRow>();
  const byName = new Map<string, RegisterRow>();
  for (const row of rows) {
    byName.set(row.nameKey, row);
    if (row.crmAccount) {
      byCrm.set(crmKey(row.crmAccount), row);
    }
  }
  return { byCrm: key => byCrm.get(key), byName: key => byName.get(key) };
}

/**
 * The register row of a Partner: the row of its CRM account; else the row
 * of its name, then of its title, unless that row names another CRM account
 * than the Partner's.
 */
export function registerRowFor(
  keys: PartnerKeys,
  lookup: RegisterLookup,
): RegisterRow | undefined {
  const byCrm = keys.crm ? lookup.byCrm(keys.crm) : undefined;
  if (byCrm) {
    return byCrm;
  }
  for (const name of keys.names) {
    const row = lookup.byName(name);
    const rowCrm = row?.crmAccount ? crmKey(row.crmAccount) : undefined;
    if (row && !(keys.crm && rowCrm && rowCrm !== keys.crm)) {
      return row;
    }
  }
  return undefined;
}

/** The longest name of an entity. */
const MAX_ENTITY_NAME = 63;

/**
 * The ref a finding about a register row with no Partner is filed under:
 * `partner:default/<its name key>`, the name a Partner for it would have; a
 * key longer than an entity name may be is cut and ends in a hash of the
 * whole, so that two rows never share one.
 */
export function ungovernedRefOf(key: string): string {
  if (key.length <= MAX_ENTITY_NAME) {
    return `partner:default/${key}`;
  }
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
  const head = key.slice(0, MAX_ENTITY_NAME - hash.length - 1);
  return `partner:default/${head.replace(/-$/, '')}-${hash}`;
}
