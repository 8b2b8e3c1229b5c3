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
import {
  finding,
  integrationEntity,
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  renderPartners,
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

  it('has an empty state without identities', async () => {
    const api = mockPartnersApi({ listFindings: async () => ({ items: [] }) });
    await renderPartners(<PartnerIntegrationIdentitiesContent />, {
      api,
      entity: {
        ...integrationEntity,
        spec: { ...integrationEntity.spec, identities: [] },
      },
    });
    expect(await screen.findByText('No identities')).toBeInTheDocument();
  });

  it('shows identities with their findings', async () => {
    const api = mockPartnersApi({
      listFindings: async () => ({ items: [finding] }),
    });
    await renderPartners(<PartnerIntegrationIdentitiesContent />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findByText('orders-key')).toBeInTheDocument();
    expect(api.listFindings).toHaveBeenCalledWith({
      entity: 'partnerintegration:default/acme-orders',
      status: 'open',
      limit: 100,
    });
    expect(screen.getByText('Outside package orders-read')).toBeInTheDocument();
    expect(screen.getByText('Within package orders-read')).toBeInTheDocument();
  });
});

describe('PartnerIntegrationHistoryContent', () => {
  it('lists the audit events of the integration', async () => {
    const api = mockPartnersApi({
      listAuditEvents: async () => ({
        items: [
          {
            id: 1,
            at: '2026-11-01T09:00:00Z',
            actor: 'user:default/jane',
            action: 'review.decided',
            subjectType: 'integration',
            subjectRef: 'partnerintegration:default/acme-orders',
            after: { decision: 'attest' },
          },
        ],
      }),
    });
    await renderPartners(<PartnerIntegrationHistoryContent />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findByText('review.decided')).toBeInTheDocument();
    expect(screen.getByText('decision: ∅ → "attest"')).toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenCalledWith({
      subject: 'partnerintegration:default/acme-orders',
      limit: 50,
    });
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({
      listAuditEvents: async () => ({ items: [] }),
    });
    await renderPartners(<PartnerIntegrationHistoryContent />, {
      api,
      entity: integrationEntity,
    });
    expect(await screen.findByText('No history')).toBeInTheDocument();
  });
});
