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
import {
  createTestDatabaseService,
  createTestDatabases,
} from '../__testUtils__/databases';
import {
  DatabasePartnerRegisterStore,
  linkedRegisterRow,
  readRegisterSnapshot,
} from './DatabasePartnerRegisterStore';
import { registerRow } from '../__testUtils__/registerRows';

jest.setTimeout(90_000);

const T1 = '2026-11-28T09:00:00.000Z';
const T2 = '2026-11-28T10:00:00.000Z';
const T3 = '2026-11-28T11:00:00.000Z';

const row = registerRow;

const NONE = { count: 0, errors: [] };

const HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

describe('DatabasePartnerRegisterStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabasePartnerRegisterStore;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabasePartnerRegisterStore.create({
        database: created.database,
      });
    });

    it('keeps what a read held, and a later read replaces it, counting what changed', async () => {
      const acme = row('Acme Corp', {
        crmAccount: 'KBP-1',
        contractStart: '2025-01-01',
        contractEnd: '2027-12-31',
        renewalDate: '2027-09-30',
        commercialOwner: 'Dana Reyes',
      });
      const beta = row('Beta Ltd', { row: 3 });
      const gamma = row('Gamma', {
        row: 4,
        status: 'notice',
        contractStatus: 'notice',
      });
      expect(
        await store.runSucceeded('csv', T1, [acme, beta, gamma], NONE),
      ).toEqual({ inserted: 3, updated: 0, deleted: 0, rowsHash: HASH });
      expect(await readRegisterSnapshot(knex)).toEqual({
        readAt: T1,
        rows: [acme, beta, gamma],
      });

      const terminated = {
        ...acme,
        status: 'terminated',
        contractStatus: 'terminated' as const,
      };
      const delta = row('Delta', { row: 4 });
      expect(
        await store.runSucceeded('csv', T2, [terminated, beta, delta], {
          count: 1,
          errors: [{ row: 5, column: 'status', message: 'is empty' }],
        }),
      ).toEqual({ inserted: 1, updated: 1, deleted: 1, rowsHash: HASH });
      expect(await readRegisterSnapshot(knex)).toEqual({
        readAt: T2,
        rows: [terminated, beta, delta],
      });
      expect(await store.status()).toEqual({
        format: 'csv',
        lastSuccessAt: T2,
        rows: 3,
        rowErrors: 1,
        errors: [{ row: 5, column: 'status', message: 'is empty' }],
      });

      // the same rows again: nothing changed, the same hash, and the run
      // recorded without the snapshot written again
      const second = await store.runSucceeded(
        'csv',
        T2,
        [terminated, beta, delta],
        NONE,
      );
      await knex('partner_register_runs').update({ snapshot: '[]' });
      expect(
        await store.runSucceeded('csv', T3, [terminated, beta, delta], NONE),
      ).toEqual({
        inserted: 0,
        updated: 0,
        deleted: 0,
        rowsHash: second.rowsHash,
      });
      expect(await readRegisterSnapshot(knex)).toEqual({
        readAt: T3,
        rows: [],
      });
    });

    it('records a repeated read only while the register holds the rows of that hash', async () => {
      const { rowsHash } = await store.runSucceeded(
        'csv',
        T1,
        [row('Acme Corp')],
        NONE,
      );
      await store.runFailed('csv', T2, 'the export is not CSV');
      expect(await store.runRepeated('json', T3, rowsHash)).toBe(true);
      expect(await store.status()).toEqual({
        format: 'json',
        lastSuccessAt: T3,
        rows: 1,
        rowErrors: 0,
        errors: [],
      });
      expect(await readRegisterSnapshot(knex)).toEqual({
        readAt: T3,
        rows: [row('Acme Corp')],
      });

      // another read replaced the register since: nothing is written
      await store.runSucceeded('csv', T1, [row('Beta')], NONE);
      expect(await store.runRepeated('csv', T3, rowsHash)).toBe(false);
      expect(await readRegisterSnapshot(knex)).toEqual({
        readAt: T1,
        rows: [row('Beta')],
      });
      await knex('partner_register_runs').delete();
      expect(await store.runRepeated('csv', T3, rowsHash)).toBe(false);
      expect(await store.status()).toBeUndefined();
    });

    it('keeps the last good register when a read fails, recording why until one succeeds', async () => {
      expect(await store.status()).toBeUndefined();
      expect(await readRegisterSnapshot(knex)).toEqual({ rows: [] });
      await store.runStarted('json', T1);
      await store.runSucceeded('json', T1, [row('Acme Corp')], NONE);
      await store.runStarted('json', T2);
      await store.runFailed('json', T2, 'the export is not JSON');
      expect(await readRegisterSnapshot(knex)).toEqual({
        readAt: T1,
        rows: [row('Acme Corp')],
      });
      expect(await store.status()).toEqual({
        format: 'json',
        lastStartedAt: T2,
        lastSuccessAt: T1,
        lastErrorAt: T2,
        lastError: 'the export is not JSON',
        rows: 1,
        rowErrors: 0,
        errors: [],
      });
      await store.runSucceeded('json', T3, [row('Acme Corp')], NONE);
      expect(await store.status()).toEqual(
        expect.not.objectContaining({ lastError: expect.anything() }),
      );
    });

    it('refuses two rows of one partner, leaving the register as it was', async () => {
      await store.runSucceeded(
        'csv',
        T1,
        [row('Acme Corp'), row('Beta')],
        NONE,
      );
      const many = Array.from({ length: 1200 }, (_, i) => row(`P ${i}`));
      await expect(
        store.runSucceeded(
          'csv',
          T2,
          [row('Acme Corp', { status: 'notice' }), ...many, row('P-7')],
          NONE,
        ),
      ).rejects.toThrow(
        'the register cannot hold two rows of one partner (p-7, row 2)',
      );
      expect(await readRegisterSnapshot(knex)).toEqual({
        readAt: T1,
        rows: [row('Acme Corp'), row('Beta')],
      });
      expect((await store.status())?.lastSuccessAt).toBe(T1);
    });

    it('records which row each Partner matched, writing only what changed, and gives a Partner its row', async () => {
      const acme = row('Acme Corp', { crmAccount: 'KBP-1', row: 2 });
      const beta = row('Beta', { row: 3 });
      expect(await linkedRegisterRow(knex, 'partner:default/acme')).toBe(
        undefined,
      );
      await store.runSucceeded('csv', T1, [acme, beta], NONE);
      await store.linkPartners(
        new Map([
          ['partner:default/acme', acme],
          ['partner:default/beta', beta],
        ]),
      );
      expect(await linkedRegisterRow(knex, 'partner:default/acme')).toEqual({
        readAt: T1,
        row: acme,
      });
      const links = () =>
        knex('partner_register_links')
          .orderBy('partner_ref')
          .select('partner_ref', 'name_key');
      await store.linkPartners(
        new Map([
          ['partner:default/acme', beta],
          ['partner:default/gamma', acme],
        ]),
      );
      expect(await links()).toEqual([
        { partner_ref: 'partner:default/acme', name_key: 'beta' },
        { partner_ref: 'partner:default/gamma', name_key: 'acme-corp' },
      ]);
      expect(await linkedRegisterRow(knex, 'partner:default/beta')).toBe(
        undefined,
      );

      // a Partner keeps the row the rules used until they run again, with
      // when the register was last read
      const noticed = {
        ...acme,
        status: 'notice',
        contractStatus: 'notice' as const,
      };
      await store.runSucceeded('csv', T2, [noticed], NONE);
      expect(await linkedRegisterRow(knex, 'partner:default/gamma')).toEqual({
        readAt: T2,
        row: acme,
      });
      await store.linkPartners(new Map([['partner:default/gamma', noticed]]));
      expect(await links()).toEqual([
        { partner_ref: 'partner:default/gamma', name_key: 'acme-corp' },
      ]);
      expect(await linkedRegisterRow(knex, 'partner:default/gamma')).toEqual({
        readAt: T2,
        row: noticed,
      });
      expect(await linkedRegisterRow(knex, 'partner:default/acme')).toBe(
        undefined,
      );
    });
  });
});
