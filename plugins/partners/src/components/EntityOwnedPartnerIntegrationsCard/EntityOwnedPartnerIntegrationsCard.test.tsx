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

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  ListOwnerIntegrationsRequest,
  ListOwnerIntegrationsResponse,
  OwnerIntegrationItem,
  PartnersApi,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { reviewsRouteRef } from '../../routes';
import { EntityOwnedPartnerIntegrationsCard } from './EntityOwnedPartnerIntegrationsCard';
import { isOwnedPartnerIntegrationsAvailable } from './isOwnedPartnerIntegrationsAvailable';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'orders' },
  spec: { type: 'team', children: [] },
};

function item(index: number, overrides: Partial<OwnerIntegrationItem> = {}) {
  const result: OwnerIntegrationItem = {
    entityRef: `partnerintegration:default/integration-${index}`,
    type: 'data-feed',
    environment: 'production',
    owner: 'group:default/orders',
    partner: {
      entityRef: 'partner:default/acme',
      stage: 'enablement',
      tier: 'critical',
    },
    identities: { active: 2, total: 3 },
    reviews: { pending: 0, overdue: 0 },
    openFindings: { critical: 1, high: 0, medium: 2, low: 0 },
    ...overrides,
  };
  return result;
}

async function renderCard(
  listOwnerIntegrations: PartnersApi['listOwnerIntegrations'],
  entity: Entity = group,
  mountReviews = true,
) {
  const api: Partial<PartnersApi> = { listOwnerIntegrations };
  return renderInTestApp(
    <TestApiProvider apis={[[partnersApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityOwnedPartnerIntegrationsCard />
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        ...(mountReviews ? { '/partners/reviews': reviewsRouteRef } : {}),
      },
    },
  );
}

// Tables and links render slowly on a busy machine.
jest.setTimeout(30_000);

describe('isOwnedPartnerIntegrationsAvailable', () => {
  it('is true for groups and users', () => {
    expect(isOwnedPartnerIntegrationsAvailable(group)).toBe(true);
    expect(
      isOwnedPartnerIntegrationsAvailable({ ...group, kind: 'User' }),
    ).toBe(true);
    expect(
      isOwnedPartnerIntegrationsAvailable({ ...group, kind: 'Component' }),
    ).toBe(false);
  });
});

describe('EntityOwnedPartnerIntegrationsCard', () => {
  it('shows progress while loading', async () => {
    await renderCard(() => new Promise(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    await renderCard(async () => {
      throw new Error('owner lookup failed');
    });
    expect(
      await screen.findByText('Error: owner lookup failed'),
    ).toBeInTheDocument();
  });

  it('shows an empty state', async () => {
    await renderCard(async () => ({
      items: [],
      owners: ['group:default/orders'],
    }));
    expect(
      await screen.findByText('No partner integrations are owned by orders.'),
    ).toBeInTheDocument();
  });

  it('shows the integrations with partner, identities, reviews and findings', async () => {
    const listOwnerIntegrations = jest.fn(
      async (): Promise<ListOwnerIntegrationsResponse> => ({
        items: [
          item(1, { reviews: { pending: 1, overdue: 1, pendingReviewId: 42 } }),
        ],
        owners: ['group:default/orders'],
      }),
    );
    await renderCard(listOwnerIntegrations);

    expect(
      await screen.findByRole('link', { name: 'integration-1' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/partnerintegration/integration-1',
    );
    expect(listOwnerIntegrations).toHaveBeenCalledWith('group:default/orders', {
      cursor: undefined,
      limit: 20,
    });
    expect(screen.getByText('Owned by orders')).toBeInTheDocument();
    expect(screen.getByText('Data feed · production')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /acme/ })).toBeInTheDocument();
    expect(screen.getByText('Enablement')).toBeInTheDocument();
    expect(screen.getByText('critical risk')).toBeInTheDocument();
    expect(screen.getByText('2 active of 3')).toBeInTheDocument();
    expect(screen.getByText('1 pending')).toBeInTheDocument();
    expect(screen.getByText('1 overdue')).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'Review the access of partnerintegration:default/integration-1',
      }),
    ).toHaveAttribute('href', '/partners/reviews?review=42');
    expect(screen.getByText('1 critical')).toBeInTheDocument();
    expect(screen.getByText('2 medium')).toBeInTheDocument();
  });

  it('renders without a review link when the reviews page is not mounted', async () => {
    await renderCard(
      async () => ({
        items: [
          item(1, { reviews: { pending: 1, overdue: 0, pendingReviewId: 42 } }),
        ],
        owners: ['group:default/orders'],
      }),
      group,
      false,
    );
    expect(await screen.findByText('1 pending')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Review the access/ }),
    ).not.toBeInTheDocument();
  });

  it('pages on the server with the cursor, and back', async () => {
    const listOwnerIntegrations = jest.fn(
      async (
        _ref: string,
        request?: ListOwnerIntegrationsRequest,
      ): Promise<ListOwnerIntegrationsResponse> =>
        request?.cursor === 'page-2'
          ? {
              items: [item(2)],
              owners: ['user:default/jane', 'group:default/orders'],
            }
          : {
              items: [item(1)],
              nextCursor: 'page-2',
              owners: ['user:default/jane', 'group:default/orders'],
            },
    );
    await renderCard(listOwnerIntegrations, {
      ...group,
      kind: 'User',
      metadata: { name: 'jane' },
      spec: {},
    });

    expect(
      await screen.findByRole('link', { name: 'integration-1' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Owned by jane and a group they belong to'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));

    expect(
      await screen.findByRole('link', { name: 'integration-2' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'integration-1' }),
    ).not.toBeInTheDocument();
    expect(listOwnerIntegrations).toHaveBeenLastCalledWith(
      'user:default/jane',
      {
        cursor: 'page-2',
        limit: 20,
      },
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(
      await screen.findByRole('link', { name: 'integration-1' }),
    ).toBeInTheDocument();
  });
});
