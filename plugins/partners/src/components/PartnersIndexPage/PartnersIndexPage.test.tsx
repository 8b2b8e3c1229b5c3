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
import type { PartnerSummary } from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnersIndexPage } from './PartnersIndexPage';
import { loadSummary } from './PartnerSummaryTiles';

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
};

function emptyApi() {
  return mockPartnersApi({
    listPartners: async () => ({ items: [] }),
    listReviews: async () => ({ items: [] }),
    listFindings: async () => ({ items: [] }),
  });
}

describe('loadSummary', () => {
  it('counts per stage, overdue reviews and critical findings, 100+ beyond a page', async () => {
    const api = mockPartnersApi({
      listPartners: async request => ({
        items: request?.stage === 'measurement' ? [summary] : [],
        ...(request?.stage === 'onboarding' ? { nextCursor: 'x' } : {}),
      }),
      listReviews: async () => ({
        items: [
          { overdue: true },
          { overdue: true },
          { overdue: false },
        ] as never,
        nextCursor: 'y',
      }),
      listFindings: async () => ({ items: [] }),
    });
    expect(await loadSummary(api)).toEqual({
      byStage: {
        onboarding: '0+',
        enablement: '0',
        measurement: '1',
        offboarding: '0',
        offboarded: '0',
      },
      overdueReviews: '2',
      openCriticalFindings: '0',
    });
    expect(api.listFindings).toHaveBeenCalledWith({
      severity: 'critical',
      status: 'open',
      limit: 100,
    });
  });
});

describe('PartnersIndexPage', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnersIndexPage />, { api: mockPartnersApi() });
    expect(await screen.findAllByRole('progressbar')).not.toHaveLength(0);
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listPartners: async () => {
        throw new Error('index down');
      },
      listReviews: async () => ({ items: [] }),
      listFindings: async () => ({ items: [] }),
    });
    await renderPartners(<PartnersIndexPage />, { api });
    expect(await screen.findAllByText(/index down/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    await renderPartners(<PartnersIndexPage />, { api: emptyApi() });
    expect(await screen.findByText('No partners')).toBeInTheDocument();
  });

  it('lists partners and filters on the server', async () => {
    const api = mockPartnersApi({
      listPartners: async () => ({ items: [summary], nextCursor: 'next' }),
      listReviews: async () => ({ items: [] }),
      listFindings: async () => ({ items: [] }),
    });
    await renderPartners(<PartnersIndexPage />, { api });
    expect(
      await screen.findByRole('link', { name: 'Acme Logistics' }),
    ).toHaveAttribute('href', '/catalog/default/partner/acme');
    expect(screen.getByText('2 critical')).toBeInTheDocument();
    expect(screen.getByText('Partners by stage')).toBeInTheDocument();
    expect(api.listPartners).toHaveBeenCalledWith({ limit: 25 });

    fireEvent.mouseDown(screen.getByRole('button', { name: /Risk tier All/ }));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Critical'),
    );
    await waitFor(() =>
      expect(api.listPartners).toHaveBeenCalledWith({
        tier: 'critical',
        limit: 25,
      }),
    );

    fireEvent.click(await screen.findByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listPartners).toHaveBeenLastCalledWith({
        tier: 'critical',
        limit: 25,
        cursor: 'next',
      }),
    );
  });
});
