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

import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PARTNERS_INTEGRATION_RESOURCE_TYPE,
  partnersDetailsReadPermission,
} from '@partner-governance/plugin-partners-common';
import { createTestDatabases } from './__testUtils__/databases';
import { expectedAccessItems } from './__testUtils__/readAccess';
import {
  ACME,
  ACME_API,
  ACME_SANDBOX,
  ORDERS,
  ORPHAN_FEED,
} from './__testUtils__/readEstate';
import { readRouter } from './__testUtils__/readRouter';

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('read API on %s', databaseId => {
  const fx = readRouter(databases, databaseId);
  const { get, inputError } = fx;

  describe('GET /entities/{ref}/access', () => {
    const items = (shown: boolean | string[]) =>
      expectedAccessItems(fx.F, fx.ids, shown);

    it('lists the live integrations that access an entity, without details to a caller who may read none', async () => {
      fx.permissions.authorizeConditional.mockResolvedValue([
        { result: AuthorizeResult.DENY },
      ]);
      const { status, body } = await get(
        `/entities/${encodeURIComponent(ORDERS)}/access`,
      );
      expect(status).toBe(200);
      expect(body).toEqual({
        entityRef: ORDERS,
        items: items(false),
        totals: { integrations: 3, partners: 2 },
      });
      expect(fx.permissions.authorizeConditional).toHaveBeenCalledWith(
        [{ permission: partnersDetailsReadPermission }],
        { credentials: mockCredentials.user() },
      );
      expect(JSON.stringify(body)).not.toContain('vault:');
      expect(JSON.stringify(body)).not.toContain('arn:');
    });

    it('shows details and secret locations to a caller who may read every detail', async () => {
      const { status, body } = await get(
        `/entities/${encodeURIComponent(ORDERS)}/access`,
      );
      expect(status).toBe(200);
      expect(body).toEqual({
        entityRef: ORDERS,
        items: items(true),
        totals: { integrations: 3, partners: 2 },
      });
      const event = await fx.auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: { entityRef: ORDERS, integrations: 3 },
      });
    });

    it.each([
      ['the owner of one integration', ['group:default/data'], [ORPHAN_FEED]],
      [
        'the owner of the others',
        ['user:default/someone', 'group:default/payments'],
        [ACME_API, ACME_SANDBOX],
      ],
      ['a stranger', ['user:default/stranger'], []],
    ])(
      'shows %s the details of what they have a stake in, by the policy conditions',
      async (_, claims, shown) => {
        fx.permissions.authorizeConditional.mockResolvedValue([
          {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'partners',
            resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
            conditions: {
              rule: 'IS_INTEGRATION_STAKEHOLDER',
              resourceType: PARTNERS_INTEGRATION_RESOURCE_TYPE,
              params: { claims },
            },
          },
        ]);
        const { status, body } = await get(
          `/entities/${encodeURIComponent(ORDERS)}/access`,
        );
        expect(status).toBe(200);
        expect(body.items).toEqual(items(shown));
        // the secret location leaves the server only to its stakeholders
        expect(JSON.stringify(body).includes('vault:')).toBe(
          shown.includes(ACME_API),
        );
      },
    );

    it('shows the pending review of each integration, not decided ones', async () => {
      const review = {
        integration_ref: ACME_API,
        partner_ref: ACME,
        assignee_ref: 'group:default/payments',
        opened_at: '2026-11-01T00:00:00.000Z',
      };
      const [decided, overdue, upcoming] = await fx
        .knex('access_reviews')
        .insert([
          {
            ...review,
            status: 'attested',
            pending_key: null,
            due_at: '2020-06-01T00:00:00.000Z',
            decided_at: '2020-05-30T00:00:00.000Z',
            decided_by: 'user:default/alice',
          },
          {
            ...review,
            status: 'pending',
            pending_key: ACME_API,
            due_at: '2020-11-29T00:00:00.000Z',
          },
          {
            ...review,
            integration_ref: ACME_SANDBOX,
            status: 'pending',
            pending_key: ACME_SANDBOX,
            due_at: '2999-12-14T00:00:00.000Z',
          },
        ])
        .returning('id')
        .then(rows => rows.map(row => Number(row.id)));
      expect(decided).toBeLessThan(overdue);
      try {
        const { body } = await get(
          `/entities/${encodeURIComponent(ORDERS)}/access`,
        );
        const reviews = Object.fromEntries(
          body.items.map(
            (item: { entityRef: string; pendingReview?: unknown }) => [
              item.entityRef,
              item.pendingReview,
            ],
          ),
        );
        expect(reviews).toEqual({
          [ACME_API]: {
            id: overdue,
            assignee: 'group:default/payments',
            dueAt: '2020-11-29T00:00:00.000Z',
            overdue: true,
          },
          [ACME_SANDBOX]: {
            id: upcoming,
            assignee: 'group:default/payments',
            dueAt: '2999-12-14T00:00:00.000Z',
            overdue: false,
          },
          [ORPHAN_FEED]: undefined,
        });
      } finally {
        await fx.knex('access_reviews').delete();
      }
    });

    it.each([
      'orders-service',
      encodeURIComponent('Component:Default/Orders-Service'),
    ])('defaults and lower-cases the ref %s', async ref => {
      const { status, body } = await get(`/entities/${ref}/access`);
      expect(status).toBe(200);
      expect(body.entityRef).toBe(ORDERS);
      expect(body.items).toHaveLength(3);
    });

    it('lists an integration with a revoked identity and its partner', async () => {
      const { body } = await get(
        `/entities/${encodeURIComponent(
          'resource:default/support-desk',
        )}/access`,
      );
      expect(body).toEqual({
        entityRef: 'resource:default/support-desk',
        items: [
          {
            entityRef: 'partnerintegration:default/cobalt-support',
            type: 'support-tooling',
            owner: 'group:default/support',
            partner: {
              entityRef: 'partner:default/cobalt',
              title: 'Cobalt Ltd',
              stage: 'offboarding',
              tier: 'critical',
            },
            identities: [
              {
                name: 'cobalt-sso',
                type: 'oauth-client',
                scopes: [],
                privileged: false,
                status: 'revoked',
              },
            ],
            openFindings: { critical: 1, high: 0, medium: 0, low: 0 },
            findings: [fx.F[fx.ids[4]]],
          },
        ],
        totals: { integrations: 1, partners: 1 },
      });
    });

    it('pages the integrations by entity ref, with the same totals on every page', async () => {
      const url = (cursor?: string) =>
        `/entities/${encodeURIComponent(ORDERS)}/access?limit=2${
          cursor ? `&cursor=${cursor}` : ''
        }`;
      const first = await get(url());
      expect(first.status).toBe(200);
      expect(
        first.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual([ACME_API, ACME_SANDBOX]);
      expect(first.body.totals).toEqual({ integrations: 3, partners: 2 });
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const second = await get(url(first.body.nextCursor));
      expect(
        second.body.items.map((i: { entityRef: string }) => i.entityRef),
      ).toEqual([ORPHAN_FEED]);
      expect(second.body.totals).toEqual({ integrations: 3, partners: 2 });
      expect(second.body.nextCursor).toBeUndefined();

      // past the last page: no items, the same totals
      const past = await get(
        url(Buffer.from(`${ORPHAN_FEED}~`).toString('base64url')),
      );
      expect(past.status).toBe(200);
      expect(past.body).toEqual({
        entityRef: ORDERS,
        items: [],
        totals: { integrations: 3, partners: 2 },
      });

      // a full last page has no next cursor either
      const exact = await get(
        `/entities/${encodeURIComponent(ORDERS)}/access?limit=3`,
      );
      expect(exact.body.items).toHaveLength(3);
      expect(exact.body.nextCursor).toBeUndefined();
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['cursor=not%20a%20cursor', 'cursor'],
      [
        `cursor=${Buffer.from('partner:default/acme').toString('base64url')}`,
        'cursor',
      ],
    ])('answers 400 for %s', async (query, field) => {
      expect(
        await inputError(
          `/entities/${encodeURIComponent(ORDERS)}/access?${query}`,
        ),
      ).toContain(field);
    });

    it('answers 200 with no items for an entity nobody accesses', async () => {
      const { status, body } = await get(
        `/entities/${encodeURIComponent(
          'component:default/quiet-service',
        )}/access`,
      );
      expect(status).toBe(200);
      expect(body).toEqual({
        entityRef: 'component:default/quiet-service',
        items: [],
        totals: { integrations: 0, partners: 0 },
      });
    });

    it('answers 400 naming ref for a malformed ref', async () => {
      expect(
        await inputError(`/entities/${encodeURIComponent(':orders')}/access`),
      ).toContain('ref');
    });
  });
});
