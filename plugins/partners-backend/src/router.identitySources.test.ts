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
} from '@backstage/backend-test-utils';
import {
  partnersAuditReadPermission,
  type IdentitySourceStatus,
} from '@partner-governance/plugin-partners-common';
import express from 'express';
import { ALICE, BOB } from './__testUtils__/actors';
import { grantingPermissions } from './__testUtils__/permissions';
import { createRouter } from './router';
import type { ReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

const FAILED: IdentitySourceStatus = {
  id: 'directory',
  type: 'ldap',
  lastStartedAt: '2026-12-01T00:15:00.000Z',
  lastSuccessAt: '2026-12-01T00:00:00.000Z',
  lastErrorAt: '2026-12-01T00:15:01.000Z',
  lastError:
    'Cannot bind to ldaps://ldap.internal:636 as cn=governance,dc=example,dc=com: InvalidCredentialsError (code 49)',
  observed: 12,
  active: 10,
  refused: 0,
};

describe('GET /identity-sources', () => {
  let server: Server;
  let baseUrl: string;

  beforeAll(async () => {
    const router = await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: grantingPermissions({
        [partnersAuditReadPermission.name]: [ALICE],
      }),
      auditor: mockServices.auditor.mock(),
      sync: { run: jest.fn() },
      reads: {} as ReadModels,
      userInfo: mockServices.userInfo(),
      reviews: {} as ReviewsService,
      audit: { list: jest.fn() },
      identitySources: { list: async () => [FAILED] },
      validateResponses: true,
    });
    const app = express().use(router).use(mockErrorHandler());
    server = await new Promise<Server>(resolve => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  const list = (authorization: string) =>
    fetch(`${baseUrl}/identity-sources`, { headers: { authorization } });

  it('tells holders of partners.audit.read and services why a run failed', async () => {
    for (const header of [
      mockCredentials.user.header(ALICE),
      mockCredentials.service.header(),
    ]) {
      const response = await list(header);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ items: [FAILED] });
    }
  });

  it('tells everyone else that it failed and when, not why', async () => {
    const response = await list(mockCredentials.user.header(BOB));
    expect(response.status).toBe(200);
    const { lastError: _hidden, ...withoutError } = FAILED;
    expect(await response.json()).toEqual({ items: [withoutError] });
  });

  it('needs a caller', async () => {
    expect((await list(mockCredentials.none.header())).status).toBe(401);
  });
});
