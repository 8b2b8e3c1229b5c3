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
import type { Knex } from 'knex';
import { ALICE, BOB, completer } from '../__testUtils__/actors';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  DAYS,
  integrationFile,
  openStageHistoryFixture,
  partnerFile,
} from '../__testUtils__/stageHistory';
import { DatabaseOffboardingStore } from '../database/DatabaseOffboardingStore';
import { lifecycleFindings } from './lifecycleFindings';
import { OffboardingService } from './OffboardingService';

jest.setTimeout(90_000);

const ACME = 'partner:default/acme';
const GLOBEX = 'partner:default/globex';
const FRAMEWORKS = {
  'lifecycle-transition-invalid': [
    'GV.OV-01',
    'GV.SC-10',
    'CIS 15.2',
    'ISO 5.19',
    'ISO 5.22',
  ],
  'offboarding-unverified': [
    'NHI1',
    'GV.SC-10',
    'CIS 15.7',
    'CIS 6.2',
    'ISO 5.20',
  ],
};

const found = (
  ruleId: keyof typeof FRAMEWORKS,
  partnerRef: string,
  severity: string,
  message: string,
) => ({
  ruleId,
  severity,
  entityRef: partnerRef,
  partnerRef,
  message,
  frameworks: FRAMEWORKS[ruleId],
});

describe('lifecycle findings', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let fx: Awaited<ReturnType<typeof openStageHistoryFixture>>;
    let knex: Knex;

    beforeEach(async () => {
      fx = await openStageHistoryFixture(databases, databaseId);
      knex = fx.knex;
    });

    const transitions = async () =>
      (await lifecycleFindings(knex)).filter(
        f => f.ruleId === 'lifecycle-transition-invalid',
      );

    it('raises a skipped stage and a move back, each cleared by the next allowed move', async () => {
      const jane = { 'partners.governance.dev/changed-by': 'jane' };
      await fx.sync([partnerFile('acme', 'onboarding')], DAYS[0]);
      expect(await transitions()).toEqual([]);

      await fx.sync(
        [partnerFile('acme', 'measurement', { annotations: jane })],
        DAYS[1],
      );
      expect(await transitions()).toEqual([
        found(
          'lifecycle-transition-invalid',
          ACME,
          'medium',
          `Moved from onboarding to measurement (seen ${DAYS[1].toISOString()}, requested by user:default/jane): skips enablement`,
        ),
      ]);

      await fx.sync([partnerFile('acme', 'onboarding')], DAYS[2]);
      expect(await transitions()).toEqual([
        found(
          'lifecycle-transition-invalid',
          ACME,
          'medium',
          `Moved from measurement to onboarding (seen ${DAYS[2].toISOString()}): moves back from measurement to onboarding without going through offboarding`,
        ),
      ]);

      await fx.sync([partnerFile('acme', 'enablement')], DAYS[3]);
      expect(await transitions()).toEqual([]);
    });

    it('keeps a partner that left offboarded flagged, high, until a later move takes it into offboarding or offboarded', async () => {
      await fx.sync([partnerFile('globex', 'offboarding')], DAYS[0]);
      await fx.sync([partnerFile('globex', 'offboarded')], DAYS[1]);
      await fx.sync([partnerFile('globex', 'enablement')], DAYS[2]);
      const left = `Moved from offboarded to enablement (seen ${DAYS[2].toISOString()}): leaves offboarded for enablement: a returning partner starts a new lifecycle`;
      expect(await transitions()).toEqual([
        found('lifecycle-transition-invalid', GLOBEX, 'high', left),
      ]);

      // moving on, as the lifecycle would allow, does not make it right
      await fx.sync([partnerFile('globex', 'measurement')], DAYS[3]);
      expect(await transitions()).toEqual([
        found(
          'lifecycle-transition-invalid',
          GLOBEX,
          'high',
          `${left}; it has not been in offboarding since`,
        ),
      ]);

      await fx.sync([partnerFile('globex', 'offboarding')], DAYS[4]);
      expect(await transitions()).toEqual([]);
    });

    it('flags a move from offboarded back to offboarding until the partner is offboarded again', async () => {
      await fx.sync([partnerFile('globex', 'offboarded')], DAYS[0]);
      await fx.sync([partnerFile('globex', 'offboarding')], DAYS[1]);
      expect((await transitions()).map(f => f.message)).toEqual([
        `Moved from offboarded to offboarding (seen ${DAYS[1].toISOString()}): leaves offboarded for offboarding: a returning partner starts a new lifecycle`,
      ]);
      await fx.sync([partnerFile('globex', 'offboarded')], DAYS[2]);
      expect(await transitions()).toEqual([]);
    });

    it('raises the severity for a critical-tier partner, and forgets a partner that left the catalog', async () => {
      await fx.sync(
        [partnerFile('acme', 'onboarding', { tier: 'critical' })],
        DAYS[0],
      );
      await fx.sync(
        [partnerFile('acme', 'measurement', { tier: 'critical' })],
        DAYS[1],
      );
      expect((await transitions()).map(f => f.severity)).toEqual(['high']);

      await fx.sync([partnerFile('globex', 'onboarding')], DAYS[2]);
      expect(await transitions()).toEqual([]);
    });

    describe('offboarding-unverified', () => {
      let offboarding: OffboardingService;
      const unverified = async () =>
        (await lifecycleFindings(knex)).filter(
          f => f.ruleId === 'offboarding-unverified',
        );

      beforeEach(async () => {
        offboarding = new OffboardingService({
          store: await DatabaseOffboardingStore.create({
            database: mockServices.database({ knex }),
          }),
          logger: mockServices.logger.mock(),
          clock: () => DAYS[2],
        });
      });

      const checklistId = async (partnerRef: string) =>
        Number(
          (
            await knex('offboarding_checklists')
              .where('partner_ref', partnerRef)
              .orderBy('id', 'desc')
              .first()
          ).id,
        );

      it('raises an offboarded partner with no checklist, open items or no second person, and clears it once verified', async () => {
        const files = (stage: 'offboarding' | 'offboarded') => [
          partnerFile('acme', stage),
          integrationFile('acme'),
          partnerFile('globex', 'measurement'),
        ];
        // straight to offboarded: no checklist was ever opened
        await fx.sync(
          [partnerFile('initech', 'measurement'), ...files('offboarding')],
          DAYS[0],
        );
        await fx.sync(
          [partnerFile('initech', 'offboarded'), ...files('offboarding')],
          DAYS[1],
        );
        await offboarding.openDueChecklists();
        expect(await unverified()).toEqual([
          found(
            'offboarding-unverified',
            'partner:default/initech',
            'high',
            'Offboarded without a verified offboarding checklist: no checklist for leaving was opened or verified',
          ),
        ]);

        // acme is offboarded while its checklist is open
        await fx.sync(
          [partnerFile('initech', 'offboarded'), ...files('offboarded')],
          DAYS[2],
        );
        const id = await checklistId(ACME);
        expect((await unverified()).find(f => f.entityRef === ACME)).toEqual(
          found(
            'offboarding-unverified',
            ACME,
            'high',
            `Offboarded while 2 of 2 items of offboarding checklist #${id} are pending`,
          ),
        );

        // every item done, by alice, who may not verify it herself
        const items = await knex('offboarding_items').where('checklist_id', id);
        for (const item of items) {
          await offboarding.completeItem(
            Number(item.id),
            { evidence: `CHG-${item.id}` },
            completer(ALICE),
          );
        }
        expect((await unverified()).find(f => f.entityRef === ACME)).toEqual(
          found(
            'offboarding-unverified',
            ACME,
            'high',
            `Offboarded while offboarding checklist #${id} is done but not verified by someone other than those who completed its items`,
          ),
        );

        await offboarding.verify(ACME, {}, completer(BOB));
        expect((await unverified()).map(f => f.entityRef)).toEqual([
          'partner:default/initech',
        ]);
      });

      it('does not count a verified checklist of a single revoke decision as offboarding', async () => {
        await fx.sync([partnerFile('acme', 'measurement')], DAYS[0]);
        await knex('offboarding_checklists').insert({
          partner_ref: ACME,
          reasons: JSON.stringify(['review-revoke']),
          status: 'verified',
          open_key: null,
          opened_at: DAYS[0].toISOString(),
          verified_by: BOB,
          verified_at: DAYS[0].toISOString(),
        });
        await fx.sync([partnerFile('acme', 'offboarded')], DAYS[1]);
        expect((await unverified()).map(f => f.message)).toEqual([
          'Offboarded without a verified offboarding checklist: no checklist for leaving was opened or verified',
        ]);
      });

      it('names an open checklist with no items as unverified until someone confirms there is nothing to revoke', async () => {
        await fx.sync([partnerFile('acme', 'offboarding')], DAYS[0]);
        await offboarding.openDueChecklists();
        await fx.sync([partnerFile('acme', 'offboarded')], DAYS[1]);
        const id = await checklistId(ACME);
        expect((await unverified()).map(f => f.message)).toEqual([
          `Offboarded while offboarding checklist #${id} is not verified: it has no items, and someone must confirm there is nothing to revoke`,
        ]);
        await offboarding.verify(
          ACME,
          { nothingToRevoke: true },
          completer(BOB),
        );
        expect(await unverified()).toEqual([]);
      });
    });
  });
});
