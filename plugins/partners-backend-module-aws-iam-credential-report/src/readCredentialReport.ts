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

import {
  partnerOf,
  type ObservedIdentity,
} from '@partner-governance/plugin-partners-node';
import { parse } from 'csv-parse/sync';

/** The columns a credential report must have, as AWS documents them. */
const REQUIRED_COLUMNS = [
  'user',
  'arn',
  'user_creation_time',
  'access_key_1_active',
  'access_key_1_last_rotated',
  'access_key_1_last_used_date',
  'access_key_1_last_used_region',
  'access_key_1_last_used_service',
  'access_key_2_active',
  'access_key_2_last_rotated',
  'access_key_2_last_used_date',
  'access_key_2_last_used_region',
  'access_key_2_last_used_service',
] as const;

type ReportRow = Record<(typeof REQUIRED_COLUMNS)[number], string>;

/** What the report writes for a date or value it does not have. */
const ABSENT = new Set(['N/A', 'not_supported', 'no_information', '']);

const valueOf = (text: string) => (ABSENT.has(text) ? undefined : text);

/** The access keys of a report, and the rows it could not read. */
export interface CredentialReport {
  identities: ObservedIdentity[];
  /** Why rows were left out, by line; never quoting a value. */
  problems: string[];
}

/**
 * Reads an IAM credential report (CSV, as `GenerateCredentialReport` and
 * `GetCredentialReport` give it): one identity per active access key of a
 * user the pattern attributes to a partner, `<user>/key1` or `<user>/key2`,
 * with when the key was last rotated and last used. Throws when the text is
 * not CSV or lacks a documented column; a row with an unreadable value is
 * left out and said.
 */
export function readCredentialReport(
  text: string,
  pattern: RegExp,
): CredentialReport {
  if (!text.trim()) {
    // Read as "no users", an empty file would make every key look gone.
    throw new Error('The credential report is empty');
  }
  let missing: string[] = [];
  let rows: ReportRow[];
  try {
    rows = parse(text, {
      columns: (header: string[]) => {
        missing = REQUIRED_COLUMNS.filter(column => !header.includes(column));
        return header;
      },
      bom: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new Error(
      `The credential report is not CSV as AWS writes it (${
        (error as { code?: string }).code ?? 'unreadable'
      })`,
    );
  }
  if (missing.length > 0) {
    throw new Error(
      `The credential report has no column ${missing.join(', ')}`,
    );
  }
  const identities: ObservedIdentity[] = [];
  const problems: string[] = [];
  rows.forEach((row, index) => {
    const partner = partnerOf(pattern, row.user);
    if (!partner) {
      return;
    }
    for (const key of [1, 2] as const) {
      const active = row[`access_key_${key}_active`];
      if (active !== 'true' && active !== 'false') {
        problems.push(
          `line ${
            index + 2
          }: access_key_${key}_active is neither true nor false`,
        );
        continue;
      }
      if (active === 'false') {
        continue;
      }
      const lastRotated = valueOf(row[`access_key_${key}_last_rotated`]);
      const lastUsed = valueOf(row[`access_key_${key}_last_used_date`]);
      const region = valueOf(row[`access_key_${key}_last_used_region`]);
      const service = valueOf(row[`access_key_${key}_last_used_service`]);
      const created = valueOf(row.user_creation_time);
      identities.push({
        externalId: `${row.user}/key${key}`,
        type: 'api-key',
        name: `${row.user}/key${key}`,
        partner,
        scopes: [],
        ...(lastRotated && { lastRotated }),
        ...(lastUsed && { lastUsed }),
        status: 'active',
        attributes: {
          arn: row.arn,
          ...(created && { userCreated: created }),
          ...(region && { lastUsedRegion: region }),
          ...(service && { lastUsedService: service }),
        },
      });
    }
  });
  return { identities, problems };
}
