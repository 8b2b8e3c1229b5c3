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

import { fireEvent, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  integrationEntity,
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerOverviewCard } from './PartnerOverviewCard';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

describe('PartnerOverviewCard', () => {
  it('shows progress while the partner loads, with the lifecycle from the entity', async () => {
    await renderPartners(<PartnerOverviewCard />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByText('Enablement')).toBeInTheDocument();
    // where the contract comes from is the backend's to say
    expect(screen.getByText(/^2025-01-01 → 2027-12-31/)).toBeInTheDocument();
    expect(screen.queryByText('From the partner file')).not.toBeInTheDocument();
    expect(
      screen.getByText('Missing to move on to measurement:'),
    ).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const api = mockPartnersApi({
      getPartner: async () => {
        throw new Error('backend down');
      },
    });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findAllByText(/backend down/)).not.toHaveLength(0);
  });

  it('says when the partner is not indexed yet', async () => {
    const api = mockPartnersApi({
      getPartner: async () => {
        // What PartnersClient throws for a 404: a ResponseError whose cause
        // is the server's NotFoundError.
        throw Object.assign(new Error('Request failed with 404'), {
          name: 'ResponseError',
          cause: { name: 'NotFoundError', message: 'no partner' },
          response: { status: 404 },
        });
      },
    });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText(/not in the governance index yet/),
    ).toBeInTheDocument();
  });

  it('reads the offboarding checklist of an offboarding partner', async () => {
    const api = mockPartnersApi({
      getPartner: async () => ({ ...partnerDetails, stage: 'offboarding' }),
      getOffboarding: async () => ({ partnerRef: 'partner:default/acme' }),
    });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: {
        ...partnerEntity,
        spec: {
          ...partnerEntity.spec,
          lifecycle: {
            stage: 'offboarding',
            stageOwners: { offboarding: 'group:default/security' },
          },
        },
      },
    });
    expect(
      await screen.findByText('No offboarding checklist is open.'),
    ).toBeInTheDocument();
    expect(api.getOffboarding).toHaveBeenCalledWith('partner:default/acme');
  });

  it("shows the partner's stage history in its lifecycle", async () => {
    const api = mockPartnersApi({
      getStageHistory: async () => ({
        partnerRef: 'partner:default/acme',
        items: [
          {
            id: 1,
            stage: 'enablement',
            seenAt: '2026-11-29T12:00:00.000Z',
            allowed: true,
          },
        ],
        historyStartsAt: '2026-11-29T12:00:00.000Z',
      }),
    });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText(/^History starts Nov 29, 2026/),
    ).toBeInTheDocument();
    expect(api.getStageHistory).toHaveBeenCalledWith('partner:default/acme', {
      limit: 100,
    });
  });

  it('has an empty state for an entity that is not a partner', async () => {
    await renderPartners(<PartnerOverviewCard />, {
      api: mockPartnersApi(),
      entity: integrationEntity,
    });
    expect(screen.getByText('Not a partner')).toBeInTheDocument();
  });

  it('shows risk, contract, due diligence, findings, reviews and what is missing', async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('1 high')).toBeInTheDocument();
    expect(api.getPartner).toHaveBeenCalledWith('partner:default/acme');
    expect(
      screen.getByText('Completed 2026-01-10 (TPRM-42)'),
    ).toBeInTheDocument();
    expect(screen.getByText(/2025-01-01 → 2027-12-31/)).toBeInTheDocument();
    expect(screen.getByText('customer-pii')).toBeInTheDocument();
    expect(screen.getByText('1 pending')).toBeInTheDocument();
    expect(screen.getByText(', 1 overdue')).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 integration has no access package: partnerintegration:default/acme-sandbox.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getAllByRole('link', { name: 'partnerships' })[0],
    ).toHaveAttribute('href', '/catalog/default/group/partnerships');
  });

  it('says the contract comes from the partner file when the register does not list the partner', async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText('From the partner file'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Commercial owner')).not.toBeInTheDocument();
  });

  it("shows the register's contract, where it comes from and what the file says instead", async () => {
    const api = mockPartnersApi({
      getPartner: async () => ({
        ...partnerDetails,
        register: {
          row: 7,
          partnerName: 'Acme Corp',
          crmAccount: 'KBP-1',
          contractStart: '2025-01-01',
          contractEnd: '2026-11-20',
          status: 'terminated',
          contractStatus: 'terminated',
          renewalDate: '2026-10-01',
          commercialOwner: 'marcus.bell@kestrelbay.example',
          readAt: '2026-11-28T09:00:05.000Z',
        },
      }),
    });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText(
        'From the partner register (row 7), read 2026-11-28 09:00',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^2025-01-01 → 2026-11-20/)).toBeInTheDocument();
    expect(
      screen.getByText(
        /^The partner file says 2025-01-01 → 2027-12-31 .*, active$/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Terminated')).toBeInTheDocument();
    expect(screen.getByText('2026-10-01')).toBeInTheDocument();
    expect(
      screen.getByText('marcus.bell@kestrelbay.example'),
    ).toBeInTheDocument();
    expect(screen.queryByText('From the partner file')).not.toBeInTheDocument();
  });

  it("opens the business owner's page from its link", async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(
      <Routes>
        <Route path="/" element={<PartnerOverviewCard />} />
        <Route
          path="/catalog/:namespace/:kind/:name"
          element={<p>The owner's page</p>}
        />
      </Routes>,
      { api, entity: partnerEntity },
    );
    await screen.findByText('1 high');
    fireEvent.click(screen.getAllByRole('link', { name: 'partnerships' })[0]);
    expect(await screen.findByText("The owner's page")).toBeInTheDocument();
    expect(screen.queryByText('1 high')).not.toBeInTheDocument();
  });
});
