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
  integrationEntity,
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerOwnersContent } from './PartnerOwnersContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const custodied = {
  ...integrationEntity,
  spec: {
    ...integrationEntity.spec,
    identities: [
      {
        name: 'orders-key',
        type: 'api-key' as const,
        custodian: 'group:default/platform',
      },
    ],
  },
};

describe('PartnerOwnersContent', () => {
  const catalogApi = {
    getEntitiesByRefs: jest.fn(async () => ({ items: [custodied] })),
  };

  it('shows progress while loading', async () => {
    await renderPartners(<PartnerOwnersContent />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
      catalogApi,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      getPartner: async () => {
        throw new Error('owners down');
      },
    });
    await renderPartners(<PartnerOwnersContent />, {
      api,
      entity: partnerEntity,
      catalogApi,
    });
    expect(await screen.findAllByText(/owners down/)).not.toHaveLength(0);
  });

  it('has an empty state for a partner without owners', async () => {
    const api = mockPartnersApi({
      getPartner: async () => ({ ...partnerDetails, integrations: [] }),
    });
    await renderPartners(<PartnerOwnersContent />, {
      api,
      entity: {
        ...partnerEntity,
        spec: {
          ...partnerEntity.spec,
          owner: '',
          lifecycle: { stage: 'onboarding' },
        },
      },
      catalogApi,
    });
    expect(await screen.findByText('No owners')).toBeInTheDocument();
  });

  it('lists each owner with what they are accountable for', async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(<PartnerOwnersContent />, {
      api,
      entity: partnerEntity,
      catalogApi,
    });
    expect(
      await screen.findByText('Custodian of orders-key (acme-orders)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'platform' })).toHaveAttribute(
      'href',
      '/catalog/default/group/platform',
    );
  });

  it('sorts the owners by name, both ways', async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(<PartnerOwnersContent />, {
      api,
      entity: partnerEntity,
      catalogApi,
    });
    await screen.findByText('Custodian of orders-key (acme-orders)');
    const owners = () =>
      within(screen.getByRole('table'))
        .getAllByRole('row')
        .slice(1)
        .map(row => within(row).getAllByRole('cell')[0].textContent);
    const before = owners();
    expect(before.length).toBeGreaterThan(1);
    // the column's sort label: ascending, then descending
    const sortLabel = () =>
      screen.getByText('Owner', { selector: '[role="button"] div' });
    fireEvent.click(sortLabel());
    fireEvent.click(sortLabel());
    expect(owners()).toEqual([...before].reverse());
  });
});
