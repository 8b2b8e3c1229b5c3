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
import { errorOf } from './__testUtils__/http';
import { CRIT_API, day, MED_API } from './__testUtils__/reviews';
import { CRIT_REVIEW, reviewsRouter } from './__testUtils__/reviewsRouter';

jest.setTimeout(90_000);

const SEEN = day(18).toISOString();

/** A stored trigger of crit-api, waiting for review #1's decision. */
const OWNER_ROW = {
  integration_ref: CRIT_API,
  partner_ref: 'partner:default/crit',
  kind: 'integration-owner',
  entity_ref: CRIT_API,
  field: 'spec.owner',
  identity: null,
  before: '["group:default/team-b"]',
  after: '["group:default/team-a"]',
  seen_at: SEEN,
  review_id: null,
  consumed_at: null,
};

const OWNER_TRIGGER = {
  kind: 'integration-owner',
  entityRef: CRIT_API,
  field: 'spec.owner',
  before: ['group:default/team-b'],
  after: ['group:default/team-a'],
  at: SEEN,
  summary:
    'the owner changed from group:default/team-b to group:default/team-a',
};

describe('reviews and audit routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const fx = reviewsRouter(databases, databaseId);
    const { get } = fx;

    describe('why a review is due', () => {
      beforeEach(async () => {
        await fx.knex('review_triggers').insert([
          OWNER_ROW,
          {
            ...OWNER_ROW,
            kind: 'identity-scopes',
            field: 'spec.identities[crit-key].scopes',
            identity: 'crit-key',
            before: '["orders:read"]',
            after: '["orders:read","orders:write"]',
            seen_at: day(19).toISOString(),
          },
          // consumed by the decision of review #5 of med-api
          {
            ...OWNER_ROW,
            integration_ref: MED_API,
            partner_ref: 'partner:default/med',
            entity_ref: 'partner:default/med',
            kind: 'partner-tier',
            field: 'spec.risk.tier',
            before: '["low"]',
            after: '["medium"]',
            seen_at: day(0).toISOString(),
            review_id: 5,
            consumed_at: day(1).toISOString(),
          },
        ]);
      });

      it('lists each review with what changed and why it is due', async () => {
        const response = await get(
          `/reviews?integration=${encodeURIComponent(CRIT_API)}`,
        );
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({
          items: [
            {
              ...CRIT_REVIEW,
              dueReason: `Due now: 2 changes since ${SEEN.slice(
                0,
                10,
              )}: the owner changed from group:default/team-b to group:default/team-a; the scopes of identity crit-key changed: added orders:write.`,
              triggers: [
                OWNER_TRIGGER,
                {
                  kind: 'identity-scopes',
                  entityRef: CRIT_API,
                  field: 'spec.identities[crit-key].scopes',
                  identity: 'crit-key',
                  before: ['orders:read'],
                  after: ['orders:read', 'orders:write'],
                  at: day(19).toISOString(),
                  summary:
                    'the scopes of identity crit-key changed: added orders:write',
                },
              ],
            },
          ],
        });
      });

      it('shows a decided review with the changes its decision consumed', async () => {
        const response = await get('/reviews/5');
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(body.dueReason).toBe(
          `Was due on change: the risk tier of partner:default/med changed from low to medium on ${day(
            0,
          )
            .toISOString()
            .slice(0, 10)}.`,
        );
        expect(body.triggers).toEqual([
          {
            kind: 'partner-tier',
            entityRef: 'partner:default/med',
            field: 'spec.risk.tier',
            before: ['low'],
            after: ['medium'],
            at: day(0).toISOString(),
            summary:
              'the risk tier of partner:default/med changed from low to medium',
          },
        ]);
        // the other decided reviews of med-api were due by cadence
        const other = await (await get('/reviews/6')).json();
        expect(other).toMatchObject({
          dueReason: 'Due by cadence.',
          triggers: [],
        });
      });

      it('shows the first 50 changes of a review, and counts them all', async () => {
        await fx.knex('review_triggers').insert(
          Array.from({ length: 53 }, (_, i) => ({
            ...OWNER_ROW,
            kind: 'identity-added',
            field: `spec.identities[key-${i}]`,
            identity: `key-${i}`,
            before: '[]',
            after: JSON.stringify([`key-${i}`]),
            seen_at: day(19).toISOString(),
          })),
        );
        const body = await (await get('/reviews/1')).json();
        expect(body.triggers).toHaveLength(50);
        expect(body.triggers[0]).toEqual(OWNER_TRIGGER);
        expect(body.triggers[49].identity).toBe('key-47');
        expect(body.dueReason).toMatch(
          /^Due now: 55 changes since .*; and 52 more\.$/,
        );
        // the list shows the same
        const list = await (
          await get(`/reviews?integration=${encodeURIComponent(CRIT_API)}`)
        ).json();
        expect(list.items[0].triggers).toEqual(body.triggers);
        expect(list.items[0].dueReason).toBe(body.dueReason);
        // another review's changes are its own
        const other = await (await get('/reviews/5')).json();
        expect(other.triggers).toHaveLength(1);
      });

      it('keeps why a review is due to who may read its details', async () => {
        fx.permissions.authorize.mockResolvedValue([
          { result: AuthorizeResult.DENY },
        ]);
        fx.permissions.authorizeConditional.mockResolvedValue([
          { result: AuthorizeResult.DENY },
        ]);
        const detail = await get('/reviews/1');
        expect(await errorOf(detail)).toMatchObject({ status: 403 });
        const list = await get('/reviews');
        expect(list.status).toBe(200);
        expect(await list.json()).toEqual({ items: [] });
      });
    });
  });
});
