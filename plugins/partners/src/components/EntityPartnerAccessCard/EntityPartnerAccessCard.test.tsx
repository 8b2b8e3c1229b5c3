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

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  EntityAccessItem,
  EntityAccessResponse,
  PartnersApi,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { reviewsRouteRef } from '../../routes';
import { EntityPartnerAccessCard } from './EntityPartnerAccessCard';
import { isPartnerAccessAvailable } from './isPartnerAccessAvailable';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-service' },
  spec: {
    type: 'service',
    owner: 'group:default/orders',
    lifecycle: 'production',
  },
};

function accessItem(index: number): EntityAccessItem {
  return {
    entityRef: `partnerintegration:default/integration-${index}`,
    type: 'api',
    owner: 'group:default/orders',
    environment: 'production',
    partner: {
      entityRef: 'partner:default/acme',
      stage: 'measurement',
      tier: 'high',
    },
    identities: [
      {
        name: `key-${index}`,
        type: 'api-key',
        scopes: ['orders:read', 'orders:write'],
        privileged: false,
        status: 'active',
        lastUsed: '2026-11-01',
      },
    ],
    openFindings: { critical: 0, high: 1, medium: 0, low: 0 },
    findings: [
      {
        id: index,
        ruleId: 'identity-rotation-overdue',
        severity: 'high',
        entityRef: `partnerintegration:default/integration-${index}`,
        identity: `key-${index}`,
        message: 'Rotation overdue',
        frameworks: ['NHI7'],
        firstSeen: '2026-11-01T00:00:00Z',
        lastSeen: '2026-11-28T00:00:00Z',
      },
    ],
  };
}

async function renderCard(getEntityAccess: PartnersApi['getEntityAccess']) {
  const api: Partial<PartnersApi> = { getEntityAccess };
  return renderInTestApp(
    <TestApiProvider apis={[[partnersApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityPartnerAccessCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/partners/reviews': reviewsRouteRef,
      },
    },
  );
}

// Tables and links render slowly on a busy machine.
jest.setTimeout(30_000);

describe('isPartnerAccessAvailable', () => {
  it('is true for the kinds an integration can access', () => {
    for (const kind of ['Component', 'API', 'Resource', 'System']) {
      expect(isPartnerAccessAvailable({ ...entity, kind })).toBe(true);
    }
    expect(isPartnerAccessAvailable({ ...entity, kind: 'Group' })).toBe(false);
    expect(isPartnerAccessAvailable({ ...entity, kind: 'Partner' })).toBe(
      false,
    );
  });
});

describe('EntityPartnerAccessCard', () => {
  it('shows progress while loading', async () => {
    await renderCard(() => new Promise(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    await renderCard(async () => {
      throw new Error('backend down');
    });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('shows an empty state', async () => {
    const getEntityAccess = jest.fn(
      async (): Promise<EntityAccessResponse> => ({
        entityRef: 'component:default/orders-service',
        items: [],
        totals: { integrations: 0, partners: 0 },
      }),
    );
    await renderCard(getEntityAccess);
    expect(
      await screen.findByText(
        'No partner integration accesses orders-service.',
      ),
    ).toBeInTheDocument();
    expect(getEntityAccess).toHaveBeenCalledWith(
      'component:default/orders-service',
      { limit: 5, cursor: undefined },
    );
  });

  it('shows partners, identities, scopes and findings', async () => {
    const item = {
      ...accessItem(1),
      pendingReview: {
        id: 7,
        assignee: 'group:default/orders',
        dueAt: '2026-11-20T00:00:00Z',
        overdue: true,
      },
    };
    await renderCard(async () => ({
      entityRef: 'component:default/orders-service',
      items: [item],
      totals: { integrations: 1, partners: 1 },
    }));
    expect(
      await screen.findByText(
        '1 partner through 1 integration access orders-service',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /integration-1/ })).toHaveAttribute(
      'href',
      '/catalog/default/partnerintegration/integration-1',
    );
    expect(screen.getByRole('link', { name: /acme/ })).toHaveAttribute(
      'href',
      '/catalog/default/partner/acme',
    );
    expect(screen.getByText('Measurement')).toBeInTheDocument();
    expect(screen.getByText('high risk')).toBeInTheDocument();
    expect(screen.getByText('1 pending, due 2026-11-20')).toBeInTheDocument();
    expect(screen.getByText('1 overdue')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open access review #7' }),
    ).toHaveAttribute('href', '/partners/reviews?review=7');
    expect(screen.getByText('1 high')).toBeInTheDocument();

    const identities = screen.getByRole('table', {
      name: /Identities of partnerintegration:default\/integration-1/,
    });
    const row = within(identities).getByText('key-1').closest('tr')!;
    expect(within(row).getByText('api-key')).toBeInTheDocument();
    expect(within(row).getByText('orders:read')).toBeInTheDocument();
    expect(within(row).getByText('orders:write')).toBeInTheDocument();
    expect(within(row).getByText('2026-11-01')).toBeInTheDocument();
    expect(within(row).getByText('active')).toBeInTheDocument();
  });

  it('marks identities their source did not see or sees with more scopes', async () => {
    const item = accessItem(1);
    const [identity] = item.identities;
    const observation = {
      sourceId: 'aws-iam',
      externalId: 'AKIA1',
      observedAt: '2026-11-28T06:00:00Z',
      unlistedScopes: [],
      revocable: true,
    };
    item.identities = [
      {
        ...identity,
        name: 'gone-key',
        observation: { ...observation, state: 'not-observed' },
      },
      {
        ...identity,
        name: 'drifted-key',
        observation: {
          ...observation,
          state: 'observed',
          status: 'active',
          unlistedScopes: ['s3:PutObject', 'iam:PassRole'],
        },
      },
      {
        ...identity,
        name: 'fine-key',
        observation: { ...observation, state: 'observed', status: 'active' },
      },
      { ...identity, name: 'undeclared-source-key' },
    ];
    await renderCard(async () => ({
      entityRef: 'component:default/orders-service',
      items: [item],
      totals: { integrations: 1, partners: 1 },
    }));
    const rowOf = async (name: string) =>
      within((await screen.findByText(name)).closest('tr')!);

    const gone = await rowOf('gone-key');
    expect(
      gone.getByText('Not observed').closest('.MuiChip-root'),
    ).toHaveAttribute(
      'title',
      'Not seen by aws-iam in its last run (2026-11-28 06:00)',
    );
    expect(gone.queryByText('Scope drift')).toBeNull();

    const drifted = await rowOf('drifted-key');
    expect(
      drifted.getByText('Scope drift').closest('.MuiChip-root'),
    ).toHaveAttribute(
      'title',
      'aws-iam observes 2 scopes the declaration does not list: s3:PutObject, iam:PassRole',
    );
    expect(drifted.queryByText('Not observed')).toBeNull();

    for (const name of ['fine-key', 'undeclared-source-key']) {
      const row = await rowOf(name);
      expect(row.queryByText('Not observed')).toBeNull();
      expect(row.queryByText('Scope drift')).toBeNull();
    }
  });

  it('pages through many integrations on the server', async () => {
    const items = Array.from({ length: 7 }, (_, i) => accessItem(i + 1));
    const getEntityAccess = jest.fn(
      async (
        _ref: string,
        request?: { cursor?: string },
      ): Promise<EntityAccessResponse> =>
        request?.cursor === 'page-2'
          ? {
              entityRef: 'component:default/orders-service',
              items: items.slice(5),
              totals: { integrations: 7, partners: 2 },
            }
          : {
              entityRef: 'component:default/orders-service',
              items: items.slice(0, 5),
              totals: { integrations: 7, partners: 2 },
              nextCursor: 'page-2',
            },
    );
    await renderCard(getEntityAccess);
    expect(
      await screen.findByText(
        '2 partners through 7 integrations access orders-service',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('key-1')).toBeInTheDocument();
    expect(screen.queryByText('key-6')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));

    expect(await screen.findByText('key-6')).toBeInTheDocument();
    expect(screen.queryByText('key-1')).not.toBeInTheDocument();
    expect(getEntityAccess).toHaveBeenLastCalledWith(
      'component:default/orders-service',
      { limit: 5, cursor: 'page-2' },
    );

    await userEvent.click(
      screen.getByRole('button', { name: /previous page/i }),
    );
    expect(await screen.findByText('key-1')).toBeInTheDocument();
    expect(getEntityAccess).toHaveBeenLastCalledWith(
      'component:default/orders-service',
      { limit: 5, cursor: undefined },
    );
  });
});
