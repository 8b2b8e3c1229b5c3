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
import { createTestDatabases } from '../__testUtils__/databases';
import { EXAMPLE_COUNTS } from '../__testUtils__/examples';
import {
  openSyncFixture,
  syncTools,
  type SyncFixture,
  T1,
  T2,
} from '../__testUtils__/identityIndexSync';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { lifecycleFindings } from './lifecycleFindings';
import { OffboardingService } from './OffboardingService';

jest.setTimeout(90_000);

/*
 * What the example portal shows after its first refreshes: every partner's
 * first sighting, no move the lifecycle forbids (nothing moved yet), and the
 * two offboarded partners waiting for their offboarding to be verified.
 */
describe('the lifecycle of the example estate', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let fx: SyncFixture;
    const { syncOver } = syncTools(() => fx);

    beforeEach(async () => {
      fx = await openSyncFixture(databases, databaseId);
    });

    it('records a first sighting per partner and raises offboarding-unverified for the offboarded ones', async () => {
      await syncOver(fx.entities).run(T1);
      const offboarding = new OffboardingService({
        store: await DatabaseOffboardingStore.create({
          database: mockServices.database({ knex: fx.knex }),
        }),
        logger: mockServices.logger.mock(),
        clock: () => T1,
      });
      await offboarding.openDueChecklists();
      // a second refresh over the same files records nothing more
      await syncOver(fx.entities).run(T2);

      const history = await fx.knex('partner_stage_history').select();
      expect(history).toHaveLength(EXAMPLE_COUNTS.partners);
      expect(
        history.every(row => row.previous_stage === null && row.allowed),
      ).toBe(true);

      const findings = await lifecycleFindings(fx.knex);
      expect(findings.map(f => [f.ruleId, f.entityRef, f.severity])).toEqual([
        ['offboarding-unverified', 'partner:default/oldharbor-resale', 'high'],
        [
          'offboarding-unverified',
          'partner:default/saltmarsh-helpdesk',
          'high',
        ],
      ]);
      expect(findings.map(f => f.message)).toEqual([
        expect.stringMatching(
          /^Offboarded while \d+ of \d+ items of offboarding checklist #\d+ are pending$/,
        ),
        expect.stringMatching(
          /^Offboarded while \d+ of \d+ items of offboarding checklist #\d+ are pending$/,
        ),
      ]);
    });
  });
});
