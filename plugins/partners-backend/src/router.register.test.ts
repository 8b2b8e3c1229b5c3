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

import { mockCredentials } from '@backstage/backend-test-utils';
import {
  partnersAuditReadPermission,
  type PartnerRegisterStatus,
} from '@partner-governance/plugin-partners-common';
import { ALICE, BOB } from './__testUtils__/actors';
import { grantingPermissions } from './__testUtils__/permissions';
import { stubRouter } from './__testUtils__/stubRouter';

const FAILED: PartnerRegisterStatus = {
  configured: true,
  format: 'csv',
  lastStartedAt: '2026-12-01T01:00:00.000Z',
  lastSuccessAt: '2026-12-01T00:00:05.000Z',
  lastErrorAt: '2026-12-01T01:00:01.000Z',
  lastError:
    "ENOENT: no such file or directory, stat '/srv/exports/crm/partners.csv'",
  rows: 20,
  rowErrors: 1,
  errors: [
    { row: 23, column: 'contract end', message: 'is not an ISO-8601 date' },
  ],
  ungoverned: 2,
};

describe('GET /register', () => {
  let status: PartnerRegisterStatus = FAILED;
  const router = stubRouter({
    permissions: grantingPermissions({
      [partnersAuditReadPermission.name]: [ALICE],
    }),
    register: { status: async () => status },
  });

  const get = (authorization: string) => router.get('/register', authorization);

  it('tells holders of partners.audit.read and services why a read failed and which rows it refused', async () => {
    for (const header of [
      mockCredentials.user.header(ALICE),
      mockCredentials.service.header(),
    ]) {
      const response = await get(header);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(FAILED);
    }
  });

  it('tells everyone else when and how many, not why or which', async () => {
    const response = await get(mockCredentials.user.header(BOB));
    expect(response.status).toBe(200);
    const { lastError: _error, errors: _errors, ...shown } = FAILED;
    expect(await response.json()).toEqual(shown);
  });

  it('says when no register is configured', async () => {
    status = { configured: false, rows: 0, rowErrors: 0, ungoverned: 0 };
    const response = await get(mockCredentials.user.header(BOB));
    expect(await response.json()).toEqual(status);
    status = FAILED;
  });

  it('needs a caller', async () => {
    expect((await get(mockCredentials.none.header())).status).toBe(401);
  });
});
