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
import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { readPartnersBackendConfig } from '../config';
import {
  createTestDatabaseService,
  createTestDatabases,
} from '../__testUtils__/databases';
import { loadExampleEntities } from '../__testUtils__/examples';
import { DatabaseFindingsStore } from '../database/DatabaseFindingsStore';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import {
  DatabasePartnerRegisterStore,
  readRegisterSnapshot,
} from '../database/DatabasePartnerRegisterStore';
import { FindingsService } from './FindingsService';
import { IdentityIndexSync } from './IdentityIndexSync';
import { crmAccountsOf } from './register/crmAccounts';
import { PartnerRegisterRunner } from './register/PartnerRegisterRunner';

jest.setTimeout(120_000);

const EXAMPLE_REGISTER = path.resolve(
  __dirname,
  '../../../../examples/register/partners.csv',
);
const NOW = new Date('2026-11-28T12:00:00Z');

/** A Partner for the register's Thornbury Analytics, found by its CRM account. */
const THORNBURY: Entity = {
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'Partner',
  metadata: {
    name: 'thornbury',
    namespace: 'default',
    annotations: { 'partners.governance.dev/crm-account': 'KBP-1101' },
  },
  spec: {
    type: 'reseller',
    owner: 'group:default/alliances',
    lifecycle: { stage: 'onboarding' },
    risk: { tier: 'low' },
  },
};

describe('findings with the partner register', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let service: (entities: Entity[]) => Promise<FindingsService>;

    beforeEach(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      const { database } = created;
      const logger = mockServices.logger.mock();
      const auth = mockServices.auth();
      const config = readPartnersBackendConfig(
        new ConfigReader({
          partners: { register: { target: EXAMPLE_REGISTER } },
        }),
      );
      const registerStore = await DatabasePartnerRegisterStore.create({
        database,
      });
      await new PartnerRegisterRunner({
        config: config.register!,
        urlReader: mockServices.urlReader.mock(),
        store: registerStore,
        logger,
      }).run();
      const index = await DatabaseIdentityIndexStore.create({ database });
      const findings = await DatabaseFindingsStore.create({ database });
      service = async entities => {
        const catalog = catalogServiceMock({ entities });
        await new IdentityIndexSync({
          store: index,
          catalog,
          auth,
          logger,
        }).run();
        return new FindingsService({
          index,
          findings,
          catalog,
          auth,
          config: config.partners,
          logger,
          register: {
            snapshot: async () => ({
              ...(await readRegisterSnapshot(knex)),
              crmAccounts: await crmAccountsOf(catalog, auth),
            }),
            link: links => registerStore.linkPartners(links),
          },
        });
      };
    });

    const open = (ruleId: string) =>
      knex('findings')
        .where('rule_id', ruleId)
        .whereNull('resolved_at')
        .orderBy(['entity_ref', 'identity'])
        .select('entity_ref', 'identity', 'partner_ref', 'message');

    it('takes contract dates and status from the register, and says so in the message', async () => {
      await (await service(loadExampleEntities())).recompute(NOW);
      const readAt = (await readRegisterSnapshot(knex)).readAt;

      // Tidewell's file says active until 2027; the register, terminated
      const ended = await open('contract-ended-access-active');
      const tidewell = ended.filter(
        f => f.partner_ref === 'partner:default/tidewell-commerce',
      );
      expect(tidewell.map(f => f.identity).sort()).toEqual([
        'invoice-sync-sa',
        'order-events-webhook',
        'orders-mtls-cert',
        'orders-reader',
        'reseller-billing-admin',
        'sandbox-client',
        'sandbox-key',
      ]);
      expect(tidewell[0].message).toBe(
        `Identity "${tidewell[0].identity}" is still active though the contract ended on 2026-11-20 (contract from the partner register, row 7, read at ${readAt})`,
      );
      // Saltmarsh's file and register agree: the finding stays, from the register
      expect(
        ended.find(f => f.partner_ref === 'partner:default/saltmarsh-helpdesk')
          ?.message,
      ).toMatch(/contract from the partner register, row 4, read at /);

      const ending = await open('contract-ending-no-offboarding');
      expect(ending).toEqual([
        {
          entity_ref: 'partner:default/wrenfield-systems',
          identity: '',
          partner_ref: 'partner:default/wrenfield-systems',
          message: `Contract ends on 2026-12-15 (in 17 days, notice 30) and the partner is in measurement (contract from the partner register, row 8, read at ${readAt})`,
        },
      ]);
    });

    it('raises partner-ungoverned for the live register partners no Partner matches, and resolves it when one does', async () => {
      await (await service(loadExampleEntities())).recompute(NOW);
      expect(
        (await open('partner-ungoverned')).map(f => [
          f.entity_ref,
          f.partner_ref,
        ]),
      ).toEqual([
        ['partner:default/marlow-finch-co', 'partner:default/marlow-finch-co'],
        [
          'partner:default/thornbury-analytics',
          'partner:default/thornbury-analytics',
        ],
      ]);

      // Thornbury's Partner file arrives, under another name: its CRM
      // account matches it to the register's row
      const changes = await (
        await service([...loadExampleEntities(), THORNBURY])
      ).recompute(new Date('2026-11-28T13:00:00Z'));
      expect(changes.resolved).toBe(1);
      expect((await open('partner-ungoverned')).map(f => f.entity_ref)).toEqual(
        ['partner:default/marlow-finch-co'],
      );
    });
  });
});
