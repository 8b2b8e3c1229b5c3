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
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  partnerIdentity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerIdentitiesContent } from './PartnerIdentitiesContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

describe('PartnerIdentitiesContent', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnerIdentitiesContent />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      getPartner: async () => partnerDetails,
      listPartnerIdentities: async () => {
        throw new Error('identities down');
      },
    });
    await renderPartners(<PartnerIdentitiesContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findAllByText(/identities down/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({
      getPartner: async () => partnerDetails,
      listPartnerIdentities: async () => ({ items: [] }),
    });
    await renderPartners(<PartnerIdentitiesContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('No identities')).toBeInTheDocument();
  });

  it('pages identities on the server and filters by integration', async () => {
    const accepted = {
      ...partnerIdentity,
      name: 'sync-token',
      type: 'token' as const,
      custodian: 'user:default/jane',
      openFindings: [],
      acceptedRisks: ['identity-no-expiry'],
    };
    const api = mockPartnersApi({
      getPartner: async () => partnerDetails,
      listPartnerIdentities: async (_ref, request) => ({
        items: [partnerIdentity, accepted],
        ...(request?.cursor ? {} : { nextCursor: 'p2' }),
      }),
    });
    await renderPartners(<PartnerIdentitiesContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('orders-key')).toBeInTheDocument();
    expect(api.listPartnerIdentities).toHaveBeenCalledWith(
      'partner:default/acme',
      { limit: 50 },
    );
    expect(screen.getByText('Outside package orders-read')).toBeInTheDocument();
    expect(screen.getByText('Within package orders-read')).toBeInTheDocument();
    expect(screen.getByText('Identity over-privileged')).toBeInTheDocument();
    expect(
      screen.getByText(/\(accepted risk\)$/, { selector: 'span' }),
    ).toBeInTheDocument();
    // the integration owner stands in for a missing custodian
    expect(screen.getByRole('link', { name: 'orders' })).toHaveAttribute(
      'href',
      '/catalog/default/group/orders',
    );
    expect(screen.getAllByRole('row').length).toBeLessThanOrEqual(101);

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listPartnerIdentities).toHaveBeenLastCalledWith(
        'partner:default/acme',
        { limit: 50, cursor: 'p2' },
      ),
    );

    fireEvent.mouseDown(
      screen.getByRole('button', { name: /Integration All integrations/ }),
    );
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('acme-sandbox'),
    );
    await waitFor(() =>
      expect(api.listPartnerIdentities).toHaveBeenLastCalledWith(
        'partner:default/acme',
        { integration: 'partnerintegration:default/acme-sandbox', limit: 50 },
      ),
    );
  });
});
