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
  integrationEntity,
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerScorecardCard } from './PartnerScorecardCard';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const catalogApi = {
  getEntitiesByRefs: async () => ({ items: [integrationEntity] }),
};

describe('PartnerScorecardCard', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnerScorecardCard />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
      catalogApi,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      getPartner: async () => {
        throw new Error('no partner details');
      },
    });
    await renderPartners(<PartnerScorecardCard />, {
      api,
      entity: partnerEntity,
      catalogApi,
    });
    expect(await screen.findAllByText(/no partner details/)).not.toHaveLength(
      0,
    );
  });

  it('has an empty state for other kinds', async () => {
    await renderPartners(<PartnerScorecardCard />, {
      api: mockPartnersApi(),
      entity: integrationEntity,
      catalogApi,
    });
    expect(await screen.findByText('Not a partner')).toBeInTheDocument();
  });

  it("shows the backend's measures", async () => {
    const api = mockPartnersApi({ getPartner: async () => partnerDetails });
    await renderPartners(<PartnerScorecardCard />, {
      api,
      entity: partnerEntity,
      catalogApi,
    });
    expect(await screen.findByText('95%')).toBeInTheDocument();
    expect(
      screen.getByText('19 of 20 rules without an open finding'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 of 2')).toBeInTheDocument();
    expect(screen.getByText('3')).toBeInTheDocument();
    expect(screen.getByText('1')).toBeInTheDocument();
    expect(api.getPartner).toHaveBeenCalledWith('partner:default/acme');
  });
});
