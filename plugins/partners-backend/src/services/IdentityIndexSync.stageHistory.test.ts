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

import type { Knex } from 'knex';
import {
  NOT_NULL_VIOLATION,
  createTestDatabases,
} from '../__testUtils__/databases';
import {
  DAYS,
  historyRows,
  integrationFile,
  openStageHistoryFixture,
  partnerFile,
  stageEvents,
} from '../__testUtils__/stageHistory';

jest.setTimeout(90_000);

const ACME = 'partner:default/acme';
const GLOBEX = 'partner:default/globex';
const NOOR = 'user:default/noor';
const JANE = 'user:default/jane';
const location = (name: string) =>
  `url:https://git.example/partners/${name}.yaml`;

/** A history row as stored. */
const row = (
  partnerRef: string,
  stage: string,
  previous: string | null,
  at: Date,
  extra: {
    allowed?: boolean;
    recordedBy?: string;
    changedBy?: string | null;
  } = {},
) => ({
  partner_ref: partnerRef,
  stage,
  previous_stage: previous,
  seen_at: at.toISOString(),
  allowed: extra.allowed ?? true,
  recorded_by: extra.recordedBy ?? 'plugin:partners',
  changed_by: extra.changedBy ?? null,
  source_location: location(partnerRef.slice(partnerRef.indexOf('/') + 1)),
});

describe('stage history over several syncs', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let fx: Awaited<ReturnType<typeof openStageHistoryFixture>>;
    let knex: Knex;

    beforeEach(async () => {
      fx = await openStageHistoryFixture(databases, databaseId);
      knex = fx.knex;
    });

    it("records each partner's first sighting, allowed, with the run's actor and what its file says", async () => {
      await fx.sync(
        [
          partnerFile('acme', 'onboarding', {
            annotations: { 'partners.governance.dev/changed-by': 'jane' },
          }),
          partnerFile('globex', 'measurement'),
          integrationFile('acme'),
        ],
        DAYS[0],
      );
      expect(await historyRows(knex)).toEqual([
        row(ACME, 'onboarding', null, DAYS[0], { changedBy: JANE }),
        row(GLOBEX, 'measurement', null, DAYS[0]),
      ]);
      // a first sighting is no stage change: the run's index.synced covers it
      expect(await stageEvents(knex)).toEqual([]);
      // the stored entity still holds no annotations
      const stored = await knex('partners').where('entity_ref', ACME).first();
      expect(JSON.parse(stored.entity).metadata.annotations).toBeUndefined();
    });

    it('records nothing when nothing changed, nor when a change keeps the stage, and takes annotations alone for no change', async () => {
      const files = [partnerFile('acme', 'enablement')];
      await fx.sync(files, DAYS[0]);
      const before = await historyRows(knex);

      const unchanged = await fx.sync(files, DAYS[1], NOOR);
      expect(unchanged.changed).toBe(0);
      // a title and a requester changed, the stage did not
      const edited = await fx.sync(
        [
          partnerFile('acme', 'enablement', {
            title: 'Acme Logistics',
            annotations: { 'partners.governance.dev/changed-by': 'jane' },
          }),
        ],
        DAYS[2],
      );
      expect(edited.changed).toBe(1);
      // annotations alone are no change of the index
      const annotated = await fx.sync(
        [
          partnerFile('acme', 'enablement', {
            title: 'Acme Logistics',
            annotations: { 'partners.governance.dev/changed-by': 'bob' },
          }),
        ],
        DAYS[3],
      );
      expect(annotated.changed).toBe(0);

      expect(await historyRows(knex)).toEqual(before);
      expect(await stageEvents(knex)).toEqual([]);
    });

    it('records allowed and forbidden moves, each with its audit event in the same run', async () => {
      const run = async (
        day: number,
        acme: Parameters<typeof partnerFile>[1],
        globex: Parameters<typeof partnerFile>[1],
        actor?: string,
      ) =>
        fx.sync(
          [
            partnerFile('acme', acme, {
              annotations: { 'partners.governance.dev/changed-by': 'jane' },
            }),
            partnerFile('globex', globex),
          ],
          DAYS[day],
          actor,
        );
      await run(0, 'onboarding', 'offboarding');
      // acme skips enablement; globex is offboarded, as allowed
      await run(1, 'measurement', 'offboarded', NOOR);
      // acme moves back without going through offboarding; globex leaves offboarded
      await run(2, 'onboarding', 'enablement');
      // acme moves on as allowed; globex stays
      await run(3, 'enablement', 'enablement');

      expect(await historyRows(knex, ACME)).toEqual([
        row(ACME, 'onboarding', null, DAYS[0], { changedBy: JANE }),
        row(ACME, 'measurement', 'onboarding', DAYS[1], {
          allowed: false,
          recordedBy: NOOR,
          changedBy: JANE,
        }),
        row(ACME, 'onboarding', 'measurement', DAYS[2], {
          allowed: false,
          changedBy: JANE,
        }),
        row(ACME, 'enablement', 'onboarding', DAYS[3], { changedBy: JANE }),
      ]);
      expect(await historyRows(knex, GLOBEX)).toEqual([
        row(GLOBEX, 'offboarding', null, DAYS[0]),
        row(GLOBEX, 'offboarded', 'offboarding', DAYS[1], {
          recordedBy: NOOR,
        }),
        row(GLOBEX, 'enablement', 'offboarded', DAYS[2], { allowed: false }),
      ]);

      const event = (
        partnerRef: string,
        at: Date,
        from: string,
        to: string,
        allowed: boolean,
        extra: { actor?: string; changedBy?: string } = {},
      ) => ({
        at: at.toISOString(),
        actor: extra.actor ?? 'plugin:partners',
        subject: `partner ${partnerRef}`,
        partnerRef,
        before: { stage: from },
        after: {
          stage: to,
          allowed,
          ...(extra.changedBy && { changedBy: extra.changedBy }),
          sourceLocation: location(
            partnerRef.slice(partnerRef.indexOf('/') + 1),
          ),
        },
      });
      expect(await stageEvents(knex)).toEqual([
        event(ACME, DAYS[1], 'onboarding', 'measurement', false, {
          actor: NOOR,
          changedBy: JANE,
        }),
        event(GLOBEX, DAYS[1], 'offboarding', 'offboarded', true, {
          actor: NOOR,
        }),
        event(ACME, DAYS[2], 'measurement', 'onboarding', false, {
          changedBy: JANE,
        }),
        event(GLOBEX, DAYS[2], 'offboarded', 'enablement', false),
        event(ACME, DAYS[3], 'onboarding', 'enablement', true, {
          changedBy: JANE,
        }),
      ]);
    });

    it('compares a partner back in the catalog with the stage it left in', async () => {
      await fx.sync([partnerFile('acme', 'measurement')], DAYS[0]);
      // acme leaves the catalog, then comes back in another stage
      await fx.sync([partnerFile('globex', 'onboarding')], DAYS[1]);
      await fx.sync(
        [
          partnerFile('globex', 'onboarding'),
          partnerFile('acme', 'onboarding'),
        ],
        DAYS[2],
      );
      expect(await historyRows(knex, ACME)).toEqual([
        row(ACME, 'measurement', null, DAYS[0]),
        row(ACME, 'onboarding', 'measurement', DAYS[2], { allowed: false }),
      ]);
    });

    it('writes no history when the run fails', async () => {
      await fx.sync([partnerFile('acme', 'onboarding')], DAYS[0]);
      const broken = partnerFile('globex', 'onboarding');
      // a partner without a type fails the whole write (NOT NULL)
      delete (broken.spec as { type?: string }).type;
      await expect(
        fx.sync([partnerFile('acme', 'enablement'), broken], DAYS[1]),
      ).rejects.toMatchObject({
        message: expect.stringMatching(NOT_NULL_VIOLATION),
      });
      expect(await historyRows(knex)).toEqual([
        row(ACME, 'onboarding', null, DAYS[0]),
      ]);
      expect(await stageEvents(knex)).toEqual([]);
    });

    it('keeps a requester only when the file names a User or Group, and no location that holds a secret', async () => {
      const token = `ghp_${'a1B2'.repeat(9)}`;
      await fx.sync(
        [
          partnerFile('acme', 'onboarding', {
            annotations: {
              'partners.governance.dev/changed-by': 'component:orders-api',
            },
          }),
          partnerFile('globex', 'onboarding', {
            annotations: {
              'partners.governance.dev/changed-by': 'group:Partner-Ops',
              'backstage.io/managed-by-location': `url:https://jane:${token}@git.example/globex.yaml`,
            },
          }),
          partnerFile('initech', 'onboarding', {
            annotations: {
              'partners.governance.dev/changed-by': 'x'.repeat(300),
              'backstage.io/managed-by-location': 'no location ref',
            },
          }),
        ],
        DAYS[0],
      );
      const stored = await knex('partner_stage_history')
        .select('partner_ref', 'changed_by', 'source_location')
        .orderBy('partner_ref');
      expect(stored).toEqual([
        {
          partner_ref: ACME,
          changed_by: null,
          source_location: location('acme'),
        },
        {
          partner_ref: GLOBEX,
          changed_by: 'group:default/partner-ops',
          source_location: null,
        },
        {
          partner_ref: 'partner:default/initech',
          changed_by: null,
          source_location: null,
        },
      ]);
      const warnings = fx.logger.warn.mock.calls.map(([message]) => message);
      expect(warnings).toEqual([
        `Partner ${ACME}: annotation partners.governance.dev/changed-by is not a User or Group ref of at most 255 characters; its stage history leaves it out`,
        'Partner partner:default/initech: annotation partners.governance.dev/changed-by is not a User or Group ref of at most 255 characters; its stage history leaves it out',
        'Partner partner:default/initech: annotation backstage.io/managed-by-location is not a location ref of at most 2048 characters; its stage history leaves it out',
        `Partner ${GLOBEX}: its sourceLocation holds a secret value (a GitHub token); its stage history leaves it out`,
      ]);
      expect(JSON.stringify(fx.logger.warn.mock.calls)).not.toContain(token);
    });
  });
});
