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

import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases } from './__testUtils__/databases';
import { CRIT_BATCH } from './__testUtils__/portalEstate';
import { CRIT } from './__testUtils__/reviews';
import { portalRouter } from './__testUtils__/portalRouter';
import { CRIT_API, HIGH_API } from './__testUtils__/reviews';

jest.setTimeout(90_000);

describe('portal routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = portalRouter(databases, databaseId);
    const { get, walk, inputError, countQueries } = fx;

    describe('GET /partners/{ref}/identities', () => {
      const critKey = {
        integrationRef: CRIT_API,
        name: 'crit-key',
        type: 'api-key',
        status: 'active',
        scopes: ['orders:read', 'orders:write'],
        privileged: false,
        environment: 'production',
        issued: '2026-01-10',
        lastRotated: '2026-09-01',
        rotationAgeDays: 120,
        lastUsed: '2026-10-10',
        // the exception lapsed at now
        openFindings: ['identity-dormant', 'identity-no-expiry'],
        acceptedRisks: [],
      };
      const critOld = {
        integrationRef: CRIT_API,
        name: 'crit-old',
        type: 'api-key',
        status: 'active',
        scopes: ['orders:read'],
        privileged: false,
        environment: 'production',
        issued: '2026-01-10',
        rotationAgeDays: 354,
        lastUsed: '2026-06-01',
        openFindings: [],
        acceptedRisks: ['identity-dormant'],
      };
      const batchKey = {
        integrationRef: CRIT_BATCH,
        name: 'batch-key',
        type: 'service-account',
        status: 'active',
        scopes: ['batch:run'],
        privileged: true,
        environment: 'staging',
        custodian: 'group:default/team-a',
        expires: '2027-01-01',
        accessPackage: 'batch-pkg',
        openFindings: [],
        acceptedRisks: [],
      };

      beforeEach(() => {
        fx.permissions.authorizeConditional.mockResolvedValue([
          { result: AuthorizeResult.DENY },
        ]);
      });

      it('lists live identities of live integrations, by integration then name', async () => {
        const { status, body } = await get('/partners/crit/identities');
        expect(status).toBe(200);
        expect(body).toEqual({ items: [critKey, critOld, batchKey] });
        const [decision] = fx.permissions.authorizeConditional.mock.calls[0][0];
        expect(decision.permission.name).toBe('partners.details.read');
      });

      it('shows secret locations to callers who may read the details', async () => {
        fx.permissions.authorizeConditional.mockResolvedValue([
          { result: AuthorizeResult.ALLOW },
        ]);
        const { body } = await get(
          `/partners/${encodeURIComponent(
            CRIT,
          )}/identities?integration=crit-batch`,
        );
        expect(body).toEqual({
          items: [{ ...batchKey, secretRef: 'vault:secret/crit/batch' }],
        });
      });

      it('walks every page, each identity once, with the same queries per page', async () => {
        for (const limit of [1, 2]) {
          const pages = await walk(`/partners/crit/identities?limit=${limit}`);
          expect(pages.flat()).toEqual([critKey, critOld, batchKey]);
          expect(pages).toHaveLength(Math.ceil(3 / limit));
        }
        const one = await countQueries(() =>
          get('/partners/crit/identities?limit=1'),
        );
        const all = await countQueries(() => get('/partners/crit/identities'));
        expect(one).toBe(all);
      });

      it('filters by integration', async () => {
        expect(
          (await get(`/partners/crit/identities?integration=crit-api`)).body,
        ).toEqual({ items: [critKey, critOld] });
        // another partner's integration has none of this partner's identities
        expect(
          (
            await get(
              `/partners/crit/identities?integration=${encodeURIComponent(
                HIGH_API,
              )}`,
            )
          ).body,
        ).toEqual({ items: [] });
      });

      it.each(['nobody', 'gone', encodeURIComponent(CRIT_API)])(
        'answers 404 for %s',
        async ref => {
          const { status, body } = await get(`/partners/${ref}/identities`);
          expect(status).toBe(404);
          expect(body.error.name).toBe('NotFoundError');
        },
      );

      it.each([
        ['integration=%3Ax', 'integration'],
        ['cursor=Zm9v', 'cursor'],
        ['limit=0', 'limit'],
        ['owner=x', 'owner'],
      ])('answers 400 on %s', async (query, field) => {
        expect(
          await inputError(`/partners/crit/identities?${query}`),
        ).toContain(field);
      });
    });
  });
});
