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

import { createTestDatabases } from '../__testUtils__/databases';
import {
  ACME,
  ACME_API,
  ACME_FEED,
  OTHER_API,
  openTriggerFixture,
  T1,
  T2,
  type TriggerFixture,
  triggerEstate,
} from '../__testUtils__/reviewTriggers';

jest.setTimeout(120_000);

type Estate = ReturnType<typeof triggerEstate>;

/** A change of the catalog and the trigger it must record for acme-api. */
interface Case {
  change: (estate: Estate) => void;
  kind: string;
  entityRef: string;
  field: string;
  identity?: string;
  before: string[];
  after: string[];
  summary: string;
}

const CASES: Array<[string, Case]> = [
  [
    'integration owner',
    {
      change: e => {
        e.api.spec.owner = 'group:team-payments';
      },
      kind: 'integration-owner',
      entityRef: ACME_API,
      field: 'spec.owner',
      before: ['group:default/team-orders'],
      after: ['group:default/team-payments'],
      summary:
        'the owner changed from group:default/team-orders to group:default/team-payments',
    },
  ],
  [
    'partner owner',
    {
      change: e => {
        e.acme.spec.owner = 'user:alice';
      },
      kind: 'partner-owner',
      entityRef: ACME,
      field: 'spec.owner',
      before: ['group:default/partner-ops'],
      after: ['user:default/alice'],
      summary:
        'the owner of partner:default/acme changed from group:default/partner-ops to user:default/alice',
    },
  ],
  [
    'partner tier',
    {
      change: e => {
        e.acme.spec.risk.tier = 'critical';
      },
      kind: 'partner-tier',
      entityRef: ACME,
      field: 'spec.risk.tier',
      before: ['high'],
      after: ['critical'],
      summary:
        'the risk tier of partner:default/acme changed from high to critical',
    },
  ],
  [
    'identity scopes',
    {
      change: e => {
        const key = e.api.spec.identities![0];
        key.scopes = ['orders:read', 'orders:write', 'refunds:write'];
        // a new secret location is no trigger, and is never stored
        key.secretRef = 'vault:kv/partners/acme/orders-v2';
      },
      kind: 'identity-scopes',
      entityRef: ACME_API,
      field: 'spec.identities[orders-key].scopes',
      identity: 'orders-key',
      before: ['orders:read', 'orders:write'],
      after: ['orders:read', 'orders:write', 'refunds:write'],
      summary: 'the scopes of identity orders-key changed: added refunds:write',
    },
  ],
  [
    'identity custodian',
    {
      change: e => {
        e.api.spec.identities![1].custodian = 'group:treasury';
      },
      kind: 'identity-custodian',
      entityRef: ACME_API,
      field: 'spec.identities[ledger-client].custodian',
      identity: 'ledger-client',
      before: ['group:default/finance'],
      after: ['group:default/treasury'],
      summary:
        'the custodian of identity ledger-client changed from group:default/finance to group:default/treasury',
    },
  ],
  [
    'identity environment',
    {
      change: e => {
        e.api.spec.identities![0].environment = 'staging';
      },
      kind: 'identity-environment',
      entityRef: ACME_API,
      field: 'spec.identities[orders-key].environment',
      identity: 'orders-key',
      before: ['production'],
      after: ['staging'],
      summary:
        'the environment of identity orders-key changed from production to staging',
    },
  ],
  [
    'accesses',
    {
      change: e => {
        e.api.spec.accesses = ['component:orders-api', 'resource:orders-db'];
      },
      kind: 'integration-accesses',
      entityRef: ACME_API,
      field: 'spec.accesses',
      before: ['api:default/orders', 'component:default/orders-api'],
      after: ['component:default/orders-api', 'resource:default/orders-db'],
      summary:
        'the accesses changed: added resource:default/orders-db; removed api:default/orders',
    },
  ],
  [
    'new identity on a reviewed integration',
    {
      change: e => {
        e.api.spec.identities!.push({
          name: 'refund-key',
          type: 'api-key',
          scopes: ['refunds:write'],
          secretRef: 'vault:kv/partners/acme/refunds',
          issued: '2026-12-04',
        });
      },
      kind: 'identity-added',
      entityRef: ACME_API,
      field: 'spec.identities[refund-key]',
      identity: 'refund-key',
      before: [],
      after: ['refund-key'],
      summary: 'identity refund-key was added',
    },
  ],
];

describe('re-review triggers per change kind', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let fx: TriggerFixture;

    describe('on an integration whose last review was decided', () => {
      beforeEach(async () => {
        fx = await openTriggerFixture(databases, databaseId);
      });

      it.each(CASES)(
        'a change of the %s makes the next review due now, with what changed',
        async (_name, c) => {
          // the first refresh and the decision recorded no trigger
          expect(await fx.triggers()).toEqual([]);
          c.change(fx.estate);
          await fx.refresh(T2);

          const stored = (await fx.triggers()).filter(
            t => t.integration_ref === ACME_API,
          );
          expect(stored).toEqual([
            {
              id: expect.anything(),
              integration_ref: ACME_API,
              partner_ref: ACME,
              kind: c.kind,
              entity_ref: c.entityRef,
              field: c.field,
              identity: c.identity ?? null,
              before: JSON.stringify(c.before),
              after: JSON.stringify(c.after),
              seen_at: T2.toISOString(),
              review_id: null,
              consumed_at: null,
            },
          ]);
          expect(JSON.stringify(await fx.triggers())).not.toContain('vault:');

          // a new review, opened and due at the refresh that saw the change
          const [decided, next] = await fx.reviewsOf(ACME_API);
          expect(decided.status).toBe('attested');
          expect(next).toMatchObject({
            status: 'pending',
            opened_at: T2.toISOString(),
            due_at: T2.toISOString(),
          });
          const { items } = await fx.reviews.list(
            { integration: ACME_API, status: 'pending' },
            { now: T2 },
          );
          const trigger = {
            kind: c.kind,
            entityRef: c.entityRef,
            field: c.field,
            ...(c.identity && { identity: c.identity }),
            before: c.before,
            after: c.after,
            at: T2.toISOString(),
            summary: c.summary,
          };
          expect(items).toEqual([
            expect.objectContaining({
              id: Number(next.id),
              dueReason: `Due now: ${c.summary} on 2026-12-05.`,
              triggers: [trigger],
            }),
          ]);
          await expect(fx.reviews.get(Number(next.id), T2)).resolves.toEqual(
            expect.objectContaining({
              dueReason: `Due now: ${c.summary} on 2026-12-05.`,
              triggers: [trigger],
            }),
          );

          const [event] = (await fx.events('review.triggered')).filter(
            e => e.subject_ref === ACME_API,
          );
          expect(event).toMatchObject({
            at: T2.toISOString(),
            actor: 'plugin:partners',
            subject_type: 'access-review',
            partner_ref: ACME,
          });
          expect(JSON.parse(event.after)).toEqual({
            changes: [
              {
                kind: c.kind,
                entityRef: c.entityRef,
                field: c.field,
                ...(c.identity && { identity: c.identity }),
                before: c.before,
                after: c.after,
              },
            ],
          });
          // another partner's integration is untouched
          expect(
            (await fx.triggers()).filter(t => t.integration_ref === OTHER_API),
          ).toEqual([]);
        },
      );

      it('triggers nothing for unchanged, reordered or reworded data, nor for a secret location', async () => {
        const { api } = fx.estate;
        api.metadata.description = 'Orders API of Acme';
        api.spec.owner = 'group:default/team-orders';
        api.spec.accesses = ['api:orders', 'component:default/orders-api'];
        api.spec.identities!.reverse();
        const key = api.spec.identities!.find(i => i.name === 'orders-key')!;
        key.scopes = ['orders:write', ' orders:read'];
        key.lastUsed = '2026-12-04';
        key.secretRef = 'vault:kv/partners/acme/orders-v2';
        const before = await fx.reviewsOf(ACME_API);

        await fx.refresh(T2);

        // the integration was rewritten ...
        const row = await fx
          .knex('integrations')
          .where('entity_ref', ACME_API)
          .first();
        expect(row.synced_at).toBe(T2.toISOString());
        // ... and triggered nothing
        expect(await fx.triggers()).toEqual([]);
        expect(await fx.events('review.triggered')).toEqual([]);
        expect(await fx.reviewsOf(ACME_API)).toEqual(before);
      });

      it('triggers nothing on the first sighting of an integration: its first review is due by cadence', async () => {
        fx.estate.feed.metadata.name = 'acme-new';
        await fx.refresh(T2);

        expect(await fx.triggers()).toEqual([]);
        const [review] = await fx.reviewsOf(
          'partnerintegration:default/acme-new',
        );
        // issued long ago: due after the lead window of 14 days
        expect(review).toMatchObject({
          opened_at: T2.toISOString(),
          due_at: new Date(T2.getTime() + 14 * 86_400_000).toISOString(),
        });
        const detail = await fx.reviews.get(Number(review.id), T2);
        expect(detail).toMatchObject({
          dueReason: 'Due by cadence.',
          triggers: [],
        });
      });

      it('triggers each live integration of a partner whose tier changed', async () => {
        fx.estate.acme.spec.risk.tier = 'critical';
        await fx.refresh(T2);

        expect(
          (await fx.triggers()).map(t => [t.integration_ref, t.kind]),
        ).toEqual([
          [ACME_API, 'partner-tier'],
          [ACME_FEED, 'partner-tier'],
        ]);
      });
    });

    describe('on an integration never reviewed', () => {
      beforeEach(async () => {
        fx = await openTriggerFixture(databases, databaseId, {
          decided: false,
        });
      });

      it('a new identity triggers nothing: the first review covers it', async () => {
        const [first] = await fx.reviewsOf(ACME_API);
        expect(first).toMatchObject({
          status: 'pending',
          opened_at: T1.toISOString(),
        });
        fx.estate.api.spec.identities!.push({
          name: 'refund-key',
          type: 'api-key',
          scopes: ['refunds:write'],
          issued: '2026-12-04',
        });
        await fx.refresh(T2);

        expect(await fx.triggers()).toEqual([]);
        expect(await fx.reviewsOf(ACME_API)).toEqual([first]);
        const detail = await fx.reviews.get(Number(first.id), T2);
        expect(detail.dueReason).toBe('Due by cadence.');
        expect(detail.identities.map(i => i.name)).toContain('refund-key');
      });
    });
  });
});
