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
import type {
  PartnersApi,
  PartnerSummary,
} from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnersOverview,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { filtersSearch, parseFilters } from './partnerFilters';
import { PartnersIndexPage } from './PartnersIndexPage';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const summary: PartnerSummary = {
  entityRef: 'partner:default/acme',
  title: 'Acme Logistics',
  type: 'integrator',
  stage: 'measurement',
  tier: 'critical',
  owner: 'group:default/partnerships',
  contractEnd: '2030-01-01',
  contractStatus: 'active',
  openFindings: { critical: 2, high: 0, medium: 1, low: 0 },
  reviews: { pending: 3, overdue: 1 },
};

function api(overrides: Partial<PartnersApi> = {}) {
  return mockPartnersApi({
    getPartnersOverview: async () => partnersOverview,
    listPartners: async () => ({ items: [] }),
    listFindingRules: async () => ({ items: [] }),
    ...overrides,
  });
}

describe('partner filters in the URL', () => {
  it('round-trips the filters and drops invalid values', () => {
    const filters = parseFilters(
      new URLSearchParams(
        'stage=enablement&tier=nope&owner=%20team-a%20&hasOverdueReviews=true&hasCriticalFindings=1&contractEndsWithinDays=90',
      ),
    );
    expect(filters).toEqual({
      stage: 'enablement',
      owner: 'team-a',
      hasOverdueReviews: true,
      contractEndsWithinDays: 90,
    });
    expect(filtersSearch(filters)).toBe(
      '?stage=enablement&owner=team-a&hasOverdueReviews=true&contractEndsWithinDays=90',
    );
    expect(
      parseFilters(new URLSearchParams('contractEndsWithinDays=9999')),
    ).toEqual({});
  });
});

describe('PartnersIndexPage', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnersIndexPage />, { api: mockPartnersApi() });
    expect(await screen.findAllByRole('progressbar')).not.toHaveLength(0);
  });

  it('shows the errors', async () => {
    const failing = api({
      getPartnersOverview: async () => {
        throw new Error('summary down');
      },
      listPartners: async () => {
        throw new Error('index down');
      },
    });
    await renderPartners(<PartnersIndexPage />, { api: failing });
    expect(await screen.findAllByText(/index down/)).not.toHaveLength(0);
    expect(await screen.findAllByText(/summary down/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    await renderPartners(<PartnersIndexPage />, { api: api() });
    expect(await screen.findByText('No partners')).toBeInTheDocument();
  });

  it('shows exact summary counts that link to the filtered list', async () => {
    const partners = api();
    await renderPartners(<PartnersIndexPage />, { api: partners });
    const overdue = await screen.findByRole('link', {
      name: '4 overdue reviews',
    });
    expect(screen.getByText('of 9 pending')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: '3 open critical findings' }),
    ).toHaveAttribute('href', '/?hasCriticalFindings=true');
    expect(
      screen.getByRole('link', {
        name: '2 contracts ending within 90 days',
      }),
    ).toHaveAttribute('href', '/?contractEndsWithinDays=90');
    expect(
      screen.getByRole('link', { name: '3 partners in Enablement' }),
    ).toHaveAttribute('href', '/?stage=enablement');

    fireEvent.click(overdue);
    await waitFor(() =>
      expect(partners.listPartners).toHaveBeenLastCalledWith({
        hasOverdueReviews: true,
        limit: 25,
      }),
    );
    expect(
      screen.getByRole('checkbox', { name: 'Has overdue reviews' }),
    ).toBeChecked();
  });

  it('starts from the filters in the URL', async () => {
    const partners = api();
    await renderPartners(<PartnersIndexPage />, {
      api: partners,
      route: '/?stage=enablement&hasCriticalFindings=true&owner=team-a',
    });
    await waitFor(() =>
      expect(partners.listPartners).toHaveBeenCalledWith({
        stage: 'enablement',
        hasCriticalFindings: true,
        owner: 'team-a',
        limit: 25,
      }),
    );
    expect(screen.getByLabelText('Owner')).toHaveValue('team-a');
    expect(
      screen.getByRole('checkbox', { name: 'Has critical findings' }),
    ).toBeChecked();
  });

  it('counts the undeclared identities of each partner', async () => {
    const partners = api({
      listPartners: async () => ({
        items: [
          { ...summary, undeclaredIdentities: 3 },
          {
            ...summary,
            entityRef: 'partner:default/globex',
            title: 'Globex',
          },
        ],
      }),
    });
    await renderPartners(<PartnersIndexPage />, { api: partners });
    const table = await screen.findByRole('table', { name: 'partners' });
    expect(
      within(table).getByRole('columnheader', {
        name: 'Undeclared identities',
      }),
    ).toBeInTheDocument();
    const acme = within(
      within(table)
        .getByRole('link', { name: 'Acme Logistics' })
        .closest('tr')!,
    );
    expect(acme.getByText('3 undeclared')).toHaveAttribute(
      'title',
      expect.stringMatching(/^Active identities the identity sources/),
    );
    const globex = within(
      within(table).getByRole('link', { name: 'Globex' }).closest('tr')!,
    );
    expect(globex.queryByText(/undeclared/)).toBeNull();
  });

  it('lists partners with their reviews, filters on the server and resets paging', async () => {
    const partners = api({
      listPartners: async () => ({ items: [summary], nextCursor: 'next' }),
    });
    await renderPartners(<PartnersIndexPage />, { api: partners });
    expect(
      await screen.findByRole('link', { name: 'Acme Logistics' }),
    ).toHaveAttribute('href', '/catalog/default/partner/acme');
    expect(screen.getByRole('link', { name: 'partnerships' })).toHaveAttribute(
      'href',
      '/catalog/default/group/partnerships',
    );
    expect(screen.getByText('2 critical')).toBeInTheDocument();
    expect(screen.getByText('3 pending, 1 overdue')).toBeInTheDocument();
    expect(partners.listPartners).toHaveBeenCalledWith({ limit: 25 });

    fireEvent.mouseDown(screen.getByRole('button', { name: /Risk tier All/ }));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Critical'),
    );
    await waitFor(() =>
      expect(partners.listPartners).toHaveBeenLastCalledWith({
        tier: 'critical',
        limit: 25,
      }),
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(partners.listPartners).toHaveBeenLastCalledWith({
        tier: 'critical',
        limit: 25,
        cursor: 'next',
      }),
    );

    // a new filter starts again from the first page
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Has critical findings' }),
    );
    await waitFor(() =>
      expect(partners.listPartners).toHaveBeenLastCalledWith({
        tier: 'critical',
        hasCriticalFindings: true,
        limit: 25,
      }),
    );
  });
});
