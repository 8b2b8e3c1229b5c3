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
  MIGRATION_CONFIG as config,
  migrateToBefore,
} from './__testUtils__/migrations';
import { createTestDatabases } from './__testUtils__/databases';
import { historyRows } from './__testUtils__/stageHistory';

jest.setTimeout(90_000);

const MIGRATION = '20261218000100_partner_stage_history.js';

const partner = (
  name: string,
  stage: string,
  syncedAt: string,
  gone = false,
) => ({
  entity_ref: `partner:default/${name}`,
  type: 'integrator',
  stage,
  tier: 'medium',
  owner_ref: 'group:default/partner-ops',
  entity: '{}',
  hash: `h-${name}`,
  synced_at: syncedAt,
  gone_at: gone ? '2026-12-10T00:00:00.000Z' : null,
});

describe('the stage history migration', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('records the partners already indexed as first sightings, when the index last wrote them, and is undone by its down', async () => {
      const knex = await databases.init(databaseId);
      await migrateToBefore(knex, MIGRATION);
      expect(await knex.schema.hasTable('partner_stage_history')).toBe(false);
      await knex('partners').insert([
        partner('acme', 'measurement', '2026-11-01T08:00:00.000Z'),
        partner('globex', 'offboarded', '2026-10-15T08:00:00.000Z', true),
      ]);

      await knex.migrate.up({ ...config, name: MIGRATION });
      expect(await historyRows(knex)).toEqual([
        {
          partner_ref: 'partner:default/acme',
          stage: 'measurement',
          previous_stage: null,
          seen_at: '2026-11-01T08:00:00.000Z',
          allowed: true,
          recorded_by: 'plugin:partners',
          changed_by: null,
          source_location: null,
        },
        {
          partner_ref: 'partner:default/globex',
          stage: 'offboarded',
          previous_stage: null,
          seen_at: '2026-10-15T08:00:00.000Z',
          allowed: true,
          recorded_by: 'plugin:partners',
          changed_by: null,
          source_location: null,
        },
      ]);

      await knex.migrate.down({ ...config, name: MIGRATION });
      expect(await knex.schema.hasTable('partner_stage_history')).toBe(false);
      expect(Number((await knex('partners').count({ n: '*' }))[0].n)).toBe(2);
    });
  });
});
