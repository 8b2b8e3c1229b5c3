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

import {
  createBackendModule,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { partnersIdentitySourcesExtensionPoint } from '@partner-governance/plugin-partners-node';
import { createTestDatabases } from './__testUtils__/databases';
import { partnersBackend, SCHEDULE } from './__testUtils__/pluginBackend';

jest.setTimeout(90_000);

/** A module adding a source type that observes the roles its entry lists. */
const staticSources = createBackendModule({
  pluginId: 'partners',
  moduleId: 'static-identity-source',
  register(env) {
    env.registerInit({
      deps: { sources: partnersIdentitySourcesExtensionPoint },
      async init({ sources }) {
        sources.addIdentitySourceFactory({
          type: 'static',
          create: ({ id, config }) => ({
            id,
            async *observe() {
              const partner = config.getOptionalString('partner');
              yield config.getStringArray('roles').map(name => ({
                externalId: name,
                type: 'service-account' as const,
                name,
                ...(partner && { partner }),
                scopes: [],
                status: 'active' as const,
              }));
            },
          }),
        });
      },
    });
  },
});

const configWith = (identitySources: JsonObject) =>
  mockServices.rootConfig.factory({
    data: { partners: { sync: { schedule: SCHEDULE }, identitySources } },
  });

describe('partnersPlugin identity sources', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = partnersBackend(databases, databaseId);

    it('schedules each configured source on one instance at a time, and a run keeps what it observed', async () => {
      const scheduler = mockServices.scheduler.mock();
      await fx.start(
        configWith({
          'partner-db': {
            type: 'static',
            roles: ['partner_lumen_reader', 'partner_acme_sync'],
          },
          directory: {
            type: 'static',
            roles: ['uid=svc-lumen'],
            schedule: { frequency: { hours: 1 }, timeout: { minutes: 5 } },
          },
        }),
        scheduler.factory,
        staticSources,
      );
      const tasks = new Map(
        scheduler.scheduleTask.mock.calls.map(([task]) => [
          task.id,
          task as SchedulerServiceTaskInvocationDefinition,
        ]),
      );
      const db = tasks.get('partners-identity-source-partner-db')!;
      const directory = tasks.get('partners-identity-source-directory')!;
      expect(db).toMatchObject({
        scope: 'global',
        frequency: { minutes: 15 },
        timeout: { minutes: 10 },
      });
      expect(directory).toMatchObject({
        scope: 'global',
        frequency: { hours: 1 },
        timeout: { minutes: 5 },
      });

      await db.fn(new AbortController().signal);
      expect(
        (
          await fx
            .knex('observed_identities')
            .orderBy('external_id')
            .select('source_id', 'external_id')
        ).map(row => [row.source_id, row.external_id]),
      ).toEqual([
        ['partner-db', 'partner_acme_sync'],
        ['partner-db', 'partner_lumen_reader'],
      ]);
      const [run] = await fx.knex('identity_source_runs');
      expect(run).toMatchObject({ source_id: 'partner-db', type: 'static' });

      // the API lists both, the one that has not run yet with its id and type
      const response = await fetch(fx.url('/identity-sources'), {
        headers: { Authorization: mockCredentials.user.header() },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        items: [
          {
            id: 'directory',
            type: 'static',
            observed: 0,
            active: 0,
            refused: 0,
          },
          {
            id: 'partner-db',
            type: 'static',
            lastStartedAt: run.last_started_at,
            lastSuccessAt: run.last_success_at,
            observed: 2,
            active: 2,
            refused: 0,
          },
        ],
      });
    });

    it('raises a finding for an identity a source observes and no file declares, on the next refresh', async () => {
      const scheduler = mockServices.scheduler.mock();
      await fx.start(
        configWith({
          'partner-db': {
            type: 'static',
            partner: 'cinderpath',
            roles: ['partner_cinderpath_shadow'],
          },
        }),
        scheduler.factory,
        staticSources,
      );
      const task = (id: string) =>
        scheduler.scheduleTask.mock.calls
          .map(([t]) => t as SchedulerServiceTaskInvocationDefinition)
          .find(t => t.id === id)!
          .fn(new AbortController().signal);
      await task('partners-identity-source-partner-db');
      await task('partners-index-sync');
      expect(
        await fx
          .knex('findings')
          .where('rule_id', 'identity-undeclared')
          .select('entity_ref', 'identity', 'severity'),
      ).toEqual([
        {
          entity_ref: 'partner:default/cinderpath',
          identity: 'partner-db:partner_cinderpath_shadow',
          severity: 'high',
        },
      ]);
    });

    it('refuses to start with a source whose type no module provides, naming the key', async () => {
      await expect(
        fx.start(
          configWith({ 'partner-db': { type: 'postgres' } }),
          staticSources,
        ),
      ).rejects.toThrow(
        'Invalid config at partners.identitySources.partner-db.type: no installed module provides identity sources of type "postgres"',
      );
    });

    it('refuses to start with a source id observedAs could not name', async () => {
      await expect(
        fx.start(
          configWith({ 'partner db': { type: 'static', roles: [] } }),
          staticSources,
        ),
      ).rejects.toThrow(
        'Invalid config at partners.identitySources.partner db: a source id is 1 to 63 letters, digits, - and _',
      );
    });
  });
});
