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

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ConfigReader } from '@backstage/config';
import {
  FILE_RULE_IDS,
  readPartnersConfig,
} from '@partner-governance/plugin-partners-common';
import type { JsonObject } from '@backstage/types';
import { parse as parseYaml } from 'yaml';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseFindingsStore } from '../database/DatabaseFindingsStore';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import {
  TEST_DATABASE_IDS,
  createTestDatabaseService,
  createTestDatabases,
} from '../__testUtils__/databases';
import { loadExampleEntities } from '../__testUtils__/examples';
import { IdentityIndexSync } from './IdentityIndexSync';
import { FindingsService } from './FindingsService';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/** The partners: block of the repository's app-config, as the portal reads it. */
function examplePartnersConfig() {
  const file = path.resolve(__dirname, '../../../../app-config.yaml');
  const data = parseYaml(fs.readFileSync(file, 'utf8')) as {
    partners: JsonObject;
  };
  return { partners: data.partners };
}

const finding = (overrides: Record<string, unknown> = {}) => ({
  ruleId: 'identity-dormant' as const,
  severity: 'medium' as const,
  entityRef: 'partnerintegration:default/acme-api',
  identity: 'acme-key',
  partnerRef: 'partner:default/acme',
  message: 'Identity "acme-key" was last used 120 days ago (limit 90)',
  frameworks: ['NHI1', 'CIS 5.3'],
  ...overrides,
});

describe.each(TEST_DATABASE_IDS)('findings on %s', databaseId => {
  it('opens, keeps, resolves and reopens findings with first and last seen', async () => {
    const { knex, database } = await createTestDatabaseService(
      databases,
      databaseId,
    );
    const store = await DatabaseFindingsStore.create({ database });

    expect(
      await store.storeEvaluation([finding()], '2026-11-01T00:00:00.000Z'),
    ).toEqual({
      opened: 1,
      resolved: 0,
      open: 1,
    });
    expect(
      await store.storeEvaluation([finding()], '2026-11-02T00:00:00.000Z'),
    ).toEqual({
      opened: 0,
      resolved: 0,
      open: 1,
    });
    let [row] = await knex('findings').select();
    expect(row).toMatchObject({
      rule_id: 'identity-dormant',
      entity_ref: 'partnerintegration:default/acme-api',
      identity: 'acme-key',
      partner_ref: 'partner:default/acme',
      first_seen_at: '2026-11-01T00:00:00.000Z',
      last_seen_at: '2026-11-02T00:00:00.000Z',
      resolved_at: null,
    });
    expect(JSON.parse(row.frameworks)).toEqual(['NHI1', 'CIS 5.3']);

    expect(await store.storeEvaluation([], '2026-11-03T00:00:00.000Z')).toEqual(
      {
        opened: 0,
        resolved: 1,
        open: 0,
      },
    );
    [row] = await knex('findings').select();
    expect(row.resolved_at).toBe('2026-11-03T00:00:00.000Z');
    expect(row.last_seen_at).toBe('2026-11-03T00:00:00.000Z');

    // Firing again is a new occurrence of the same finding row.
    await store.storeEvaluation(
      [finding({ severity: 'high', message: 'changed' })],
      '2026-11-04T00:00:00.000Z',
    );
    const rows = await knex('findings').select();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      severity: 'high',
      message: 'changed',
      first_seen_at: '2026-11-04T00:00:00.000Z',
      resolved_at: null,
    });
  });

  it('keeps findings of different identities apart and counts duplicates once', async () => {
    const { knex, database } = await createTestDatabaseService(
      databases,
      databaseId,
    );
    const store = await DatabaseFindingsStore.create({ database });
    const many = Array.from({ length: 120 }, (_, i) =>
      finding({ identity: `key-${i}` }),
    );
    const partnerLevel = finding({
      ruleId: 'partner-dormant',
      entityRef: 'partner:default/acme',
      identity: undefined,
    });
    expect(
      await store.storeEvaluation(
        [...many, many[0], partnerLevel],
        '2026-11-01T00:00:00.000Z',
      ),
    ).toEqual({ opened: 121, resolved: 0, open: 121 });
    const [{ n }] = await knex('findings').count({ n: '*' });
    expect(Number(n)).toBe(121);
    const [partnerRow] = await knex('findings').where(
      'rule_id',
      'partner-dormant',
    );
    expect(partnerRow.identity).toBe('');
  });

  it('evaluates every files-only rule over the example estate synced from the catalog', async () => {
    const { knex, database } = await createTestDatabaseService(
      databases,
      databaseId,
    );
    const catalog = catalogServiceMock({ entities: loadExampleEntities() });
    const auth = mockServices.auth();
    const logger = mockServices.logger.mock();
    const index = await DatabaseIdentityIndexStore.create({ database });
    await new IdentityIndexSync({ store: index, catalog, auth, logger }).run();

    const service = new FindingsService({
      index,
      findings: await DatabaseFindingsStore.create({ database }),
      catalog,
      auth,
      config: readPartnersConfig(new ConfigReader(examplePartnersConfig())),
      logger,
    });
    const changes = await service.recompute(new Date('2026-11-28T12:00:00Z'));
    expect(changes.opened).toBe(changes.open);

    const rows = await knex('findings').select();
    expect(new Set(rows.map(r => r.rule_id))).toEqual(new Set(FILE_RULE_IDS));
    const shared = rows.find(
      r => r.rule_id === 'identity-shared' && r.identity === 'shared-ops-key',
    );
    expect(shared).toMatchObject({
      entity_ref: 'partnerintegration:default/cinderpath-order-ops',
      partner_ref: 'partner:default/cinderpath-it-services',
    });
    // The owner check uses the catalog's Groups and Users.
    expect(
      rows.filter(r => r.rule_id === 'owner-missing').map(r => r.entity_ref),
    ).toEqual(['partner:default/driftwood-referral-network']);

    // Nothing changed: a second evaluation opens and resolves nothing.
    expect(await service.recompute(new Date('2026-11-28T13:00:00Z'))).toEqual({
      opened: 0,
      resolved: 0,
      open: changes.open,
    });
  });

  it("stores the backend rules' findings with the file rules' ones", async () => {
    const { knex, database } = await createTestDatabaseService(
      databases,
      databaseId,
    );
    const catalog = catalogServiceMock({ entities: [] });
    const overdue = finding({
      ruleId: 'review-overdue',
      severity: 'high',
      identity: undefined,
      message: 'The access review is overdue',
      frameworks: ['PR.AA-05', 'GV.SC-07', 'CIS 5.5'],
    });
    const backendFindings = jest
      .fn()
      .mockResolvedValueOnce([overdue])
      .mockResolvedValueOnce([]);
    const service = new FindingsService({
      index: await DatabaseIdentityIndexStore.create({ database }),
      findings: await DatabaseFindingsStore.create({ database }),
      catalog,
      auth: mockServices.auth(),
      config: readPartnersConfig(new ConfigReader({})),
      logger: mockServices.logger.mock(),
      backendFindings,
    });
    const now = new Date('2026-11-28T12:00:00Z');
    expect(await service.recompute(now)).toEqual({
      opened: 1,
      resolved: 0,
      open: 1,
    });
    // without identity sources, with an empty snapshot of observations
    expect(backendFindings).toHaveBeenCalledWith(now, {
      succeeded: new Map(),
      identities: new Map(),
    });
    expect(
      await knex('findings').select('rule_id', 'entity_ref', 'resolved_at'),
    ).toEqual([
      {
        rule_id: 'review-overdue',
        entity_ref: 'partnerintegration:default/acme-api',
        resolved_at: null,
      },
    ]);
    // the review was decided: the next recompute resolves the finding
    expect(await service.recompute(new Date('2026-11-28T13:00:00Z'))).toEqual({
      opened: 0,
      resolved: 1,
      open: 0,
    });
  });
});
