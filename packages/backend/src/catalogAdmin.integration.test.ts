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
import path from 'node:path';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import catalogBackend from '@backstage/plugin-catalog-backend';
import {
  catalogLocationsExtensionPoint,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import permissionBackend from '@backstage/plugin-permission-backend';
import { parse } from 'yaml';
import {
  GROUPS,
  GUEST,
  NOOR,
  httpAuthWithActors,
  userInfoOf,
} from './__testUtils__/partnersTestBackend';
import { partnersExamplePermissionPolicyModule } from './partnersPermissionPolicy';

jest.setTimeout(90_000);

/** The portal's own catalog rules, from the app-config it ships with. */
const appConfig = parse(
  fs.readFileSync(path.resolve(__dirname, '../../../app-config.yaml'), 'utf8'),
);

/** What the catalog reported as processing errors. */
const processingErrors: string[] = [];

/**
 * Lets the test register a file it writes, as a URL location would be, and
 * collects the catalog's processing errors.
 */
const testHooks = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-hooks',
  register(env) {
    env.registerInit({
      deps: {
        locations: catalogLocationsExtensionPoint,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ locations, processing }) {
        locations.setAllowedLocationTypes(['url', 'file']);
        processing.setOnProcessingErrorHandler(event => {
          processingErrors.push(...event.errors.map(String));
        });
      },
    });
  },
});

/*
 * The real catalog and permission backends with the example policy and the
 * portal's catalog rules: who may register a location or delete an entity,
 * and what a registered location may define.
 */
describe('the example portal keeps the catalog to its admins', () => {
  const mockDir = createMockDirectory();
  let backend: TestBackend;

  beforeAll(async () => {
    mockDir.setContent({
      'another.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: x }\nspec: { type: team, children: [] }\n',
      'team.yaml': [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata: { name: harmless-service }',
        'spec: { type: service, lifecycle: production, owner: group:default/team-orders }',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: User',
        'metadata: { name: mallory }',
        'spec: { memberOf: [group:default/security] }',
        '',
      ].join('\n'),
    });
    backend = await startTestBackend({
      features: [
        catalogBackend,
        testHooks,
        permissionBackend,
        partnersExamplePermissionPolicyModule,
        httpAuthWithActors,
        userInfoOf(GROUPS),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: appConfig.catalog.rules,
              // A team's file, as any location other than the
              // organisation's: it tries to add a user to security.
              locations: [
                { type: 'file', target: mockDir.resolve('team.yaml') },
              ],
              stitchingStrategy: { pollingInterval: { milliseconds: 100 } },
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const call = (method: string, route: string, user: string, body?: object) =>
    fetch(`http://localhost:${backend.server.port()}/api/catalog${route}`, {
      method,
      headers: {
        authorization: `Bearer ${mockCredentials.user.token(user)}`,
        ...(body && { 'content-type': 'application/json' }),
      },
      body: body && JSON.stringify(body),
    });

  const location = () => ({
    type: 'file',
    target: mockDir.resolve('another.yaml'),
  });

  async function eventually<T>(check: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        return await check();
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    }
  }

  it('refuses to register a location for a user outside the security group', async () => {
    const response = await call('POST', '/locations', GUEST, location());
    expect(response.status).toBe(403);
    // Locations from config are not listed; nothing was registered.
    const list = await (await call('GET', '/locations', GUEST)).json();
    expect(list).toEqual([]);
  });

  it('lets a security member register one', async () => {
    const response = await call('POST', '/locations', NOOR, location());
    expect(response.status).toBe(201);
  });

  it('refuses a user, and the rest of its file, from a location other than the organisation file', async () => {
    await eventually(async () => {
      expect(processingErrors).toEqual([
        expect.stringMatching(
          /^NotAllowedError: Entity user:default\/mallory at file:.*team\.yaml, originated at file:.*team\.yaml, is not of an allowed kind for that location$/,
        ),
      ]);
    });
    for (const ref of [
      'user/default/mallory',
      'component/default/harmless-service',
    ]) {
      expect((await call('GET', `/entities/by-name/${ref}`, NOOR)).status).toBe(
        404,
      );
    }
  });

  it('refuses to delete a location for a user outside the security group', async () => {
    const locations = await (await call('GET', '/locations', NOOR)).json();
    const registered = locations.find(
      (l: { data: { target: string } }) => l.data.target === location().target,
    );
    expect(registered).toBeDefined();
    const route = `/locations/${registered.data.id}`;
    expect((await call('DELETE', route, GUEST)).status).toBe(403);
    expect((await call('DELETE', route, NOOR)).status).toBe(204);
  });
});
