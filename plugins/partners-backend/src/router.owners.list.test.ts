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
import {
  ACME,
  ACME_API,
  ACME_SANDBOX,
  BOLT_FEED,
  BOLT_SSO,
  ITEMS,
  JANE,
  NOW,
  ORPHAN_FEED,
  PAYMENTS,
  PLATFORM,
} from './__testUtils__/ownersEstate';
import { ownersRouter } from './__testUtils__/ownersRouter';

jest.setTimeout(90_000);

describe('owner routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = ownersRouter(databases, databaseId);
    const { get } = fx;

    it('lists the live integrations a group owns, with their counts', async () => {
      const response = await get(PAYMENTS);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        owners: [PAYMENTS],
        items: [ITEMS[ACME_API], ITEMS[ACME_SANDBOX]],
      });
      expect(fx.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'owner-integration-fetch',
          severityLevel: 'low',
        }),
      );
      const event = await fx.auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: { owners: [PAYMENTS], count: 2 },
      });
    });

    it("includes the groups a user is a direct member of in the user's view", async () => {
      const response = await get(JANE);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        owners: [JANE, PAYMENTS, PLATFORM],
        items: [
          ITEMS[ACME_API],
          ITEMS[ACME_SANDBOX],
          ITEMS[BOLT_FEED],
          ITEMS[BOLT_SSO],
          ITEMS[ORPHAN_FEED],
        ],
      });

      // refs are matched whatever their case; the namespace defaults
      const mixed = await get('User:jane');
      expect((await mixed.json()).owners).toEqual([JANE, PAYMENTS, PLATFORM]);
    });

    it('answers an empty page for an owner with no integrations', async () => {
      let response = await get('group:default/nobody-owns-this');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        owners: ['group:default/nobody-owns-this'],
        items: [],
      });

      // a user with no groups and nothing owned
      response = await get('user:default/bob');
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        owners: ['user:default/bob'],
        items: [],
      });
    });

    it('pages by integration ref, each integration once, in a fixed number of queries a page', async () => {
      const refs: string[] = [];
      const perPage: number[] = [];
      let cursor: string | undefined;
      do {
        fx.queries = [];
        const response = await get(
          JANE,
          `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(response.status).toBe(200);
        const page = await response.json();
        expect(page.owners).toEqual([JANE, PAYMENTS, PLATFORM]);
        expect(page.items.length).toBeLessThanOrEqual(2);
        refs.push(...page.items.map((i: { entityRef: string }) => i.entityRef));
        perPage.push(fx.queries.length);
        cursor = page.nextCursor;
      } while (cursor);
      expect(refs).toEqual([
        ACME_API,
        ACME_SANDBOX,
        BOLT_FEED,
        BOLT_SSO,
        ORPHAN_FEED,
      ]);
      // the page, then identities, reviews and findings for all of its rows
      expect(perPage).toEqual([4, 4, 4]);

      fx.queries = [];
      await get(JANE, '?limit=100');
      expect(fx.queries).toHaveLength(4);
    });

    it('counts a finding an approved, unexpired exception covers as accepted risk, not open', async () => {
      const exception = {
        rule_id: 'identity-rotation-overdue',
        entity_ref: ACME_API,
        identity: 'key-1',
        partner_ref: ACME,
        justification: 'Rotation agreed with the partner',
        requested_by: JANE,
        requested_at: '2026-11-01T00:00:00.000Z',
        decided_by: 'user:default/bob',
        decided_at: '2026-11-02T00:00:00.000Z',
      };
      const high = async () =>
        (await (await get(PAYMENTS)).json()).items[0].openFindings.high;
      try {
        // expired at NOW: still open
        await fx.knex('exceptions').insert({
          ...exception,
          status: 'approved',
          expires_at: NOW.toISOString(),
        });
        expect(await high()).toBe(1);
        await fx.knex('exceptions').insert({
          ...exception,
          status: 'approved',
          expires_at: '2026-12-31T00:00:00.000Z',
        });
        expect(await high()).toBe(0);
      } finally {
        await fx.knex('exceptions').delete();
      }
      expect(await high()).toBe(1);
    });
  });
});
