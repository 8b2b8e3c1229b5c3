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

import {
  mockServices,
  type TestDatabaseId,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_PARTNERS_POLICY,
  type PartnerEntityV1alpha1,
  type PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import type { Knex } from 'knex';
import { DatabaseIdentityIndexStore } from '../database/DatabaseIdentityIndexStore';
import { DatabaseReviewsStore } from '../database/DatabaseReviewsStore';
import { IdentityIndexSync } from '../services/IdentityIndexSync';
import { ReviewsService } from '../services/ReviewsService';
import { createTestDatabaseService } from './databases';

/** The first refresh: the estate is indexed and its first reviews open. */
export const T1 = new Date('2026-12-01T08:00:00.000Z');
/** When the first review of acme-api is decided. */
const DECIDED = new Date('2026-12-01T09:00:00.000Z');
/** The refresh that sees a change. */
export const T2 = new Date('2026-12-05T08:00:00.000Z');
/** A later refresh. */
export const T3 = new Date('2026-12-07T08:00:00.000Z');

export const ACME = 'partner:default/acme';
export const ACME_API = 'partnerintegration:default/acme-api';
export const ACME_FEED = 'partnerintegration:default/acme-feed';
export const OTHER_API = 'partnerintegration:default/other-api';

function partner(name: string): PartnerEntityV1alpha1 {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'Partner',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'integrator',
      owner: 'group:partner-ops',
      lifecycle: { stage: 'measurement' },
      risk: { tier: 'high' },
    },
  };
}

function integration(
  name: string,
  partnerName: string,
  identities: NonNullable<
    PartnerIntegrationEntityV1alpha1['spec']['identities']
  >,
): PartnerIntegrationEntityV1alpha1 {
  return {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name, namespace: 'default' },
    spec: {
      partner: `partner:${partnerName}`,
      type: 'api',
      owner: 'group:team-orders',
      environment: 'production',
      accesses: ['component:orders-api', 'api:orders'],
      identities,
    },
  };
}

/** The catalog the refreshes read; tests change it between refreshes. */
export function triggerEstate() {
  return {
    acme: partner('acme'),
    other: partner('other'),
    api: integration('acme-api', 'acme', [
      {
        name: 'orders-key',
        type: 'api-key',
        scopes: ['orders:read', 'orders:write'],
        secretRef: 'vault:kv/partners/acme/orders',
        issued: '2026-01-10',
        lastUsed: '2026-11-30',
      },
      {
        name: 'ledger-client',
        type: 'oauth-client',
        custodian: 'group:finance',
        scopes: ['ledger:read'],
        issued: '2026-01-10',
        lastUsed: '2026-11-30',
      },
    ]),
    feed: integration('acme-feed', 'acme', [
      {
        name: 'feed-key',
        type: 'api-key',
        scopes: ['feed:read'],
        issued: '2026-01-10',
        lastUsed: '2026-11-30',
      },
    ]),
    otherApi: integration('other-api', 'other', [
      {
        name: 'other-key',
        type: 'api-key',
        scopes: ['orders:read'],
        issued: '2026-01-10',
        lastUsed: '2026-11-30',
      },
    ]),
  };
}

/** The estate, the refreshes over it and what they stored. */
export interface TriggerFixture {
  knex: Knex;
  estate: ReturnType<typeof triggerEstate>;
  reviews: ReviewsService;
  /** Syncs the index from the estate as it is now, then opens due reviews. */
  refresh(now: Date): Promise<void>;
  /** Attests the pending review of an integration; returns its id. */
  attest(integrationRef: string, at: Date): Promise<number>;
  /** The stored triggers, oldest first. */
  triggers(): Promise<Array<Record<string, any>>>;
  /** The stored reviews of an integration, oldest first. */
  reviewsOf(integrationRef: string): Promise<Array<Record<string, any>>>;
  /** The audit events of an action, oldest first. */
  events(action: string): Promise<Array<Record<string, any>>>;
}

/**
 * A fresh database with the estate indexed at {@link T1} and the first
 * reviews open (every identity was issued long before: they are due after
 * the lead window); with `decided`, acme-api's first review attested at
 * {@link DECIDED}.
 */
export async function openTriggerFixture(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
  options: { decided: boolean } = { decided: true },
): Promise<TriggerFixture> {
  const { knex, database } = await createTestDatabaseService(
    databases,
    databaseId,
  );
  const index = await DatabaseIdentityIndexStore.create({ database });
  const store = await DatabaseReviewsStore.create({ database });
  const logger = mockServices.logger.mock();
  const reviews = new ReviewsService({
    store,
    policy: () => DEFAULT_PARTNERS_POLICY,
    logger,
  });
  const estate = triggerEstate();
  const fx: TriggerFixture = {
    knex,
    estate,
    reviews,
    async refresh(now) {
      await new IdentityIndexSync({
        store: index,
        catalog: catalogServiceMock({
          entities: structuredClone(Object.values(estate)),
        }),
        auth: mockServices.auth(),
        logger,
      }).run(now);
      await reviews.openDueReviews(now);
    },
    async attest(integrationRef, at) {
      const review = await knex('access_reviews')
        .where({ integration_ref: integrationRef, status: 'pending' })
        .first();
      await reviews.decide(
        Number(review.id),
        { decision: 'attest', comment: 'still needed' },
        { actor: 'user:default/olivia', authorize: async () => true },
        at,
      );
      return Number(review.id);
    },
    triggers: () => knex('review_triggers').orderBy('id'),
    reviewsOf: integrationRef =>
      knex('access_reviews')
        .where('integration_ref', integrationRef)
        .orderBy('id'),
    events: action =>
      knex('audit_events').where('action', action).orderBy('id'),
  };
  await fx.refresh(T1);
  if (options.decided) {
    await fx.attest(ACME_API, DECIDED);
  }
  return fx;
}
