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
import {
  integrationEntity,
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  partnerIdentity,
  renderPartners,
  reviewSummary,
} from '../common/__testUtils__/fixtures';
import {
  PartnerIntegrationHistoryContent,
  PartnerIntegrationIdentitiesContent,
  PartnerIntegrationOverviewCard,
} from './PartnerIntegrationContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

describe('PartnerIntegrationOverviewCard', () => {
  it('shows progress while the partner loads', async () => {
    await renderPartners(<PartnerIntegrationOverviewCard />, {
      api: mockPartnersApi(),
      entity: integrationEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByText('orders-read')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      getPartner: async () => {
        throw new Error('down');
      },
    });
    await renderPartners(<PartnerIntegrationOverviewCard />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findAllByText(/down/)).not.toHaveLength(0);
  });

  it('has an empty state for other kinds', async () => {
    await renderPartners(<PartnerIntegrationOverviewCard />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
    });
    expect(screen.getByText('Not a partner integration')).toBeInTheDocument();
  });

  it('shows the partner stage, what it accesses and open findings', async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(<PartnerIntegrationOverviewCard />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findByText('1 high')).toBeInTheDocument();
    expect(api.getPartner).toHaveBeenCalledWith('partner:default/acme');
    expect(screen.getByText('Enablement')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'orders-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-api',
    );
  });
});

describe('PartnerIntegrationIdentitiesContent', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnerIntegrationIdentitiesContent />, {
      api: mockPartnersApi(),
      entity: integrationEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listPartnerIdentities: async () => {
        throw new Error('identities down');
      },
    });
    await renderPartners(<PartnerIntegrationIdentitiesContent />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findAllByText(/identities down/)).not.toHaveLength(0);
  });

  it('has an empty state without identities', async () => {
    const api = mockPartnersApi({
      listPartnerIdentities: async () => ({ items: [] }),
    });
    await renderPartners(<PartnerIntegrationIdentitiesContent />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findByText('No identities')).toBeInTheDocument();
  });

  it('has an empty state for other kinds', async () => {
    await renderPartners(<PartnerIntegrationIdentitiesContent />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
    });
    expect(screen.getByText('Not a partner integration')).toBeInTheDocument();
  });

  it("pages the integration's identities from its partner", async () => {
    const api = mockPartnersApi({
      listPartnerIdentities: async (_ref, request) => ({
        items: [partnerIdentity],
        ...(request?.cursor ? {} : { nextCursor: 'p2' }),
      }),
    });
    await renderPartners(<PartnerIntegrationIdentitiesContent />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findByText('orders-key')).toBeInTheDocument();
    expect(api.listPartnerIdentities).toHaveBeenCalledWith(
      'partner:default/acme',
      { integration: 'partnerintegration:default/acme-orders', limit: 50 },
    );
    expect(screen.getByText('Outside package orders-read')).toBeInTheDocument();
    expect(screen.getByText('332 days')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listPartnerIdentities).toHaveBeenLastCalledWith(
        'partner:default/acme',
        {
          integration: 'partnerintegration:default/acme-orders',
          limit: 50,
          cursor: 'p2',
        },
      ),
    );
  });
});

describe('PartnerIntegrationHistoryContent', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnerIntegrationHistoryContent />, {
      api: mockPartnersApi(),
      entity: integrationEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listReviews: async () => {
        throw new Error('reviews down');
      },
    });
    await renderPartners(<PartnerIntegrationHistoryContent />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findAllByText(/reviews down/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({ listReviews: async () => ({ items: [] }) });
    await renderPartners(<PartnerIntegrationHistoryContent />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findByText('No pending reviews')).toBeInTheDocument();
  });

  it("lists the integration's reviews from the server, linking to them", async () => {
    const api = mockPartnersApi({
      listReviews: async () => ({ items: [reviewSummary] }),
    });
    await renderPartners(<PartnerIntegrationHistoryContent />, {
      api,
      entity: integrationEntity,
      mountReviews: true,
    });
    expect(
      await screen.findByRole('link', {
        name: 'Open review 12 of partnerintegration:default/acme-orders',
      }),
    ).toHaveAttribute('href', '/partners/reviews?review=12');
    expect(api.listReviews).toHaveBeenCalledWith({
      integration: 'partnerintegration:default/acme-orders',
      status: 'pending',
      limit: 25,
    });

    fireEvent.mouseDown(screen.getByRole('button', { name: /Status Pending/ }));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('All'),
    );
    await waitFor(() =>
      expect(api.listReviews).toHaveBeenLastCalledWith({
        integration: 'partnerintegration:default/acme-orders',
        limit: 25,
      }),
    );
  });
});
