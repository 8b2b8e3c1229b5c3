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

import { createTestDatabases } from './__testUtils__/databases';
import { ACME, ACME_API } from './__testUtils__/readEstate';
import { readRouter } from './__testUtils__/readRouter';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('read API on %s', databaseId => {
  const fx = readRouter(databases, databaseId);
  const { get, walk, inputError } = fx;

  describe('GET /findings', () => {
    it('lists every finding by id', async () => {
      const { status, body } = await get('/findings');
      expect(status).toBe(200);
      expect(body).toEqual({ items: fx.ids.map(id => fx.F[id]) });
    });

    it.each([
      ['status=open', [0, 1, 3, 4, 5, 6]],
      ['status=resolved', [2]],
      ['severity=critical', [1, 4]],
      ['ruleId=owner-missing', [5]],
      ['partner=acme', [0, 1, 2, 3]],
      [`partner=${encodeURIComponent(ACME)}&status=open&severity=medium`, [3]],
      [`entity=${encodeURIComponent(ACME_API)}`, [0, 2]],
      [`entity=${encodeURIComponent('PartnerIntegration:acme-api')}`, [0, 2]],
      [`entity=${ACME_API}`, [0, 2]],
      ['ruleId=exception-expired', []],
    ])('filters by %s', async (query, indexes) => {
      const { status, body } = await get(`/findings?${query}`);
      expect(status).toBe(200);
      expect(body).toEqual({ items: indexes.map(i => fx.F[fx.ids[i]]) });
    });

    it('walks every page with limit=2, each finding once and in order', async () => {
      const pages = await walk('/findings?limit=2');
      expect(pages.map(p => p.items.length)).toEqual([2, 2, 2, 1]);
      expect(pages.flatMap(p => p.items.map(i => i.id))).toEqual(fx.ids);
    });

    it('pages a filtered list', async () => {
      const pages = await walk('/findings?status=open&limit=4');
      expect(pages.flatMap(p => p.items.map(i => i.id))).toEqual(
        [0, 1, 3, 4, 5, 6].map(i => fx.ids[i]),
      );
    });

    it.each([
      ['limit=101', 'limit'],
      ['limit=0', 'limit'],
      ['cursor=%2B%2B', 'cursor'],
      ['cursor=Zm9v', 'cursor'],
      // a partners cursor is no findings cursor
      [`cursor=${Buffer.from(ACME).toString('base64url')}`, 'cursor'],
      ['status=closed', 'status'],
      ['severity=urgent', 'severity'],
      ['ruleId=Not%20A%20Rule', 'ruleId'],
      ['entity=acme-api', 'entity'],
      ['partner=acme/', 'partner'],
    ])('answers 400 on %s', async (query, field) => {
      expect(await inputError(`/findings?${query}`)).toContain(field);
    });
  });
});
