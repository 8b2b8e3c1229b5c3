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
import type { UndeclaredIdentity } from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerIdentitiesContent } from './PartnerIdentitiesContent';
import { UndeclaredIdentitiesCard } from './UndeclaredIdentitiesCard';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const PARTNER = 'partner:default/acme';

const shadow: UndeclaredIdentity = {
  sourceId: 'aws-iam',
  externalId: 'arn:aws:iam::123456789012:user/acme-debug',
  name: 'acme-debug',
  type: 'access-key',
  scopes: ['s3:GetObject'],
  created: '2026-01-01',
  lastUsed: '2026-11-25',
  firstSeenAt: '2026-11-02T08:30:00Z',
  observedAt: '2026-11-28T08:30:00Z',
};

describe('UndeclaredIdentitiesCard', () => {
  it('lists the shadow identities, paged on the server', async () => {
    const api = mockPartnersApi({
      listUndeclaredIdentities: async (_ref, request) =>
        request?.cursor
          ? { items: [{ ...shadow, externalId: 'AKIA2', name: 'acme-old' }] }
          : { items: [shadow], nextCursor: 'u2' },
    });
    await renderPartners(<UndeclaredIdentitiesCard partnerRef={PARTNER} />, {
      api,
      entity: partnerEntity,
    });
    const table = await screen.findByRole('table', {
      name: 'undeclared identities',
    });
    expect(api.listUndeclaredIdentities).toHaveBeenCalledWith(PARTNER, {
      limit: 25,
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Source',
      'External id',
      'Name',
      'Type',
      'Scopes',
      'Last used',
      'First seen',
    ]);
    const row = within(within(table).getByText('acme-debug').closest('tr')!);
    expect(row.getByText('aws-iam')).toBeInTheDocument();
    expect(
      row.getByText('arn:aws:iam::123456789012:user/acme-debug'),
    ).toBeInTheDocument();
    expect(row.getByText('Access key')).toBeInTheDocument();
    expect(row.getByText('s3:GetObject')).toBeInTheDocument();
    expect(row.getByText('2026-11-25')).toBeInTheDocument();
    expect(row.getByText(/ago$/, { selector: 'time' })).toHaveAttribute(
      'title',
      '2026-11-02 08:30',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('acme-old')).toBeInTheDocument();
    expect(api.listUndeclaredIdentities).toHaveBeenLastCalledWith(PARTNER, {
      limit: 25,
      cursor: 'u2',
    });
  });

  it('says quietly that there are none', async () => {
    const api = mockPartnersApi({
      listUndeclaredIdentities: async () => ({ items: [] }),
    });
    await renderPartners(<UndeclaredIdentitiesCard partnerRef={PARTNER} />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText(/^None: the identity sources attribute no/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listUndeclaredIdentities: async () => {
        throw new Error('sources down');
      },
    });
    await renderPartners(<UndeclaredIdentitiesCard partnerRef={PARTNER} />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findAllByText(/sources down/)).not.toHaveLength(0);
  });

  it('is on the partner identities page, below the declared identities', async () => {
    const api = mockPartnersApi({
      getPartner: async () => partnerDetails,
      listPartnerIdentities: async () => ({ items: [] }),
      listUndeclaredIdentities: async () => ({ items: [shadow] }),
    });
    await renderPartners(<PartnerIdentitiesContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('acme-debug')).toBeInTheDocument();
    expect(screen.getByText('Undeclared identities')).toBeInTheDocument();
    expect(screen.getByText('No identities')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listUndeclaredIdentities).toHaveBeenCalledWith(PARTNER, {
        limit: 25,
      }),
    );
  });
});
