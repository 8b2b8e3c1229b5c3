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

import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readPartnersConfig } from '@partner-governance/plugin-partners-common';
import { BOB } from './__testUtils__/actors';
import { grantingPermissions } from './__testUtils__/permissions';
import { stubRouter } from './__testUtils__/stubRouter';

const { accessPackages } = readPartnersConfig(
  new ConfigReader({
    partners: {
      accessPackages: {
        'sandbox-full': { scopes: ['sandbox:*'], environments: ['sandbox'] },
        'billing-admin': {
          description: 'Delegated billing administration',
          scopes: ['billing:read', 'billing:write'],
          environments: ['production'],
          privileged: true,
          supportChannels: ['jira:BILL'],
        },
      },
    },
  }),
);

describe('GET /policy/access-packages', () => {
  const auditor = mockServices.auditor.mock();
  const router = stubRouter({
    permissions: grantingPermissions({}),
    auditor,
    accessPackages,
  });

  const list = (authorization: string, query = '') =>
    router.get(`/policy/access-packages${query}`, authorization);

  it('lists the packages by name, with the defaults applied, to users and services', async () => {
    for (const header of [
      mockCredentials.user.header(BOB),
      mockCredentials.service.header(),
    ]) {
      const response = await list(header);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        items: [
          {
            name: 'billing-admin',
            description: 'Delegated billing administration',
            scopes: ['billing:read', 'billing:write'],
            environments: ['production'],
            privileged: true,
            supportChannels: ['jira:BILL'],
          },
          {
            name: 'sandbox-full',
            scopes: ['sandbox:*'],
            environments: ['sandbox'],
            privileged: false,
            supportChannels: [],
          },
        ],
      });
    }
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'policy-fetch' }),
    );
  });

  it('needs a caller and takes no parameters', async () => {
    expect((await list(mockCredentials.none.header())).status).toBe(401);
    expect(
      (await list(mockCredentials.user.header(BOB), '?name=x')).status,
    ).toBe(400);
  });
});
