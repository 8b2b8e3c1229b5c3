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

import type {
  BackendFeature,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type {
  OffboardingItem,
  PartnerEntityV1alpha1,
  PartnerIntegrationEntityV1alpha1,
} from '@partner-governance/plugin-partners-common';
import { partnersPlugin } from '../plugin';

/**
 * The partners backend of {@link startPartnersTestBackend}.
 *
 * @public
 */
export interface PartnersTestBackend {
  /**
   * Runs a scheduled task of the plugin now and waits for it:
   * `partners-index-sync` (the refresh: index, findings, offboarding) or
   * `partners-identity-source-<sourceId>` (one run of a source). Nothing
   * runs on its own.
   */
  runTask(id: string): Promise<void>;
  /**
   * Calls the partners API (`path` from `/api/partners`, e.g.
   * `/identity-sources`) as a signed-in user whom every permission allows.
   */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The items of a partner's offboarding checklist; none without one. */
  offboardingItems(partnerRef: string): Promise<OffboardingItem[]>;
  stop(): Promise<void>;
}

/**
 * Starts the partners backend plugin with identity source modules, over a
 * catalog holding `entities` and an in-memory database, for testing a source
 * end to end: observe, refresh, reconcile, revoke and verify.
 *
 * @public
 */
export async function startPartnersTestBackend(options: {
  /** The identity source modules, and anything else the test needs. */
  features: BackendFeature[];
  /** The catalog: partners, their integrations and whatever they reach. */
  entities: Entity[];
  /** `partners.identitySources`, as app-config would give it. */
  identitySources: JsonObject;
}): Promise<PartnersTestBackend> {
  const scheduler = mockServices.scheduler.mock();
  const backend = await startTestBackend({
    features: [
      partnersPlugin,
      ...options.features,
      scheduler.factory,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: { partners: { identitySources: options.identitySources } },
      }),
    ],
  });
  const base = `http://localhost:${backend.server.port()}/api/partners`;
  const call: PartnersTestBackend['fetch'] = (path, init = {}) =>
    fetch(`${base}${path}`, {
      ...init,
      headers: {
        authorization: mockCredentials.user.header(),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...init.headers,
      },
    });
  return {
    async runTask(id) {
      const task = scheduler.scheduleTask.mock.calls
        .map(([t]) => t as SchedulerServiceTaskInvocationDefinition)
        .find(t => t.id === id);
      if (!task) {
        throw new Error(`The partners plugin scheduled no task ${id}`);
      }
      await task.fn(new AbortController().signal);
    },
    fetch: call,
    async offboardingItems(partnerRef) {
      const response = await call(
        `/partners/${encodeURIComponent(partnerRef)}/offboarding`,
      );
      if (!response.ok) {
        throw new Error(
          `GET offboarding of ${partnerRef} answered ${response.status}`,
        );
      }
      return (await response.json()).checklist?.items ?? [];
    },
    stop: () => backend.stop(),
  };
}

/**
 * A partner in `stage` (offboarding unless said) with one integration that
 * declares `identities`, each with where a source observes it: the catalog
 * of a source's end-to-end test.
 *
 * @public
 */
export function partnerEntities(options: {
  /** The partner's name, as a source's pattern attributes identities to it. */
  partner: string;
  stage?: PartnerEntityV1alpha1['spec']['lifecycle']['stage'];
  identities: Array<{ name: string; observedAs: string; scopes?: string[] }>;
}): Entity[] {
  const { partner, stage = 'offboarding' } = options;
  const partnerEntity: PartnerEntityV1alpha1 = {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'Partner',
    metadata: { name: partner, namespace: 'default' },
    spec: {
      type: 'integrator',
      owner: 'group:partner-operations',
      lifecycle: { stage },
      risk: { tier: 'medium' },
    },
  };
  const integration: PartnerIntegrationEntityV1alpha1 = {
    apiVersion: 'partners.governance.dev/v1alpha1',
    kind: 'PartnerIntegration',
    metadata: { name: `${partner}-integration`, namespace: 'default' },
    spec: {
      partner: `partner:${partner}`,
      type: 'api',
      owner: 'group:team-orders',
      environment: 'production',
      accesses: ['component:orders-service'],
      identities: options.identities.map(({ name, observedAs, scopes }) => ({
        name,
        type: 'service-account',
        scopes: scopes ?? [],
        observedAs,
        issued: '2026-01-10',
      })),
    },
  };
  return [partnerEntity, integration];
}
