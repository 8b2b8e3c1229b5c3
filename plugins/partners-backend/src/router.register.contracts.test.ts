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
import { ACME } from './__testUtils__/readEstate';
import { readRouter } from './__testUtils__/readRouter';
import { registerRow } from './__testUtils__/registerRows';
import { DatabasePartnerRegisterStore } from './database/DatabasePartnerRegisterStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const BOLT = 'partner:default/bolt';
const COBALT = 'partner:default/cobalt';

/*
 * The partner index shows and filters by the contract the rules use: the
 * partner register's where its last successful read lists the partner, else
 * what the partner's file says. In the read estate (as of 2026-11-30) acme's
 * file says active until 2027-01-31, bolt's says nothing and cobalt's says
 * terminated on 2026-01-01; the register below says acme was terminated on
 * 2026-12-10 and bolt runs until 2026-12-20, and does not list cobalt.
 */
describe.each(databases.eachSupportedId())(
  'the partner index with a partner register on %s',
  databaseId => {
    const fx = readRouter(databases, databaseId);
    let store: DatabasePartnerRegisterStore;

    beforeAll(async () => {
      store = new DatabasePartnerRegisterStore(fx.knex);
      await store.linkPartners(
        new Map([
          [
            ACME,
            registerRow('Acme', {
              contractEnd: '2026-12-10',
              contractStatus: 'terminated',
            }),
          ],
          [BOLT, registerRow('Bolt', { contractEnd: '2026-12-20' })],
        ]),
      );
    });

    const contracts = async (query = '') => {
      const { status, body } = await fx.get(`/partners?limit=100${query}`);
      expect(status).toBe(200);
      return Object.fromEntries(
        body.items.map(
          (p: {
            entityRef: string;
            contractEnd?: string;
            contractStatus?: string;
          }) => [p.entityRef, [p.contractEnd, p.contractStatus]],
        ),
      );
    };
    const contractsEnding = async () =>
      (await fx.get('/partners/summary')).body.contractsEnding.count;

    it("keeps the files' contracts while the register has no successful read", async () => {
      await store.runFailed('csv', '2026-11-30T07:00:00.000Z', 'unreadable');
      expect(await contracts()).toMatchObject({
        [ACME]: ['2027-01-31', 'active'],
        [BOLT]: [undefined, undefined],
        [COBALT]: ['2026-01-01', 'terminated'],
      });
      expect(
        Object.keys(await contracts('&contractEndsWithinDays=30')),
      ).toEqual([]);
      expect(
        Object.keys(await contracts('&contractEndsWithinDays=62')),
      ).toEqual([ACME]);
    });

    it("shows and filters by the register's contract where it lists the partner", async () => {
      await store.runSucceeded('csv', '2026-11-30T07:30:00.000Z', [], {
        count: 0,
        errors: [],
      });
      expect(await contracts()).toMatchObject({
        [ACME]: ['2026-12-10', 'terminated'],
        [BOLT]: ['2026-12-20', 'active'],
        [COBALT]: ['2026-01-01', 'terminated'],
      });
      // today is 2026-11-30: the 10th is 10 days away, the 20th 20
      expect(Object.keys(await contracts('&contractEndsWithinDays=9'))).toEqual(
        [],
      );
      expect(
        Object.keys(await contracts('&contractEndsWithinDays=10')),
      ).toEqual([ACME]);
      expect(
        Object.keys(await contracts('&contractEndsWithinDays=20')),
      ).toEqual([ACME, BOLT]);
      // acme's file date (2027-01-31) no longer counts
      expect(
        Object.keys(await contracts('&contractEndsWithinDays=62')),
      ).toEqual([ACME, BOLT]);
      const page = await fx.walk('/partners?contractEndsWithinDays=20&limit=1');
      expect(page.map(p => p.items.map(i => i.entityRef))).toEqual([
        [ACME],
        [BOLT],
      ]);
    });

    it('counts the contracts ending within the notice period by the same dates', async () => {
      // the default policy gives notice 30 days ahead
      expect(await contractsEnding()).toBe(2);
      await store.linkPartners(
        new Map([[BOLT, registerRow('Bolt', { contractEnd: '2027-06-30' })]]),
      );
      expect(await contractsEnding()).toBe(0);
      expect(await contracts()).toMatchObject({
        [ACME]: ['2027-01-31', 'active'],
        [BOLT]: ['2027-06-30', 'active'],
      });
    });
  },
);
