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

import path from 'node:path';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { createTestDatabases } from './__testUtils__/databases';
import { partnersBackend, SCHEDULE } from './__testUtils__/pluginBackend';

jest.setTimeout(90_000);

const EXAMPLE_REGISTER = path.resolve(
  __dirname,
  '../../../examples/register/partners.csv',
);

const configWith = (partners: JsonObject) =>
  mockServices.rootConfig.factory({
    data: { partners: { sync: { schedule: SCHEDULE }, ...partners } },
  });

describe('partnersPlugin partner register', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = partnersBackend(databases, databaseId);

    const get = async (route: string) => {
      const response = await fetch(fx.url(route), {
        headers: { Authorization: mockCredentials.user.header() },
      });
      expect(response.status).toBe(200);
      return response.json();
    };

    async function startWith(partners: JsonObject) {
      const scheduler = mockServices.scheduler.mock();
      await fx.start(configWith(partners), scheduler.factory);
      const tasks = new Map(
        scheduler.scheduleTask.mock.calls.map(([task]) => [
          task.id,
          task as SchedulerServiceTaskInvocationDefinition,
        ]),
      );
      return tasks;
    }

    it('reads the register on its schedule, on one instance at a time, and the next refresh uses it', async () => {
      const tasks = await startWith({
        register: { target: EXAMPLE_REGISTER },
      });
      const read = tasks.get('partners-register-read')!;
      expect(read).toMatchObject({
        scope: 'global',
        frequency: { hours: 1 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 5 },
      });
      await read.fn(new AbortController().signal);
      await tasks.get('partners-index-sync')!.fn(new AbortController().signal);

      const register = await get('/register');
      expect(register).toEqual({
        configured: true,
        format: 'csv',
        lastStartedAt: expect.any(String),
        lastSuccessAt: expect.any(String),
        rows: 21,
        rowErrors: 1,
        errors: [
          {
            row: 23,
            column: 'contract end',
            message: 'is not an ISO-8601 date',
          },
        ],
        ungoverned: 2,
      });

      // Tidewell's file says active until 2027; the register, terminated
      const tidewell = await get('/partners/tidewell-commerce');
      expect(tidewell.register).toEqual({
        row: 7,
        partnerName: 'Tidewell Commerce',
        crmAccount: 'KBP-1012',
        contractStart: '2024-06-01',
        contractEnd: '2026-11-20',
        status: 'terminated',
        contractStatus: 'terminated',
        commercialOwner: 'marcus.bell@kestrelbay.example',
        readAt: register.lastSuccessAt,
      });
      const ended = (
        await get(
          '/findings?ruleId=contract-ended-access-active&partner=tidewell-commerce&limit=100',
        )
      ).items;
      expect(ended).toHaveLength(7);
      expect(ended[0].message).toContain(
        `(contract from the partner register, row 7, read at ${register.lastSuccessAt})`,
      );
      const ungoverned = (
        await get('/findings?ruleId=partner-ungoverned&status=open')
      ).items.map((f: { entityRef: string }) => f.entityRef);
      expect(ungoverned.sort()).toEqual([
        'partner:default/marlow-finch-co',
        'partner:default/thornbury-analytics',
      ]);
    });

    it('without partners.register reads nothing and says so', async () => {
      const tasks = await startWith({});
      expect(tasks.has('partners-register-read')).toBe(false);
      await tasks.get('partners-index-sync')!.fn(new AbortController().signal);
      expect(await get('/register')).toEqual({
        configured: false,
        rows: 0,
        rowErrors: 0,
        ungoverned: 0,
      });
      expect(await get('/partners/tidewell-commerce')).not.toHaveProperty(
        'register',
      );
    });

    it("shows the register's contract in the partner index, and nothing of it once the register is removed", async () => {
      const tidewellInIndex = async () =>
        (await get('/partners?limit=100')).items.find(
          (p: { entityRef: string }) =>
            p.entityRef === 'partner:default/tidewell-commerce',
        );
      const tasks = await startWith({
        register: { target: EXAMPLE_REGISTER },
      });
      await tasks
        .get('partners-register-read')!
        .fn(new AbortController().signal);
      await tasks.get('partners-index-sync')!.fn(new AbortController().signal);
      // the file says active until 2027-12-31
      expect(await tidewellInIndex()).toMatchObject({
        contractEnd: '2026-11-20',
        contractStatus: 'terminated',
      });

      await fx.stop();
      const without = await startWith({});
      await without
        .get('partners-index-sync')!
        .fn(new AbortController().signal);
      expect(await tidewellInIndex()).toMatchObject({
        contractEnd: '2027-12-31',
        contractStatus: 'active',
      });
      expect(await get('/partners/tidewell-commerce')).not.toHaveProperty(
        'register',
      );
    });

    it('refuses to start with a register it cannot read, naming the key', async () => {
      await expect(
        startWith({ register: { target: 'https://crm.example/export' } }),
      ).rejects.toThrow(
        "Invalid config at partners.register.format: the target's extension names no format; give format (csv or json)",
      );
    });
  });
});
