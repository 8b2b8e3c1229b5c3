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

import { createTestDatabases } from './__testUtils__/databases';
import {
  MIGRATION_CONFIG as config,
  migrateToBefore,
} from './__testUtils__/migrations';
import { registerRow } from './__testUtils__/registerRows';

jest.setTimeout(90_000);

const MIGRATION = '20261220000000_partner_register_link_contracts.js';

describe('the register link contracts migration', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it("fills each link's contract from the row it holds, and its down drops the columns", async () => {
      const knex = await databases.init(databaseId);
      await migrateToBefore(knex, MIGRATION);
      await knex('partner_register_links').insert([
        {
          partner_ref: 'partner:default/acme',
          name_key: 'acme',
          row: JSON.stringify(
            registerRow('Acme', {
              contractEnd: '2026-12-10',
              contractStatus: 'terminated',
            }),
          ),
        },
        {
          partner_ref: 'partner:default/bolt',
          name_key: 'bolt',
          row: JSON.stringify(registerRow('Bolt')),
        },
        // a link from before rows were kept with links
        { partner_ref: 'partner:default/old', name_key: 'old', row: null },
      ]);

      await knex.migrate.up({ ...config, name: MIGRATION });
      expect(
        await knex('partner_register_links')
          .select('partner_ref', 'contract_end', 'contract_status')
          .orderBy('partner_ref'),
      ).toEqual([
        {
          partner_ref: 'partner:default/acme',
          contract_end: '2026-12-10',
          contract_status: 'terminated',
        },
        {
          partner_ref: 'partner:default/bolt',
          contract_end: null,
          contract_status: 'active',
        },
        {
          partner_ref: 'partner:default/old',
          contract_end: null,
          contract_status: null,
        },
      ]);

      await knex.migrate.down({ ...config, name: MIGRATION });
      for (const column of ['contract_end', 'contract_status']) {
        expect(
          await knex.schema.hasColumn('partner_register_links', column),
        ).toBe(false);
      }
      expect(await knex('partner_register_links').count({ n: '*' })).toEqual([
        { n: databaseId.startsWith('POSTGRES') ? '3' : 3 },
      ]);
    });
  });
});
