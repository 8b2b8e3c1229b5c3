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
  partnerEntity,
  renderPartners,
  reviewSummary,
} from '../common/__testUtils__/fixtures';
import { PartnerReviewsContent } from './PartnerReviewsContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const decided = {
  ...reviewSummary,
  id: 11,
  status: 'revoked' as const,
  overdue: false,
  decidedAt: '2026-11-10T08:00:00Z',
  decidedBy: 'user:default/jane',
  comment: 'unused',
  revokedIdentities: ['orders-key'],
};

describe('PartnerReviewsContent', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnerReviewsContent />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listReviews: async () => {
        throw new Error('reviews down');
      },
    });
    await renderPartners(<PartnerReviewsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findAllByText(/reviews down/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({ listReviews: async () => ({ items: [] }) });
    await renderPartners(<PartnerReviewsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('No pending reviews')).toBeInTheDocument();
  });

  it('lists pending reviews linking to them, and all reviews on the server', async () => {
    const api = mockPartnersApi({
      listReviews: async request => ({
        items: request?.status === 'pending' ? [reviewSummary] : [decided],
        ...(request?.status === 'pending' ? { nextCursor: 'c2' } : {}),
      }),
    });
    await renderPartners(<PartnerReviewsContent />, {
      api,
      entity: partnerEntity,
      mountReviews: true,
    });
    expect(
      await screen.findByRole('link', {
        name: 'Open review 12 of partnerintegration:default/acme-orders',
      }),
    ).toHaveAttribute('href', '/partners/reviews?review=12');
    expect(screen.getByText('Overdue, due 2026-11-01')).toBeInTheDocument();
    expect(api.listReviews).toHaveBeenCalledWith({
      partner: 'partner:default/acme',
      status: 'pending',
      limit: 25,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.listReviews).toHaveBeenLastCalledWith({
        partner: 'partner:default/acme',
        status: 'pending',
        limit: 25,
        cursor: 'c2',
      }),
    );

    fireEvent.mouseDown(screen.getByRole('button', { name: /Status Pending/ }));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('All'),
    );
    expect(
      await screen.findByText(
        '2026-11-10 08:00 by user:default/jane, revoked orders-key: unused',
      ),
    ).toBeInTheDocument();
    expect(api.listReviews).toHaveBeenLastCalledWith({
      partner: 'partner:default/acme',
      limit: 25,
    });
  });

  it('shows review numbers without links when the reviews page is not mounted', async () => {
    const api = mockPartnersApi({
      listReviews: async () => ({ items: [reviewSummary] }),
    });
    await renderPartners(<PartnerReviewsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('#12')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Open review/ })).toBeNull();
  });
});
