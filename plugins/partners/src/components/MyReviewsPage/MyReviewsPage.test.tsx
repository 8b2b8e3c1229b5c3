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

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  permissionApiRef,
  type PermissionApi,
} from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  ListReviewsResponse,
  PartnersApi,
  ReviewDetails,
  ReviewSummary,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { reviewsRouteRef } from '../../routes';
import { MyReviewsPage } from './MyReviewsPage';

// Dialogs and typing are slow on a busy machine.
jest.setTimeout(30_000);

function summary(id: number, overrides: Partial<ReviewSummary> = {}) {
  const result: ReviewSummary = {
    id,
    integrationRef: `partnerintegration:default/integration-${id}`,
    partnerRef: 'partner:default/acme',
    assignee: 'group:default/orders',
    status: 'pending',
    openedAt: '2026-11-01T00:00:00Z',
    dueAt: '2026-12-01T00:00:00Z',
    overdue: false,
    ...overrides,
  };
  return result;
}

function details(id: number): ReviewDetails {
  return {
    ...summary(id, { overdue: true, dueAt: '2026-11-20T00:00:00Z' }),
    identities: [
      {
        name: 'orders-key',
        type: 'api-key',
        status: 'active',
        scopes: ['orders:read', 'orders:write'],
        privileged: false,
        lastUsed: '2026-11-20',
        rotationAgeDays: 120,
        dormant: false,
      },
      {
        name: 'old-client',
        type: 'oauth-client',
        status: 'active',
        scopes: ['orders:read'],
        privileged: true,
        lastUsed: '2026-01-02',
        rotationAgeDays: 300,
        dormant: true,
      },
    ],
    findings: [
      {
        id: 11,
        ruleId: 'identity-dormant',
        severity: 'medium',
        entityRef: `partnerintegration:default/integration-${id}`,
        identity: 'old-client',
        message: 'old-client was last used 331 days ago',
        frameworks: ['NHI1'],
        firstSeen: '2026-04-01T00:00:00Z',
        lastSeen: '2026-11-28T00:00:00Z',
      },
    ],
    changes: {
      since: '2026-08-01T00:00:00Z',
      added: ['old-client'],
      removed: ['legacy-token'],
      scopeChanges: [
        { name: 'orders-key', added: ['orders:write'], removed: [] },
      ],
    },
  };
}

function permissionApi(allow: boolean) {
  // AuthorizeResult is a string enum of permission-common, which this plugin
  // does not depend on directly.
  type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;
  const authorize = jest.fn(
    async () => ({ result: allow ? 'ALLOW' : 'DENY' } as unknown as Decision),
  );
  return { authorize };
}

async function renderPage(options: {
  api: Partial<PartnersApi>;
  allow?: boolean;
  route?: string;
}) {
  const alertApi = { post: jest.fn(), alert$: jest.fn() };
  const permissions = permissionApi(options.allow ?? true);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [partnersApiRef, options.api],
        [alertApiRef, alertApi],
        [permissionApiRef, permissions],
      ]}
    >
      <MyReviewsPage />
    </TestApiProvider>,
    {
      routeEntries: [options.route ?? '/partners/reviews'],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/partners/reviews': reviewsRouteRef,
      },
    },
  );
  return { alertApi, permissions };
}

describe('MyReviewsPage', () => {
  it('shows progress while loading', async () => {
    await renderPage({ api: { listReviews: () => new Promise(() => {}) } });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    await renderPage({
      api: {
        listReviews: async () => {
          throw new Error('reviews unavailable');
        },
      },
    });
    expect(
      await screen.findByText('Error: reviews unavailable'),
    ).toBeInTheDocument();
  });

  it('shows an empty state', async () => {
    const listReviews = jest.fn(
      async (): Promise<ListReviewsResponse> => ({ items: [] }),
    );
    await renderPage({ api: { listReviews } });
    expect(
      await screen.findByText('No access reviews are waiting for you.'),
    ).toBeInTheDocument();
    expect(listReviews).toHaveBeenCalledWith({
      assignee: 'me',
      status: 'pending',
      cursor: undefined,
      limit: 25,
    });
  });

  it('lists the pending reviews and opens one with its context', async () => {
    const getReview = jest.fn(async (id: number) => details(id));
    await renderPage({
      api: {
        listReviews: async () => ({
          items: [summary(1), summary(2, { overdue: true })],
        }),
        getReview,
      },
    });

    const list = await screen.findByRole('table', {
      name: 'Access reviews waiting for you',
    });
    expect(within(list).getAllByRole('row')).toHaveLength(3);
    expect(within(list).getByText('overdue')).toBeInTheDocument();
    expect(getReview).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('link', {
        name: 'Open the review of partnerintegration:default/integration-2',
      }),
    );

    const identities = await screen.findByRole('table', {
      name: 'Identities under review',
    });
    expect(getReview).toHaveBeenCalledWith(2);
    const dormantRow = within(identities)
      .getByText('old-client')
      .closest('tr')!;
    expect(within(dormantRow).getByText('dormant')).toBeInTheDocument();
    expect(within(dormantRow).getByText('privileged')).toBeInTheDocument();
    expect(within(dormantRow).getByText('300 days')).toBeInTheDocument();
    expect(within(dormantRow).getByText('2026-01-02')).toBeInTheDocument();
    expect(
      screen.getByText('old-client was last used 331 days ago'),
    ).toBeInTheDocument();
    const changes = screen.getByRole('list', {
      name: 'Changes since the last decision',
    });
    expect(changes).toHaveTextContent('Added identity old-client');
    expect(changes).toHaveTextContent('Removed identity legacy-token');
    expect(changes).toHaveTextContent('Scopes of orders-key changed');
    expect(changes).toHaveTextContent('added orders:write');
  });

  it('opens the review of a deep link and decides it in place', async () => {
    let pending = [summary(1), summary(7)];
    const listReviews = jest.fn(async () => ({ items: pending }));
    const decideReview = jest.fn(async (id: number) => {
      pending = pending.filter(review => review.id !== id);
      return { ...details(id), status: 'attested' as const };
    });
    const { alertApi, permissions } = await renderPage({
      api: { listReviews, getReview: async id => details(id), decideReview },
      route: '/partners/reviews?review=7',
    });

    await screen.findByRole('table', { name: 'Identities under review' });
    expect(
      await screen.findByRole('link', {
        name: 'Open the review of partnerintegration:default/integration-7',
      }),
    ).toHaveAttribute('aria-current', 'true');

    const decide = await screen.findByRole('button', { name: 'Decide' });
    await waitFor(() => expect(decide).toBeEnabled());
    expect(permissions.authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: expect.objectContaining({ name: 'partners.review.decide' }),
        resourceRef: 'partnerintegration:default/integration-7',
      }),
    );
    await userEvent.click(decide);

    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Comment/ }), {
      target: { value: 'Still used' },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Attest' }),
    );

    await waitFor(() =>
      expect(
        screen.queryByRole('link', {
          name: 'Open the review of partnerintegration:default/integration-7',
        }),
      ).not.toBeInTheDocument(),
    );
    expect(decideReview).toHaveBeenCalledWith(7, {
      decision: 'attest',
      comment: 'Still used',
    });
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        severity: 'success',
        message:
          'Attested the access of partnerintegration:default/integration-7.',
      }),
    );
    expect(listReviews).toHaveBeenCalledTimes(2);
    expect(
      screen.queryByRole('table', { name: 'Identities under review' }),
    ).not.toBeInTheDocument();
  });

  it('shows which reviews are due because something changed, and what changed', async () => {
    const dueReason =
      'Due now: the owner changed from group:default/a to group:default/orders on 2026-12-18.';
    const triggers: ReviewSummary['triggers'] = [
      {
        kind: 'integration-owner',
        entityRef: 'partnerintegration:default/integration-2',
        field: 'spec.owner',
        before: ['group:default/a'],
        after: ['group:default/orders'],
        at: '2026-12-18T08:00:00.000Z',
        summary:
          'the owner changed from group:default/a to group:default/orders',
      },
    ];
    await renderPage({
      api: {
        listReviews: async () => ({
          items: [
            summary(1, { dueReason: 'Due by cadence.', triggers: [] }),
            summary(2, { dueReason, triggers }),
          ],
        }),
        getReview: async id => ({ ...details(id), dueReason, triggers }),
      },
      route: '/partners/reviews?review=2',
    });

    const list = await screen.findByRole('table', {
      name: 'Access reviews waiting for you',
    });
    const changed = within(list).getByText('changed');
    expect(changed.closest('tr')).toHaveTextContent('integration-2');
    expect(within(list).getAllByText('changed')).toHaveLength(1);

    expect(await screen.findByText(dueReason)).toBeInTheDocument();
    const what = screen.getByRole('list', { name: 'What changed' });
    expect(what).toHaveTextContent(
      'The owner changed from group:default/a to group:default/orders',
    );
    expect(what).toHaveTextContent(
      'spec.owner: group:default/a → group:default/orders · seen 2026-12-18 08:00',
    );

    await userEvent.hover(changed);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(dueReason);
  });

  it('disables deciding without the permission', async () => {
    await renderPage({
      api: {
        listReviews: async () => ({ items: [summary(3)] }),
        getReview: async id => details(id),
      },
      allow: false,
      route: '/partners/reviews?review=3',
    });
    await screen.findByRole('table', { name: 'Identities under review' });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Decide' })).toBeDisabled(),
    );
  });
});
