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

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { partnersSyncPermission } from '@partner-governance/plugin-partners-common';
import express from 'express';
import type { Knex } from 'knex';
import { dumpTables, INDEX_TABLES } from './__testUtils__/databases';
import { EXAMPLE_COUNTS, loadExampleEntities } from './__testUtils__/examples';
import { DatabaseIdentityIndexStore } from './database/DatabaseIdentityIndexStore';
import { createRouter } from './router';
import { IdentityIndexSync } from './services/IdentityIndexSync';
import { createReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

jest.setTimeout(60_000);

describe('createRouter', () => {
  // the router, not the database, is under test here: SQLite only
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let server: Server;
  let baseUrl: string;
  let permissions: ReturnType<typeof mockServices.permissions.mock>;
  let auditor: ReturnType<typeof mockServices.auditor.mock>;
  let entities: Entity[];

  async function start(catalog = catalogServiceMock({ entities })) {
    knex = await databases.init('SQLITE_3');
    const store = await DatabaseIdentityIndexStore.create({
      database: mockServices.database({ knex }),
    });
    const sync = new IdentityIndexSync({
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      auditor,
      sync,
      reads: createReadModels(knex),
      userInfo: mockServices.userInfo(),
      reviews: {} as ReviewsService,
      audit: { list: jest.fn() },
      validateResponses: true,
    });
    const app = express().use(router).use(mockErrorHandler());
    server = await new Promise<Server>(resolve => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  /** The success and fail mocks of the n-th audit event. */
  async function auditEvent(n = 0) {
    return (await auditor.createEvent.mock.results[n].value) as {
      success: jest.Mock;
      fail: jest.Mock;
    };
  }

  const rowCount = async () => {
    const dump = await dumpTables(knex);
    return INDEX_TABLES.reduce((sum, table) => sum + dump[table].length, 0);
  };

  beforeEach(() => {
    entities = loadExampleEntities();
    permissions = mockServices.permissions.mock();
    permissions.authorize.mockResolvedValue([
      { result: AuthorizeResult.ALLOW },
    ]);
    auditor = mockServices.auditor.mock();
  });

  afterEach(async () => {
    await new Promise(resolve => server?.close(resolve));
  });

  describe('GET /health', () => {
    it('answers ok', async () => {
      await start();
      const response = await fetch(`${baseUrl}/health`);
      expect(response.status).toBe(200);
      await expect(response.json()).resolves.toEqual({ status: 'ok' });
      expect(permissions.authorize).not.toHaveBeenCalled();
      expect(auditor.createEvent).not.toHaveBeenCalled();
    });

    it('refuses a query, as the spec says', async () => {
      await start();
      for (const query of ['probe=1', 'probe=%00']) {
        const response = await fetch(`${baseUrl}/health?${query}`);
        expect(response.status).toBe(400);
        const body = await response.json();
        expect(body.error.name).toBe('InputError');
      }
    });
  });

  describe('request bodies', () => {
    it('refuses a body that is not JSON without quoting it', async () => {
      await start();
      const secret = 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB';
      const response = await fetch(`${baseUrl}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: `${secret.slice(0, 12)}${secret.slice(12)}`,
      });
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(JSON.parse(text).error).toEqual({
        name: 'InputError',
        message: 'request/body is not valid JSON',
      });
      expect(text).not.toContain(secret.slice(0, 6));
      expect(permissions.authorize).not.toHaveBeenCalled();
    });

    it('refuses a body over the size limit, naming the limit', async () => {
      await start();
      const response = await fetch(`${baseUrl}/sync`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ padding: 'x'.repeat(100 * 1024) }),
      });
      expect(response.status).toBe(400);
      expect((await response.json()).error).toEqual({
        name: 'InputError',
        message: 'request/body is larger than 102400 bytes',
      });
      expect(permissions.authorize).not.toHaveBeenCalled();
    });
  });

  describe('POST /sync', () => {
    it('syncs the index when allowed, and audits the success', async () => {
      await start();
      const response = await fetch(`${baseUrl}/sync`, { method: 'POST' });
      expect(response.status).toBe(200);
      const summary = await response.json();
      expect(summary).toEqual({
        partners: EXAMPLE_COUNTS.partners,
        integrations: EXAMPLE_COUNTS.integrations,
        changed: EXAMPLE_COUNTS.partners + EXAMPLE_COUNTS.integrations,
        gone: 0,
        rowsWritten: await rowCount(),
      });
      expect(summary.rowsWritten).toBeGreaterThan(0);
      expect(Number((await knex('identities').count({ n: '*' }))[0].n)).toBe(
        EXAMPLE_COUNTS.identities,
      );

      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: partnersSyncPermission }],
        { credentials: mockCredentials.user() },
      );
      expect(auditor.createEvent).toHaveBeenCalledTimes(1);
      expect(auditor.createEvent).toHaveBeenCalledWith({
        eventId: 'index-sync',
        severityLevel: 'medium',
        request: expect.objectContaining({ method: 'POST' }),
      });
      const event = await auditEvent();
      expect(event.success).toHaveBeenCalledWith({ meta: summary });
      expect(event.fail).not.toHaveBeenCalled();

      // a second sync finds nothing to write
      const again = await fetch(`${baseUrl}/sync`, { method: 'POST' });
      expect(again.status).toBe(200);
      await expect(again.json()).resolves.toMatchObject({
        changed: 0,
        rowsWritten: 0,
      });
      expect((await auditEvent(1)).success).toHaveBeenCalledWith({
        meta: expect.objectContaining({ rowsWritten: 0 }),
      });
    });

    it('accepts service callers', async () => {
      await start();
      const response = await fetch(`${baseUrl}/sync`, {
        method: 'POST',
        headers: { Authorization: mockCredentials.service.header() },
      });
      expect(response.status).toBe(200);
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: partnersSyncPermission }],
        { credentials: mockCredentials.service() },
      );
    });

    it('refuses with 403 when the permission is denied, writes nothing and audits the failure', async () => {
      permissions.authorize.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      await start();

      const response = await fetch(`${baseUrl}/sync`, { method: 'POST' });
      expect(response.status).toBe(403);
      const body = await response.json();
      expect(body.error).toMatchObject({
        name: 'NotAllowedError',
        message: 'You may not trigger a partner index sync',
      });
      expect(body.response).toEqual({ statusCode: 403 });
      expect(await rowCount()).toBe(0);

      const event = await auditEvent();
      expect(event.success).not.toHaveBeenCalled();
      expect(event.fail).toHaveBeenCalledWith({
        error: expect.objectContaining({ name: 'NotAllowedError' }),
      });
    });

    it('refuses with 401 without credentials', async () => {
      await start();
      const response = await fetch(`${baseUrl}/sync`, {
        method: 'POST',
        headers: { Authorization: mockCredentials.none.header() },
      });
      expect(response.status).toBe(401);
      await expect(response.json()).resolves.toMatchObject({
        error: { name: 'AuthenticationError' },
      });
      expect(permissions.authorize).not.toHaveBeenCalled();
      expect(await rowCount()).toBe(0);
      expect((await auditEvent()).fail).toHaveBeenCalledWith({
        error: expect.objectContaining({ name: 'AuthenticationError' }),
      });
    });

    it('answers 500 and audits the failure when the catalog fails', async () => {
      await start(
        catalogServiceMock.mock({
          async *streamEntities() {
            yield entities.slice(0, 10);
            throw new Error('catalog went away');
          },
        }),
      );
      const response = await fetch(`${baseUrl}/sync`, { method: 'POST' });
      expect(response.status).toBe(500);
      expect(await rowCount()).toBe(0);
      const event = await auditEvent();
      expect(event.success).not.toHaveBeenCalled();
      expect(event.fail).toHaveBeenCalledWith({
        error: expect.objectContaining({ message: 'catalog went away' }),
      });
    });
  });
});
