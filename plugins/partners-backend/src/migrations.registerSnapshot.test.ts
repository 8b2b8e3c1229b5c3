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

import type { Knex } from 'knex';
import { createTestDatabases } from './__testUtils__/databases';
import {
  MIGRATION_CONFIG as config,
  migrateToBefore,
} from './__testUtils__/migrations';
import {
  linkedRegisterRow,
  readRegisterSnapshot,
} from './database/DatabasePartnerRegisterStore';

jest.setTimeout(90_000);

const MIGRATION = '20261219000000_partner_register_snapshot.js';
const READ_AT = '2026-12-01T09:00:00.000Z';

const ACME_COLUMNS = {
  name_key: 'acme-corp',
  row_number: 2,
  partner_name: 'Acme Corp',
  crm_account: 'KBP-1',
  crm_key: 'kbp-1',
  contract_start: '2025-01-01',
  contract_end: '2027-12-31',
  status: 'Renewing',
  contract_status: 'active',
  renewal_date: '2027-09-30',
  commercial_owner: 'Dana Reyes',
};
const BETA_COLUMNS = {
  name_key: 'beta',
  row_number: 3,
  partner_name: 'Beta',
  crm_account: null,
  crm_key: null,
  contract_start: null,
  contract_end: '2026-06-30',
  status: 'terminated',
  contract_status: 'terminated',
  renewal_date: null,
  commercial_owner: null,
};
const ACME = {
  row: 2,
  partnerName: 'Acme Corp',
  nameKey: 'acme-corp',
  crmAccount: 'KBP-1',
  contractStart: '2025-01-01',
  contractEnd: '2027-12-31',
  status: 'Renewing',
  contractStatus: 'active',
  renewalDate: '2027-09-30',
  commercialOwner: 'Dana Reyes',
};
const BETA = {
  row: 3,
  partnerName: 'Beta',
  nameKey: 'beta',
  contractEnd: '2026-06-30',
  status: 'terminated',
  contractStatus: 'terminated',
};

/** How PostgreSQL stores the snapshot column; undefined on other databases. */
async function snapshotStorage(knex: Knex): Promise<string | undefined> {
  if (knex.client.dialect !== 'postgresql') {
    return undefined;
  }
  const { rows } = await knex.raw(
    `SELECT attstorage FROM pg_attribute
      WHERE attrelid = 'partner_register_runs'::regclass AND attname = 'snapshot'`,
  );
  return rows[0]?.attstorage;
}

describe('the partner register snapshot migration', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('moves the register rows into the snapshot and the links, and its down moves them back', async () => {
      const knex = await databases.init(databaseId);
      await migrateToBefore(knex, MIGRATION);
      // stored in the reverse of export order
      await knex('partner_register_rows').insert([BETA_COLUMNS, ACME_COLUMNS]);
      await knex('partner_register_runs').insert({
        id: 'register',
        format: 'csv',
        last_success_at: READ_AT,
        rows: 2,
        row_errors: 0,
        rows_hash: 'h',
      });
      await knex('partner_register_links').insert([
        { partner_ref: 'partner:default/acme', name_key: 'acme-corp' },
        { partner_ref: 'partner:default/gone', name_key: 'dropped' },
      ]);

      await knex.migrate.up({ ...config, name: MIGRATION });
      expect(await knex.schema.hasTable('partner_register_rows')).toBe(false);
      expect(await readRegisterSnapshot(knex)).toEqual({
        readAt: READ_AT,
        rows: [ACME, BETA],
      });
      // the next read compares its rows with these one by one
      expect(await knex('partner_register_runs').first('rows_hash')).toEqual({
        rows_hash: null,
      });
      expect(await linkedRegisterRow(knex, 'partner:default/acme')).toEqual({
        readAt: READ_AT,
        row: ACME,
      });
      expect(await knex('partner_register_links').pluck('partner_ref')).toEqual(
        ['partner:default/acme'],
      );

      // on PostgreSQL stored out of line, uncompressed
      expect(await snapshotStorage(knex)).toBe(
        databaseId.startsWith('POSTGRES') ? 'e' : undefined,
      );

      await knex.migrate.down({ ...config, name: MIGRATION });
      expect(await knex('partner_register_rows').orderBy('row_number')).toEqual(
        [ACME_COLUMNS, BETA_COLUMNS],
      );
      expect(
        await knex.schema.hasColumn('partner_register_runs', 'snapshot'),
      ).toBe(false);
      expect(await knex.schema.hasColumn('partner_register_links', 'row')).toBe(
        false,
      );
    });
  });
});
