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

import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import type {
  AuditEventRecord,
  OffboardingChecklist,
} from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerAuditContent, describeChange } from './PartnerAuditContent';
import { PartnerOffboardingContent } from './PartnerOffboardingContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const checklist: OffboardingChecklist = {
  id: 1,
  partnerRef: 'partner:default/acme',
  status: 'open',
  reasons: ['stage-offboarding'],
  openedAt: '2026-11-01T00:00:00Z',
  progress: { total: 2, done: 1, pending: 1 },
  items: [
    {
      id: 11,
      checklistId: 1,
      kind: 'revoke',
      integrationRef: 'partnerintegration:default/acme-orders',
      identity: 'orders-key',
      description: 'Revoke orders-key',
      source: 'offboarding',
      status: 'pending',
    },
    {
      id: 12,
      checklistId: 1,
      kind: 'close',
      integrationRef: 'partnerintegration:default/acme-orders',
      description: 'Close acme-orders',
      source: 'offboarding',
      status: 'done',
      completedBy: 'user:default/jane',
      completedAt: '2026-11-02T00:00:00Z',
      evidence: 'CHG-1',
    },
  ],
};

describe('PartnerOffboardingContent', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<PartnerOffboardingContent />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      getOffboarding: async () => {
        throw new Error('nope');
      },
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findAllByText(/nope/)).not.toHaveLength(0);
  });

  it('has an empty state without a checklist', async () => {
    const api = mockPartnersApi({
      getOffboarding: async () => ({ partnerRef: 'partner:default/acme' }),
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText('No offboarding checklist'),
    ).toBeInTheDocument();
  });

  it('completes an item with evidence; verify waits for pending items', async () => {
    const api = mockPartnersApi({
      getOffboarding: async () => ({
        partnerRef: 'partner:default/acme',
        checklist,
      }),
      completeOffboardingItem: async () => ({
        ...checklist.items[0],
        status: 'done',
      }),
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('Revoke orders-key')).toBeInTheDocument();
    expect(screen.getByText(/CHG-1/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Verify checklist' }),
    ).toBeDisabled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Complete item 11' }),
    );
    const submit = screen.getByRole('button', { name: 'Complete item' });
    expect(submit).toBeDisabled();
    fireEvent.change(screen.getByRole('textbox', { name: /Evidence/ }), {
      target: { value: 'CHG-2' },
    });
    await userEvent.click(submit);
    await waitFor(() =>
      expect(api.completeOffboardingItem).toHaveBeenCalledWith(11, {
        evidence: 'CHG-2',
      }),
    );
    await waitFor(() => expect(api.getOffboarding).toHaveBeenCalledTimes(2));
  });

  it('hides the actions without permission', async () => {
    const api = mockPartnersApi({
      getOffboarding: async () => ({
        partnerRef: 'partner:default/acme',
        checklist,
      }),
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
      allow: false,
    });
    expect(await screen.findByText('Revoke orders-key')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Complete/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Verify/ })).toBeNull();
  });
});

const event: AuditEventRecord = {
  id: 3,
  at: '2026-11-20T10:00:00Z',
  actor: 'user:default/jane',
  action: 'exception.approved',
  subjectType: 'exception',
  subjectRef: '5',
  partnerRef: 'partner:default/acme',
  before: { status: 'requested' },
  after: { status: 'approved' },
};

describe('PartnerAuditContent', () => {
  it('describes what changed', () => {
    expect(describeChange(event)).toBe('status: "requested" → "approved"');
  });

  it('shows progress while loading', async () => {
    await renderPartners(<PartnerAuditContent />, {
      api: mockPartnersApi(),
      entity: partnerEntity,
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listAuditEvents: async () => {
        throw new Error('forbidden');
      },
    });
    await renderPartners(<PartnerAuditContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findAllByText(/forbidden/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({
      listAuditEvents: async () => ({ items: [] }),
    });
    await renderPartners(<PartnerAuditContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('No audit events')).toBeInTheDocument();
  });

  it('pages on the server and exports the evidence pack', async () => {
    const api = mockPartnersApi({
      listAuditEvents: async request =>
        request?.cursor
          ? { items: [{ ...event, id: 2, action: 'review.decided' }] }
          : { items: [event], nextCursor: 'c2' },
    });
    const fetchApi = {
      fetch: jest.fn(async () => new Response('{"partner":"acme"}')),
    };
    const discoveryApi = {
      getBaseUrl: async () => 'http://localhost:7007/api/partners',
    };
    const createObjectURL = jest.fn(() => 'blob:evidence');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    await renderPartners(<PartnerAuditContent />, {
      api,
      entity: partnerEntity,
      extraApis: [
        [fetchApiRef, fetchApi],
        [discoveryApiRef, discoveryApi],
      ],
    });
    expect(await screen.findByText('exception.approved')).toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenCalledWith({
      partner: 'partner:default/acme',
      limit: 50,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(await screen.findByText('review.decided')).toBeInTheDocument();
    expect(api.listAuditEvents).toHaveBeenLastCalledWith({
      partner: 'partner:default/acme',
      limit: 50,
      cursor: 'c2',
    });
    expect(screen.queryByText('exception.approved')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/partners/partners/partner%3Adefault%2Facme/evidence?format=csv',
    );
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:evidence');
    click.mockRestore();
  });
});
