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

import type { ReactElement } from 'react';
import type { Entity } from '@backstage/catalog-model';
import {
  discoveryApiRef,
  fetchApiRef,
  type ApiRef,
} from '@backstage/core-plugin-api';
import {
  permissionApiRef,
  type PermissionApi,
} from '@backstage/plugin-permission-react';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  FindingRecord,
  PartnerDetails,
  PartnerIdentityItem,
  PartnersOverview,
  ReviewSummary,
  PartnerEntityV1alpha1,
  PartnerIntegrationEntityV1alpha1,
  PartnersApi,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../../api';
import { reviewsRouteRef } from '../../../routes';
import {
  setPermissionsAllowed,
  type PermissionDecision,
  type PermissionRequest,
} from './permissions';

/*
 * Fixtures and a render helper for the partners component tests (test-only).
 */

export const partnerEntity: PartnerEntityV1alpha1 = {
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'Partner',
  metadata: { name: 'acme', namespace: 'default', title: 'Acme Logistics' },
  spec: {
    type: 'integrator',
    owner: 'group:default/partnerships',
    lifecycle: {
      stage: 'enablement',
      stageOwners: {
        onboarding: 'group:default/partnerships',
        enablement: 'group:default/platform',
      },
    },
    risk: {
      tier: 'high',
      criticality: 'medium',
      dataAccess: ['customer-pii'],
      dueDiligence: { completed: '2026-01-10', reference: 'TPRM-42' },
    },
    contract: { start: '2025-01-01', end: '2027-12-31', status: 'active' },
  },
};

export const integrationEntity: PartnerIntegrationEntityV1alpha1 = {
  apiVersion: 'partners.governance.dev/v1alpha1',
  kind: 'PartnerIntegration',
  metadata: { name: 'acme-orders', namespace: 'default' },
  spec: {
    partner: 'partner:default/acme',
    type: 'api',
    owner: 'group:default/orders',
    environment: 'production',
    accessPackage: 'orders-read',
    accesses: ['component:default/orders-api'],
    identities: [
      {
        name: 'orders-key',
        type: 'api-key',
        scopes: ['orders:read', 'orders:write'],
        issued: '2025-01-01',
        lastRotated: '2026-01-01',
        lastUsed: '2026-11-01',
        expires: '2027-01-01',
      },
      {
        name: 'old-token',
        type: 'token',
        scopes: ['orders:read'],
        status: 'revoked',
      },
    ],
  },
};

export const finding: FindingRecord = {
  id: 7,
  ruleId: 'identity-overprivileged',
  severity: 'high',
  entityRef: 'partnerintegration:default/acme-orders',
  identity: 'orders-key',
  partnerRef: 'partner:default/acme',
  message: 'orders-key holds orders:write outside orders-read',
  frameworks: ['NHI5', 'PR.AA-05'],
  firstSeen: '2026-11-01T00:00:00Z',
  lastSeen: '2026-11-28T00:00:00Z',
};

export const partnerDetails: PartnerDetails = {
  entityRef: 'partner:default/acme',
  title: 'Acme Logistics',
  type: 'integrator',
  stage: 'enablement',
  tier: 'high',
  owner: 'group:default/partnerships',
  contractEnd: '2027-12-31',
  contractStatus: 'active',
  openFindings: { critical: 0, high: 1, medium: 0, low: 0 },
  reviews: { pending: 1, overdue: 1 },
  integrations: [
    {
      entityRef: 'partnerintegration:default/acme-orders',
      type: 'api',
      owner: 'group:default/orders',
      environment: 'production',
      accessPackage: 'orders-read',
      identityCount: 2,
    },
    {
      entityRef: 'partnerintegration:default/acme-sandbox',
      type: 'sandbox',
      owner: 'group:default/orders',
      identityCount: 0,
    },
  ],
  findings: [finding],
  scorecard: {
    controlAdherence: { passing: 19, total: 20 },
    usage: { used: 1, granted: 2 },
    openExceptions: 3,
    incidentsLastYear: 1,
  },
};

/** `GET /partners/summary` of a small programme. */
export const partnersOverview: PartnersOverview = {
  total: 7,
  byStage: {
    onboarding: 2,
    enablement: 3,
    measurement: 1,
    offboarding: 1,
    offboarded: 0,
  },
  reviews: { pending: 9, overdue: 4 },
  openFindings: { critical: 3, high: 5, medium: 0, low: 1 },
  contractsEnding: { days: 90, count: 2 },
};

/** An identity of acme-orders as `GET /partners/{ref}/identities` lists it. */
export const partnerIdentity: PartnerIdentityItem = {
  integrationRef: 'partnerintegration:default/acme-orders',
  name: 'orders-key',
  type: 'api-key',
  status: 'active',
  scopes: ['orders:read', 'orders:write'],
  privileged: false,
  environment: 'production',
  issued: '2025-01-01',
  lastRotated: '2026-01-01',
  rotationAgeDays: 332,
  expires: '2027-01-01',
  lastUsed: '2026-11-01',
  accessPackage: 'orders-read',
  openFindings: ['identity-overprivileged'],
  acceptedRisks: [],
};

/** A pending, overdue access review of acme-orders. */
export const reviewSummary: ReviewSummary = {
  id: 12,
  integrationRef: 'partnerintegration:default/acme-orders',
  partnerRef: 'partner:default/acme',
  assignee: 'group:default/orders',
  status: 'pending',
  openedAt: '2026-10-01T00:00:00Z',
  dueAt: '2026-11-01T00:00:00Z',
  overdue: true,
};

/** A PartnersApi whose every method is a jest mock that never resolves. */
export function mockPartnersApi(
  overrides: Partial<PartnersApi> = {},
): jest.Mocked<PartnersApi> {
  const pending = () => jest.fn(() => new Promise<never>(() => {}));
  // Typed by the interface, so a method added to PartnersApi must be stubbed.
  const stubs: Record<keyof PartnersApi, jest.Mock> = {
    listPartners: pending(),
    getPartner: pending(),
    getPartnersOverview: pending(),
    listPartnerIdentities: pending(),
    listFindingRules: pending(),
    getEntityAccess: pending(),
    listIdentitySources: pending(),
    listAccessPackages: pending(),
    getPartnerRegister: pending(),
    listFindings: pending(),
    sync: pending(),
    listReviews: pending(),
    getReview: pending(),
    decideReview: pending(),
    listAuditEvents: pending(),
    listExceptions: pending(),
    getException: pending(),
    requestException: pending(),
    approveException: pending(),
    denyException: pending(),
    getOffboarding: pending(),
    completeOffboardingItem: pending(),
    revokeOffboardingItem: pending(),
    verifyOffboarding: pending(),
    listUndeclaredIdentities: pending(),
    getBlastRadius: pending(),
    suspendPartner: pending(),
    getStageHistory: pending(),
    listOwnerIntegrations: pending(),
    getEvidencePack: pending(),
    getEvidencePackCsv: pending(),
  };
  const api: Record<string, jest.Mock> = stubs;
  for (const [name, impl] of Object.entries(overrides)) {
    api[name] = jest.fn(impl as (...args: unknown[]) => unknown);
  }
  return api as unknown as jest.Mocked<PartnersApi>;
}

const discoveryApi = {
  getBaseUrl: async (pluginId: string) =>
    `http://localhost:7007/api/${pluginId}`,
};

/** Renders an element in a test app with the partners API, permissions and an entity. */
export async function renderPartners(
  element: ReactElement,
  options: {
    api: PartnersApi;
    entity?: Entity;
    /**
     * Whether every permission is allowed (true when absent), or which
     * `usePermission` requests are.
     */
    allow?: PermissionDecision;
    catalogApi?: Partial<typeof catalogApiRef.T>;
    /** More API implementations, such as discovery and fetch. */
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    extraApis?: Array<readonly [ApiRef<any>, any]>;
    /** The URL to start at, e.g. `/?stage=enablement`. */
    route?: string;
    /** Mount the reviews page route, so that review links resolve. */
    mountReviews?: boolean;
  },
) {
  const {
    api,
    entity,
    allow = true,
    catalogApi,
    extraApis = [],
    route,
    mountReviews,
  } = options;
  setPermissionsAllowed(allow);
  // AuthorizeResult is a string enum of permission-common, which this plugin
  // does not depend on directly.
  type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;
  const permissionApi: PermissionApi = {
    authorize: async request => {
      const allowed =
        typeof allow === 'function'
          ? allow(request as PermissionRequest)
          : allow;
      return { result: allowed ? 'ALLOW' : 'DENY' } as unknown as Decision;
    },
  };
  const content = entity ? (
    <EntityProvider entity={entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [partnersApiRef, api],
        [permissionApiRef, permissionApi],
        [catalogApiRef, catalogApi ?? {}],
        [discoveryApiRef, discoveryApi],
        [fetchApiRef, { fetch: jest.fn() }],
        ...extraApis,
      ]}
    >
      {content}
    </TestApiProvider>,
    {
      ...(route ? { routeEntries: [route] } : {}),
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(mountReviews ? { '/partners/reviews': reviewsRouteRef } : {}),
      },
    },
  );
}
