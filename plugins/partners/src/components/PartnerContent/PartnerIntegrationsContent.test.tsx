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

import { fireEvent, screen, within } from '@testing-library/react';
import {
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerIntegrationsContent } from './PartnerIntegrationsContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

describe('PartnerIntegrationsContent', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnerIntegrationsContent />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      getPartner: async () => {
        throw new Error('boom');
      },
    });
    await renderPartners(<PartnerIntegrationsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findAllByText(/boom/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({
      getPartner: async () => ({ ...partnerDetails, integrations: [] }),
    });
    await renderPartners(<PartnerIntegrationsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('No integrations')).toBeInTheDocument();
  });

  it('lists integrations with access package and findings', async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(<PartnerIntegrationsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('orders-read')).toBeInTheDocument();
    expect(screen.getByText('Missing')).toBeInTheDocument();
    expect(screen.getByText('1 high')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'acme-orders' })).toHaveAttribute(
      'href',
      '/catalog/default/partnerintegration/acme-orders',
    );
  });

  it('sorts the integrations by a column', async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(<PartnerIntegrationsContent />, {
      api,
      entity: partnerEntity,
    });
    await screen.findByText('orders-read');
    const integrationLinks = () =>
      within(screen.getByRole('table'))
        .getAllByRole('link')
        .map(link => link.textContent)
        .filter(name => name?.startsWith('acme-'));
    expect(integrationLinks()).toEqual(['acme-orders', 'acme-sandbox']);
    // the column's sort label: ascending, then descending
    const sortLabel = () =>
      screen.getByText('Integration', { selector: '[role="button"] div' });
    fireEvent.click(sortLabel());
    fireEvent.click(sortLabel());
    expect(integrationLinks()).toEqual(['acme-sandbox', 'acme-orders']);
  });
});
