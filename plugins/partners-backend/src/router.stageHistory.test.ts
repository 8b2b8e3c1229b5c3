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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { partnersDetailsReadPermission } from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import {
  getJson,
  inputError,
  serve,
  walkPages,
  type ServedRouter,
} from './__testUtils__/http';
import {
  DAYS,
  openStageHistoryFixture,
  partnerFile,
} from './__testUtils__/stageHistory';
import { createRouter } from './router';
import { createReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

jest.setTimeout(90_000);

const ACME = 'partner:default/acme';
const NOOR = 'user:default/noor';
const PATH = `/partners/${encodeURIComponent(ACME)}/stage-history`;

describe('GET /partners/{ref}/stage-history', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const permissions = mockServices.permissions.mock();
    const auditor = mockServices.auditor.mock();
    let served: ServedRouter;

    beforeAll(async () => {
      const fx = await openStageHistoryFixture(databases, databaseId);
      const jane = { 'partners.governance.dev/changed-by': 'jane' };
      await fx.sync([partnerFile('acme', 'onboarding')], DAYS[0]);
      await fx.sync(
        [partnerFile('acme', 'measurement', { annotations: jane })],
        DAYS[1],
        NOOR,
      );
      await fx.sync([partnerFile('acme', 'enablement')], DAYS[2]);
      // globex left the catalog: its history is not served
      await fx.sync(
        [
          partnerFile('acme', 'enablement'),
          partnerFile('globex', 'onboarding'),
        ],
        DAYS[3],
      );
      await fx.sync([partnerFile('acme', 'enablement')], DAYS[4]);
      served = await serve(
        await createRouter({
          httpAuth: mockServices.httpAuth(),
          permissions,
          auditor,
          sync: { run: jest.fn() },
          reads: createReadModels(fx.knex),
          userInfo: mockServices.userInfo(),
          reviews: {} as ReviewsService,
          audit: { list: jest.fn() },
          validateResponses: true,
        }),
      );
    });

    afterAll(() => served?.close());

    const allowDetails = (allowed: boolean) =>
      permissions.authorize.mockResolvedValue([
        { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY },
      ]);

    const entries = {
      enablement: {
        id: expect.any(Number),
        stage: 'enablement',
        previousStage: 'measurement',
        seenAt: DAYS[2].toISOString(),
        allowed: true,
        sourceLocation: 'url:https://git.example/partners/acme.yaml',
      },
      measurement: {
        id: expect.any(Number),
        stage: 'measurement',
        previousStage: 'onboarding',
        seenAt: DAYS[1].toISOString(),
        allowed: false,
        problem: 'skips enablement',
        changedBy: 'user:default/jane',
        sourceLocation: 'url:https://git.example/partners/acme.yaml',
      },
      onboarding: {
        id: expect.any(Number),
        stage: 'onboarding',
        seenAt: DAYS[0].toISOString(),
        allowed: true,
        sourceLocation: 'url:https://git.example/partners/acme.yaml',
      },
    };

    it('shows every signed-in user the stages, newest first, and when history starts; not who ran the sync', async () => {
      allowDetails(false);
      const { status, body } = await getJson(`${served.baseUrl}${PATH}`);
      expect(status).toBe(200);
      expect(body).toEqual({
        partnerRef: ACME,
        items: [entries.enablement, entries.measurement, entries.onboarding],
        historyStartsAt: DAYS[0].toISOString(),
      });
      expect(permissions.authorize).toHaveBeenCalledWith(
        [{ permission: partnersDetailsReadPermission, resourceRef: ACME }],
        expect.anything(),
      );
    });

    it('shows who ran the sync to callers who may read the details', async () => {
      allowDetails(true);
      const { body } = await getJson(
        `${served.baseUrl}/partners/acme/stage-history`,
      );
      expect(body.items.map((item: any) => item.recordedBy)).toEqual([
        'plugin:partners',
        NOOR,
        'plugin:partners',
      ]);
    });

    it('pages by id, newest first, keeping when history starts on every page', async () => {
      allowDetails(false);
      const pages = await walkPages(served.baseUrl, `${PATH}?limit=2`);
      expect(pages).toEqual([
        {
          partnerRef: ACME,
          items: [entries.enablement, entries.measurement],
          historyStartsAt: DAYS[0].toISOString(),
          nextCursor: expect.any(String),
        },
        {
          partnerRef: ACME,
          items: [entries.onboarding],
          historyStartsAt: DAYS[0].toISOString(),
        },
      ]);
    });

    it('answers 404 for a partner not in the catalog, and 400 for a bad ref, cursor or limit', async () => {
      allowDetails(true);
      for (const ref of ['globex', 'partner:default/nobody']) {
        const { status, body } = await getJson(
          `${served.baseUrl}/partners/${encodeURIComponent(ref)}/stage-history`,
        );
        expect([ref, status, body.error.name]).toEqual([
          ref,
          404,
          'NotFoundError',
        ]);
      }
      expect(
        await inputError(
          served.baseUrl,
          `/partners/${encodeURIComponent('partner:')}/stage-history`,
        ),
      ).toMatch(/^request\/params\/ref must be an entity ref/);
      expect(
        await inputError(served.baseUrl, `${PATH}?cursor=bm90LWFuLWlk`),
      ).toBe(
        'request/query/cursor must be a nextCursor returned by this endpoint',
      );
      expect(await inputError(served.baseUrl, `${PATH}?limit=101`)).toMatch(
        /limit/,
      );
    });
  });
});
