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
  type IdentitySourceStatus,
} from '@partner-governance/plugin-partners-common';
import { ALICE, BOB } from './__testUtils__/actors';
import { grantingPermissions } from './__testUtils__/permissions';
import { stubRouter } from './__testUtils__/stubRouter';

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
  const router = stubRouter({
    permissions: grantingPermissions({
      [partnersAuditReadPermission.name]: [ALICE],
    }),
    identitySources: { list: async () => [FAILED] },
  });

  const list = (authorization: string) =>
    router.get('/identity-sources', authorization);

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
