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
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/databases';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(90_000);

describe('migrateDatabase', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('waits for another instance holding the migration lock, then finds the migrations applied', async () => {
      const knex = await databases.init(databaseId);
      // another instance is migrating: it holds knex's lock
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
      try {
        await knex.migrate.latest({ directory: empty });
      } finally {
        fs.rmSync(empty, { recursive: true });
      }
      await knex('knex_migrations_lock').update({ is_locked: 1 });
      const pending = migrateDatabase(mockServices.database({ knex }));
      let settled = false;
      pending.then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise(resolve => setTimeout(resolve, 1500));
      expect(settled).toBe(false);
      await knex('knex_migrations_lock').update({ is_locked: 0 });
      await expect(pending).resolves.toBe(knex);
      expect(await knex.schema.hasTable('audit_events')).toBe(true);
    });

    it('does not remember a failed run: the next call migrates', async () => {
      const knex = await databases.init(databaseId);
      const database = {
        getClient: jest
          .fn()
          .mockRejectedValueOnce(new Error('connection refused'))
          .mockResolvedValue(knex),
      };
      await expect(migrateDatabase(database)).rejects.toThrow(
        'connection refused',
      );
      await expect(migrateDatabase(database)).resolves.toBe(knex);
      await expect(migrateDatabase(database)).resolves.toBe(knex);
      expect(database.getClient).toHaveBeenCalledTimes(2);
      expect(await knex.schema.hasTable('audit_events')).toBe(true);
    });
  });
});
