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

import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { readPartnersBackendConfig } from '../../config';
import {
  createTestDatabaseService,
  createTestDatabases,
} from '../../__testUtils__/databases';
import {
  DatabasePartnerRegisterStore,
  readRegisterSnapshot,
} from '../../database/DatabasePartnerRegisterStore';
import { PartnerRegisterRunner } from './PartnerRegisterRunner';

jest.setTimeout(90_000);

const HEADER =
  'partner name,crm account,contract start,contract end,status,renewal date,commercial owner';
const CSV = [
  HEADER,
  'Acme Corp,KBP-1,2025-01-01,2027-12-31,active,2027-09-30,Dana Reyes',
  'Beta Ltd,KBP-2,2024-01-01,2026-06-30,terminated,,',
  'Broken,KBP-3,2024-01-01,31/12/2027,active,,',
].join('\n');
const JSON_EXPORT = JSON.stringify([
  { partnerName: 'Acme Corp', status: 'active', contractEnd: '2027-12-31' },
]);

/** A server answering each path with the body `bodies` gives it (404 for none). */
async function exportServer(bodies: Record<string, string>) {
  const server = http.createServer((req, res) => {
    const body = bodies[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200).end(body);
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

describe('PartnerRegisterRunner', () => {
  const databases = createTestDatabases();
  let dir: string;
  let server: http.Server;
  let base: string;
  const bodies: Record<string, string> = {};

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partner-register-'));
    ({ server, base } = await exportServer(bodies));
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await new Promise(done => server.close(done));
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabasePartnerRegisterStore;
    let logger: ReturnType<typeof mockServices.logger.mock>;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabasePartnerRegisterStore.create({
        database: created.database,
      });
      logger = mockServices.logger.mock();
    });

    /** A runner over the register that config describes. */
    function runner(register: JsonObject) {
      const rootConfig = new ConfigReader({
        backend: { reading: { allow: [{ host: new URL(base).host }] } },
        partners: { register },
      });
      return new PartnerRegisterRunner({
        config: readPartnersBackendConfig(rootConfig).register!,
        urlReader: UrlReaders.default({ config: rootConfig, logger }),
        store,
        logger,
      });
    }

    const names = async () =>
      (await readRegisterSnapshot(knex)).rows.map(row => row.partnerName);

    it('reads a CSV file, keeping the rows it can and saying which it cannot', async () => {
      const file = path.join(dir, `${databaseId}-partners.csv`);
      fs.writeFileSync(file, CSV);
      await runner({ target: file }).run();
      expect(await names()).toEqual(['Acme Corp', 'Beta Ltd']);
      expect(await store.status()).toMatchObject({
        format: 'csv',
        rows: 2,
        rowErrors: 1,
        errors: [
          {
            row: 4,
            column: 'contract end',
            message: 'is not an ISO-8601 date',
          },
        ],
      });
      expect(logger.warn).toHaveBeenCalledWith(
        'Partner register row 4, contract end is not an ISO-8601 date; the row is not kept',
      );
    });

    it('reads a JSON export from a URL through the URL reader', async () => {
      bodies[`/${databaseId}/partners.json`] = JSON_EXPORT;
      await runner({ target: `${base}/${databaseId}/partners.json` }).run();
      expect(await names()).toEqual(['Acme Corp']);
      expect(await store.status()).toMatchObject({ format: 'json', rows: 1 });
    });

    it('keeps the last good register when the export is gone, too big or unreadable, recording why', async () => {
      bodies[`/${databaseId}/r.csv`] = CSV;
      const url = `${base}/${databaseId}/r.csv`;
      await runner({ target: url }).run();
      expect(await names()).toEqual(['Acme Corp', 'Beta Ltd']);
      const lastSuccessAt = (await store.status())?.lastSuccessAt;

      const failures: Array<[JsonObject, string | RegExp]> = [
        [
          { target: url, maxBytes: 100 },
          /^the export is \d+ bytes or more, more than the limit of 100 \(partners\.register\.maxBytes\)$/,
        ],
        [
          { target: `${base}/${databaseId}/gone.csv` },
          /could not be read|NotFound|404/i,
        ],
        [{ target: path.join(dir, 'missing.csv') }, /ENOENT/],
        [
          { target: path.join(dir, `${databaseId}-big.csv`), maxBytes: 50 },
          /^the export is \d+ bytes or more, more than the limit of 50/,
        ],
        [{ target: url, format: 'json' }, 'the export is not JSON'],
      ];
      fs.writeFileSync(path.join(dir, `${databaseId}-big.csv`), CSV);
      for (const [register, error] of failures) {
        await runner(register).run();
        const status = await store.status();
        expect(status).toMatchObject({ lastSuccessAt, rows: 2 });
        expect(status?.lastError).toMatch(error);
        expect(await names()).toEqual(['Acme Corp', 'Beta Ltd']);
      }
      expect(logger.error).toHaveBeenLastCalledWith(
        'The partner register could not be read; the last register read stays: the export is not JSON',
      );

      // a good read clears the error
      await runner({ target: url }).run();
      expect(await store.status()).not.toHaveProperty('lastError');
    });

    it('does not parse an export it read last while the register holds what that read kept', async () => {
      const file = path.join(dir, `${databaseId}-again.csv`);
      fs.writeFileSync(file, CSV);
      const reader = runner({ target: file });
      await reader.run();
      expect(await names()).toEqual(['Acme Corp', 'Beta Ltd']);
      const first = await store.status();

      // the same bytes: recorded as read, rows and refusals as they were
      await reader.run();
      expect(logger.info).toHaveBeenLastCalledWith(
        'Read the partner register: the export is the one read last, and the register still holds what that read kept',
      );
      expect(await store.status()).toEqual({
        ...first,
        lastStartedAt: expect.any(String),
        lastSuccessAt: expect.any(String),
      });
      expect(await names()).toEqual(['Acme Corp', 'Beta Ltd']);

      // another reader wrote the register since: the same bytes are read in full
      const other = path.join(dir, `${databaseId}-other.csv`);
      fs.writeFileSync(other, [HEADER, 'Gamma,,,,active,,'].join('\n'));
      await runner({ target: other }).run();
      expect(await names()).toEqual(['Gamma']);
      await reader.run();
      expect(await names()).toEqual(['Acme Corp', 'Beta Ltd']);
      expect(logger.info).toHaveBeenLastCalledWith(
        'Read the partner register: 2 partners (1 rows refused; 2 new, 0 changed, 1 gone)',
      );

      // changed bytes are read in full
      fs.writeFileSync(file, CSV.replace('Dana Reyes', 'Sam Okafor'));
      await reader.run();
      expect((await readRegisterSnapshot(knex)).rows[0].commercialOwner).toBe(
        'Sam Okafor',
      );
    });

    it('withholds a failure that quotes a secret value', async () => {
      const token = `ghp_${'A1b2C3d4E5'.repeat(3)}123456`;
      const failing = new PartnerRegisterRunner({
        config: readPartnersBackendConfig(
          new ConfigReader({
            partners: { register: { target: 'https://crm.example/p.csv' } },
          }),
        ).register!,
        urlReader: mockServices.urlReader.mock({
          readUrl: async () => {
            throw new Error(`401 for token ${token}`);
          },
        }),
        store,
        logger,
      });
      await failing.run();
      expect((await store.status())?.lastError).toBe(
        'the error message held a secret value and is withheld',
      );
    });
  });
});
