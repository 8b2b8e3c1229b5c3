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

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  createTestDatabaseService,
} from './__testUtils__/databases';
import { identity } from './__testUtils__/reviews';
import { DatabaseIdentityIndexStore } from './database/DatabaseIdentityIndexStore';
import { createRouter } from './router';
import { OwnersService } from './services/OwnersService';
import { createReadModels } from './services/read';
import type { ReviewsService } from './services/ReviewsService';

jest.setTimeout(90_000);

const NOW = new Date('2026-11-30T08:00:00.000Z');
const ACME = 'partner:default/acme';
const BOLT = 'partner:default/bolt';
const PAYMENTS = 'group:default/payments';
const PLATFORM = 'group:default/platform';
const JANE = 'user:default/jane';
const ACME_API = 'partnerintegration:default/acme-api';
const ACME_SANDBOX = 'partnerintegration:default/acme-sandbox';
const BOLT_FEED = 'partnerintegration:default/bolt-feed';
const BOLT_SSO = 'partnerintegration:default/bolt-sso';
const ORPHAN_FEED = 'partnerintegration:default/orphan-feed';

const partnerRow = (row: Record<string, unknown>) => ({
  title: null,
  type: 'integrator',
  contract_end: null,
  contract_status: null,
  entity: '{}',
  hash: 'h',
  synced_at: NOW.toISOString(),
  gone_at: null,
  ...row,
});

const integrationRow = (row: Record<string, unknown>) => ({
  title: null,
  type: 'api',
  environment: null,
  access_package: null,
  entity: '{}',
  hash: 'h',
  synced_at: NOW.toISOString(),
  gone_at: null,
  ...row,
});

const findingRow = (row: Record<string, unknown>) => ({
  identity: '',
  message: 'm',
  frameworks: '[]',
  first_seen_at: '2026-11-01T00:00:00.000Z',
  last_seen_at: NOW.toISOString(),
  resolved_at: null,
  ...row,
});

const reviewRow = (row: Record<string, unknown>) => ({
  status: 'pending',
  opened_at: '2026-11-01T00:00:00.000Z',
  decided_at: null,
  decided_by: null,
  ...row,
});

/**
 * Integrations owned by payments, platform, jane and support, one gone;
 * identities of every status; pending, overdue and decided reviews;
 * open and resolved findings.
 */
async function seed(knex: Knex) {
  await knex('partners').insert([
    partnerRow({
      entity_ref: ACME,
      title: 'Acme Corp',
      stage: 'measurement',
      tier: 'high',
      owner_ref: 'group:default/partner-ops',
    }),
    partnerRow({
      entity_ref: BOLT,
      stage: 'onboarding',
      tier: 'low',
      owner_ref: JANE,
    }),
  ]);
  await knex('integrations').insert([
    integrationRow({
      entity_ref: ACME_API,
      partner_ref: ACME,
      title: 'Acme API',
      owner_ref: PAYMENTS,
      environment: 'production',
    }),
    integrationRow({
      entity_ref: ACME_SANDBOX,
      partner_ref: ACME,
      type: 'sandbox',
      owner_ref: PAYMENTS,
      environment: 'sandbox',
    }),
    integrationRow({
      entity_ref: 'partnerintegration:default/acme-old',
      partner_ref: ACME,
      owner_ref: PAYMENTS,
      gone_at: NOW.toISOString(),
    }),
    integrationRow({
      entity_ref: BOLT_FEED,
      partner_ref: BOLT,
      type: 'data-feed',
      owner_ref: JANE,
    }),
    integrationRow({
      entity_ref: BOLT_SSO,
      partner_ref: BOLT,
      type: 'sso',
      owner_ref: PLATFORM,
    }),
    integrationRow({
      entity_ref: ORPHAN_FEED,
      partner_ref: 'partner:default/unknown',
      type: 'data-feed',
      owner_ref: PLATFORM,
    }),
    integrationRow({
      entity_ref: 'partnerintegration:default/support-desk',
      partner_ref: ACME,
      type: 'support-tooling',
      owner_ref: 'group:default/support',
    }),
  ]);
  await knex('identities').insert([
    identity(ACME_API, 'key-1'),
    identity(ACME_API, 'key-2'),
    identity(ACME_API, 'admin', { status: 'suspended' }),
    identity(ACME_API, 'old', { gone_at: NOW.toISOString() }),
    identity(ACME_SANDBOX, 'sandbox-token', { status: 'revoked' }),
    identity(BOLT_SSO, 'sso-client', { type: 'oauth-client' }),
  ]);
  await knex('access_reviews').insert([
    reviewRow({
      integration_ref: ACME_API,
      partner_ref: ACME,
      assignee_ref: PAYMENTS,
      pending_key: ACME_API,
      due_at: '2026-11-20T00:00:00.000Z',
    }),
    reviewRow({
      integration_ref: ACME_SANDBOX,
      partner_ref: ACME,
      assignee_ref: PAYMENTS,
      status: 'attested',
      pending_key: null,
      due_at: '2026-11-01T00:00:00.000Z',
      decided_at: '2026-10-30T00:00:00.000Z',
      decided_by: JANE,
    }),
    reviewRow({
      integration_ref: BOLT_FEED,
      partner_ref: BOLT,
      assignee_ref: JANE,
      pending_key: BOLT_FEED,
      due_at: '2026-12-24T00:00:00.000Z',
    }),
  ]);
  await knex('findings').insert([
    findingRow({
      rule_id: 'identity-rotation-overdue',
      entity_ref: ACME_API,
      identity: 'key-1',
      partner_ref: ACME,
      severity: 'high',
    }),
    findingRow({
      rule_id: 'identity-dormant',
      entity_ref: ACME_API,
      identity: 'key-2',
      partner_ref: ACME,
      severity: 'medium',
    }),
    findingRow({
      rule_id: 'identity-no-expiry',
      entity_ref: ACME_API,
      identity: 'key-2',
      partner_ref: ACME,
      severity: 'medium',
    }),
    findingRow({
      rule_id: 'access-package-missing',
      entity_ref: ACME_API,
      partner_ref: ACME,
      severity: 'low',
      resolved_at: '2026-11-15T00:00:00.000Z',
    }),
    findingRow({
      rule_id: 'due-diligence-missing',
      entity_ref: ACME,
      partner_ref: ACME,
      severity: 'critical',
    }),
    findingRow({
      rule_id: 'contract-ended-access-active',
      entity_ref: BOLT_SSO,
      partner_ref: BOLT,
      severity: 'critical',
    }),
  ]);
}

const user = (name: string, memberOf: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf },
  relations: [
    ...memberOf.map(targetRef => ({ type: 'memberOf', targetRef })),
    { type: 'ownerOf', targetRef: 'component:default/orders-service' },
  ],
});

const CATALOG: Entity[] = [
  // the relations the catalog emits are lower case; spec.memberOf is not read
  user('jane', [PLATFORM, PAYMENTS]),
  user('bob', []),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

const none = { critical: 0, high: 0, medium: 0, low: 0 };

/** The seeded integrations as the API lists them, by ref. */
const ITEMS = {
  [ACME_API]: {
    entityRef: ACME_API,
    title: 'Acme API',
    type: 'api',
    environment: 'production',
    owner: PAYMENTS,
    partner: {
      entityRef: ACME,
      title: 'Acme Corp',
      stage: 'measurement',
      tier: 'high',
    },
    identities: { active: 2, total: 3 },
    reviews: { pending: 1, overdue: 1, pendingReviewId: 1 },
    openFindings: { critical: 0, high: 1, medium: 2, low: 0 },
  },
  [ACME_SANDBOX]: {
    entityRef: ACME_SANDBOX,
    type: 'sandbox',
    environment: 'sandbox',
    owner: PAYMENTS,
    partner: {
      entityRef: ACME,
      title: 'Acme Corp',
      stage: 'measurement',
      tier: 'high',
    },
    identities: { active: 0, total: 1 },
    reviews: { pending: 0, overdue: 0 },
    openFindings: none,
  },
  [BOLT_FEED]: {
    entityRef: BOLT_FEED,
    type: 'data-feed',
    owner: JANE,
    partner: { entityRef: BOLT, stage: 'onboarding', tier: 'low' },
    identities: { active: 0, total: 0 },
    reviews: { pending: 1, overdue: 0, pendingReviewId: 3 },
    openFindings: none,
  },
  [BOLT_SSO]: {
    entityRef: BOLT_SSO,
    type: 'sso',
    owner: PLATFORM,
    partner: { entityRef: BOLT, stage: 'onboarding', tier: 'low' },
    identities: { active: 1, total: 1 },
    reviews: { pending: 0, overdue: 0 },
    openFindings: { ...none, critical: 1 },
  },
  [ORPHAN_FEED]: {
    entityRef: ORPHAN_FEED,
    type: 'data-feed',
    owner: PLATFORM,
    // the partner is not in the index: its ref only
    partner: { entityRef: 'partner:default/unknown' },
    identities: { active: 0, total: 0 },
    reviews: { pending: 0, overdue: 0 },
    openFindings: none,
  },
};

describe('owner routes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let baseUrl: string;
    let auditor: ReturnType<typeof mockServices.auditor.mock>;
    let queries: string[];

    beforeAll(async () => {
      const created = await createTestDatabaseService(databases, databaseId);
      knex = created.knex;
      // migrates the database
      await DatabaseIdentityIndexStore.create({ database: created.database });
      await seed(knex);
      knex.on('query', (query: { sql: string }) => queries?.push(query.sql));
    });

    beforeEach(async () => {
      queries = [];
      auditor = mockServices.auditor.mock();
      const router = await createRouter({
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions.mock(),
        auditor,
        sync: { run: jest.fn() },
        reads: createReadModels(knex),
        userInfo: mockServices.userInfo(),
        reviews: {} as ReviewsService,
        audit: { list: jest.fn() },
        owners: new OwnersService({
          db: knex,
          catalog: catalogServiceMock({ entities: CATALOG }),
          auth: mockServices.auth(),
          clock: () => NOW,
        }),
        validateResponses: true,
      });
      const app = express().use(router).use(mockErrorHandler());
      server = await new Promise<Server>(resolve => {
        const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise(resolve => server?.close(resolve));
    });

    const get = (ref: string, query = '', headers: HeadersInit = {}) =>
      fetch(
        `${baseUrl}/owners/${encodeURIComponent(ref)}/integrations${query}`,
        { headers },
      );

    async function errorOf(response: Response) {
      const body = await response.json();
      return {
        status: response.status,
        name: body.error.name,
        message: body.error.message,
      };
    }

    it('lists the live integrations a group owns, with their counts', async () => {
      const response = await get(PAYMENTS);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        owners: [PAYMENTS],
        items: [ITEMS[ACME_API], ITEMS[ACME_SANDBOX]],
      });
      expect(auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'owner-integration-fetch',
          severityLevel: 'low',
        }),
      );
      const event = await auditor.createEvent.mock.results[0].value;
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
        queries = [];
        const response = await get(
          JANE,
          `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(response.status).toBe(200);
        const page = await response.json();
        expect(page.owners).toEqual([JANE, PAYMENTS, PLATFORM]);
        expect(page.items.length).toBeLessThanOrEqual(2);
        refs.push(...page.items.map((i: { entityRef: string }) => i.entityRef));
        perPage.push(queries.length);
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

      queries = [];
      await get(JANE, '?limit=100');
      expect(queries).toHaveLength(4);
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
        await knex('exceptions').insert({
          ...exception,
          status: 'approved',
          expires_at: NOW.toISOString(),
        });
        expect(await high()).toBe(1);
        await knex('exceptions').insert({
          ...exception,
          status: 'approved',
          expires_at: '2026-12-31T00:00:00.000Z',
        });
        expect(await high()).toBe(0);
      } finally {
        await knex('exceptions').delete();
      }
      expect(await high()).toBe(1);
    });

    it('answers 404 for a user the catalog does not hold', async () => {
      const response = await get('user:default/nobody');
      expect(await errorOf(response)).toEqual({
        status: 404,
        name: 'NotFoundError',
        message: 'No user user:default/nobody in the catalog',
      });
      const event = await auditor.createEvent.mock.results[0].value;
      expect(event.fail).toHaveBeenCalledTimes(1);
    });

    it('rejects a ref of another kind, a malformed ref, a bad limit or cursor', async () => {
      expect(await errorOf(await get('component:default/orders'))).toEqual({
        status: 400,
        name: 'InputError',
        message:
          'request/params/ref must be a Group or User entity ref, not a component',
      });
      expect(await errorOf(await get('jane'))).toEqual({
        status: 400,
        name: 'InputError',
        message: expect.stringMatching(/^request\/params\/ref must be/),
      });
      expect(await errorOf(await get('user:default/'))).toMatchObject({
        status: 400,
        name: 'InputError',
      });
      expect(await errorOf(await get(PAYMENTS, '?limit=101'))).toMatchObject({
        status: 400,
        message: expect.stringMatching(/limit/),
      });
      expect(await errorOf(await get(PAYMENTS, '?limit=0'))).toMatchObject({
        status: 400,
        message: expect.stringMatching(/limit/),
      });
      expect(
        await errorOf(await get(PAYMENTS, `?cursor=${btoa('not a ref')}`)),
      ).toMatchObject({
        status: 400,
        message: expect.stringMatching(/cursor/),
      });
    });

    it('needs a user or service token', async () => {
      const response = await get(PAYMENTS, '', {
        Authorization: mockCredentials.none.header(),
      });
      expect(response.status).toBe(401);
    });
  });
});
