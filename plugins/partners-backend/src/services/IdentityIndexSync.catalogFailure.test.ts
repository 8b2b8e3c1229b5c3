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

import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { createTestDatabases, dumpTables } from '../__testUtils__/databases';
import { loadExampleEntities } from '../__testUtils__/examples';
import {
  failingCatalog,
  isIntegration,
  openSyncFixture,
  type SyncFixture,
  syncTools,
  T1,
  T2,
  T3,
} from '../__testUtils__/identityIndexSync';
import type { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { IdentityIndexSync } from './IdentityIndexSync';

jest.setTimeout(90_000);

describe('IdentityIndexSync', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseIdentityIndexStore;
    let entities: Entity[];
    let logger: SyncFixture['logger'];

    beforeEach(async () => {
      ({ knex, store, entities, logger } = await openSyncFixture(
        databases,
        databaseId,
      ));
    });

    const { syncOver } = syncTools(() => ({
      knex,
      store,
      entities,
      logger,
    }));

    it('leaves the index as it was when the catalog fails half-way', async () => {
      await syncOver(entities).run(T1);
      const before = await dumpTables(knex);

      // what a complete read would have changed: a partner and a removal
      const changed = loadExampleEntities().filter(
        e => e.metadata.name !== 'ashcombe-backup-ops',
      );
      const partner = changed.find(e => e.kind === 'Partner')!;
      partner.metadata.title = 'Renamed while the catalog failed';
      const pageOne = changed.filter(
        e => e.kind === 'Partner' || isIntegration(e),
      );

      await expect(syncOver(failingCatalog(pageOne)).run(T2)).rejects.toThrow(
        'catalog went away',
      );
      expect(await dumpTables(knex)).toEqual(before);

      // and the next good sync picks up from the intact index
      await expect(syncOver(entities).run(T3)).resolves.toMatchObject({
        changed: 0,
        gone: 0,
        rowsWritten: 0,
      });
    });

    it('leaves an empty index empty when the catalog fails on the first run', async () => {
      await expect(syncOver(failingCatalog(entities)).run(T1)).rejects.toThrow(
        'catalog went away',
      );
      const dump = await dumpTables(knex);
      expect(Object.values(dump).every(rows => rows.length === 0)).toBe(true);
    });

    describe('a catalog that suddenly lists much less', () => {
      it('marks nothing gone when it lists nothing, and says so', async () => {
        await syncOver(entities).run(T1);
        const before = await dumpTables(knex);
        await expect(syncOver([]).run(T2)).resolves.toMatchObject({
          partners: 0,
          integrations: 0,
          gone: 0,
          rowsWritten: 0,
        });
        expect(await dumpTables(knex)).toEqual(before);
        expect(logger.warn).toHaveBeenCalledWith(
          expect.stringMatching(
            /^The catalog no longer lists \d+ of the \d+ partners and integrations in the index, more than the share of 0\.5 one sync may mark gone \(partners\.sync\.maxGoneFraction\): marking none of them gone\./,
          ),
        );
      });

      it('still writes the rest of the run', async () => {
        await syncOver(entities).run(T1);
        const partners = entities.filter(e => e.kind === 'Partner');
        const renamed = structuredClone(partners[0]);
        renamed.metadata.title = 'Renamed';
        await expect(syncOver([renamed]).run(T2)).resolves.toMatchObject({
          changed: 1,
          gone: 0,
        });
      });

      it('marks them gone at exactly the allowed share, or when configured higher', async () => {
        await syncOver(entities).run(T1);
        const live = entities.filter(
          e => e.kind === 'Partner' || isIntegration(e),
        ).length;
        const allowed = Math.floor(live / 2);
        const kept = [
          ...entities.filter(e => e.kind !== 'Partner' && !isIntegration(e)),
          ...entities
            .filter(e => e.kind === 'Partner' || isIntegration(e))
            .slice(allowed),
        ];
        await expect(syncOver(kept).run(T2)).resolves.toMatchObject({
          gone: allowed,
        });
        expect(logger.warn).not.toHaveBeenCalled();

        const wider = new IdentityIndexSync({
          store,
          catalog: catalogServiceMock({ entities: [] }),
          auth: mockServices.auth(),
          logger,
          maxGoneFraction: 1,
        });
        await expect(wider.run(T3)).resolves.toMatchObject({
          gone: live - allowed,
        });
      });
    });
  });
});
