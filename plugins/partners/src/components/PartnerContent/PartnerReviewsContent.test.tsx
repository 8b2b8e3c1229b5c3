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
import type { AuditEventRecord } from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerReviewsContent } from './PartnerReviewsContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const decided: AuditEventRecord = {
  id: 4,
  at: '2026-11-10T08:00:00Z',
  actor: 'user:default/jane',
  action: 'review.decided',
  subjectType: 'access-review',
  subjectRef: 'partnerintegration:default/acme-orders',
  partnerRef: 'partner:default/acme',
  before: { reviewId: 12, status: 'pending' },
  after: {
    reviewId: 12,
    status: 'revoked',
    revokedIdentities: ['orders-key'],
    comment: 'unused',
  },
};

const opened: AuditEventRecord = {
  ...decided,
  id: 3,
  actor: 'plugin:partners',
  action: 'review.opened',
  before: undefined,
  after: {
    reviewId: 12,
    assignee: 'group:default/orders',
    dueAt: '2026-12-01',
  },
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
      listAuditEvents: async () => {
        throw new Error('not allowed');
      },
    });
    await renderPartners(<PartnerReviewsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findAllByText(/not allowed/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({
      listAuditEvents: async () => ({ items: [] }),
    });
    await renderPartners(<PartnerReviewsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('No access reviews')).toBeInTheDocument();
  });

  it('lists decisions and switches to opened reviews on the server', async () => {
    const api = mockPartnersApi({
      listAuditEvents: async request => ({
        items: request?.action === 'review.opened' ? [opened] : [decided],
      }),
    });
    await renderPartners(<PartnerReviewsContent />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText('Revoked (orders-key): unused'),
    ).toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenCalledWith({
      partner: 'partner:default/acme',
      action: 'review.decided',
      limit: 50,
    });

    fireEvent.mouseDown(screen.getByRole('button', { name: /Show/ }));
    fireEvent.click(
      within(await screen.findByRole('listbox')).getByText('Opened reviews'),
    );
    expect(await screen.findByText('2026-12-01')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listAuditEvents).toHaveBeenLastCalledWith({
        partner: 'partner:default/acme',
        action: 'review.opened',
        limit: 50,
      }),
    );
  });
});
