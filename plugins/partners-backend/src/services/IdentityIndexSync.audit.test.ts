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

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
  dumpTables,
} from '../__testUtils__/databases';
import { EXAMPLE_COUNTS, loadExampleEntities } from '../__testUtils__/examples';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { createRouter } from '../router';
import { IdentityIndexSync } from './IdentityIndexSync';
import { createReadModels } from './read';
import type { ReviewsService } from './ReviewsService';

jest.setTimeout(90_000);

const T1 = new Date('2026-11-29T08:00:00.000Z');
const T2 = new Date('2026-11-29T08:05:00.000Z');
const T3 = new Date('2026-11-29T08:10:00.000Z');

/** A catalog that yields its first page and then fails. */
function failingCatalog(entities: Entity[]): CatalogService {
  return catalogServiceMock.mock({
    async *streamEntities() {
      yield entities.slice(0, 20);
      throw new Error('catalog went away');
    },
  });
}

describe('index.synced audit events', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: DatabaseIdentityIndexStore;

    const syncOver = (catalog: Entity[] | CatalogService) =>
      new IdentityIndexSync({
        store,
        catalog: Array.isArray(catalog)
          ? catalogServiceMock({ entities: catalog })
          : catalog,
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
      });

    const events = () =>
      knex('audit_events').where('action', 'index.synced').orderBy('id');

    /** An audit row as stored, with its JSON parsed. */
    const row = (at: Date, actor: string, after: Record<string, number>) => ({
      id: expect.anything(),
      at: at.toISOString(),
      actor,
      action: 'index.synced',
      subject_type: 'index',
      subject_ref: 'catalog',
      partner_ref: null,
      before: null,
      after: JSON.stringify(after),
    });

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      store = await DatabaseIdentityIndexStore.create({
        database: created.database,
      });
    });

    it('records a scheduled run that changed the index, and not an unchanged re-run', async () => {
      const first = await syncOver(loadExampleEntities()).run(T1);
      expect(first.rowsWritten).toBeGreaterThan(0);
      expect(await events()).toEqual([
        row(T1, 'plugin:partners', {
          partners: EXAMPLE_COUNTS.partners,
          integrations: EXAMPLE_COUNTS.integrations,
          changed: EXAMPLE_COUNTS.partners + EXAMPLE_COUNTS.integrations,
          gone: 0,
          rowsWritten: first.rowsWritten,
        }),
      ]);

      // the five-minute schedule over an unchanged catalog
      await syncOver(loadExampleEntities()).run(T2);
      await syncOver(loadExampleEntities()).run(T3);
      expect(await events()).toHaveLength(1);

      // a partner leaves the catalog: that run is recorded
      const all = loadExampleEntities();
      const leaving = all.find(e => e.kind === 'Partner')!;
      const entities = all.filter(e => e !== leaving);
      await syncOver(entities).run(T3);
      const recorded = await events();
      expect(recorded).toHaveLength(2);
      expect(recorded[1]).toEqual(
        row(T3, 'plugin:partners', {
          partners: EXAMPLE_COUNTS.partners - 1,
          integrations: EXAMPLE_COUNTS.integrations,
          changed: 0,
          gone: 1,
          rowsWritten: 1,
        }),
      );
    });

    it('records every run someone triggered, changed or not, with them as the actor', async () => {
      await syncOver(loadExampleEntities()).run(T1, {
        actor: 'user:default/jane',
      });
      await syncOver(loadExampleEntities()).run(T2, {
        actor: 'user:default/jane',
      });
      const recorded = await events();
      expect(recorded).toHaveLength(2);
      expect(recorded[0].actor).toBe('user:default/jane');
      expect(recorded[1]).toEqual(
        row(T2, 'user:default/jane', {
          partners: EXAMPLE_COUNTS.partners,
          integrations: EXAMPLE_COUNTS.integrations,
          changed: 0,
          gone: 0,
          rowsWritten: 0,
        }),
      );
    });

    it('records nothing for a run whose catalog read fails', async () => {
      await expect(
        syncOver(failingCatalog(loadExampleEntities())).run(T1, {
          actor: 'user:default/jane',
        }),
      ).rejects.toThrow('catalog went away');
      expect(await events()).toEqual([]);
      expect((await dumpTables(knex)).partners).toEqual([]);
    });

    it('records nothing, and writes nothing, when the index write fails', async () => {
      // the last table the sync writes is missing: the transaction rolls back
      await knex.schema.dropTable('integration_accesses');
      await expect(
        syncOver(loadExampleEntities()).run(T1, {
          actor: 'user:default/jane',
        }),
      ).rejects.toMatchObject({
        message: expect.stringMatching(/integration_accesses/),
      });
      expect(await events()).toEqual([]);
      expect(Number((await knex('partners').count({ n: '*' }))[0].n)).toBe(0);
      expect(Number((await knex('identities').count({ n: '*' }))[0].n)).toBe(0);
    });

    describe('POST /sync', () => {
      let server: Server;
      let baseUrl: string;

      beforeEach(async () => {
        const permissions = mockServices.permissions.mock();
        permissions.authorize.mockResolvedValue([
          { result: AuthorizeResult.ALLOW },
        ]);
        const router = await createRouter({
          httpAuth: mockServices.httpAuth(),
          permissions,
          auditor: mockServices.auditor.mock(),
          sync: syncOver(loadExampleEntities()),
          reads: createReadModels(knex),
          userInfo: mockServices.userInfo(),
          reviews: {} as ReviewsService,
          audit: { list: jest.fn() },
          validateResponses: true,
        });
        const app = express().use(router).use(mockErrorHandler());
        server = await new Promise<Server>(resolve => {
          const listening = app.listen(0, '127.0.0.1', () =>
            resolve(listening),
          );
        });
        baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      });

      afterEach(async () => {
        await new Promise(resolve => server?.close(resolve));
      });

      const post = (authorization: string) =>
        fetch(`${baseUrl}/sync`, {
          method: 'POST',
          headers: { Authorization: authorization },
        });

      it('records the calling user or service as the actor of each run', async () => {
        expect((await post(mockCredentials.user.header())).status).toBe(200);
        expect(
          (await post(mockCredentials.user.header('user:default/jane'))).status,
        ).toBe(200);
        expect((await post(mockCredentials.service.header())).status).toBe(200);
        const recorded = await events();
        expect(recorded.map(e => e.actor)).toEqual([
          mockCredentials.user().principal.userEntityRef,
          'user:default/jane',
          mockCredentials.service().principal.subject,
        ]);
        expect(recorded.map(e => JSON.parse(e.after).changed)).toEqual([
          EXAMPLE_COUNTS.partners + EXAMPLE_COUNTS.integrations,
          0,
          0,
        ]);
      });

      it('records nothing for a caller denied the sync', async () => {
        const denied = mockServices.permissions.mock();
        denied.authorize.mockResolvedValue([{ result: AuthorizeResult.DENY }]);
        await new Promise(resolve => server.close(resolve));
        const router = await createRouter({
          httpAuth: mockServices.httpAuth(),
          permissions: denied,
          auditor: mockServices.auditor.mock(),
          sync: syncOver(loadExampleEntities()),
          reads: createReadModels(knex),
          userInfo: mockServices.userInfo(),
          reviews: {} as ReviewsService,
          audit: { list: jest.fn() },
        });
        const app = express().use(router).use(mockErrorHandler());
        server = await new Promise<Server>(resolve => {
          const listening = app.listen(0, '127.0.0.1', () =>
            resolve(listening),
          );
        });
        baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        expect((await post(mockCredentials.user.header())).status).toBe(403);
        expect(await events()).toEqual([]);
      });
    });
  });
});
