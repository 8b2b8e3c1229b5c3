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

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  partnersIdentityRevokePermission,
  type OffboardingChecklist,
  type OffboardingItem,
} from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import type { PermissionRequest } from '../common/__testUtils__/permissions';
import { PartnerOffboardingContent } from './PartnerOffboardingContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const PARTNER = 'partner:default/acme';
const ORDERS = 'partnerintegration:default/acme-orders';

const revocable: OffboardingItem = {
  id: 21,
  checklistId: 4,
  kind: 'revoke',
  integrationRef: ORDERS,
  identity: 'orders-key',
  description: 'Revoke orders-key',
  source: 'suspension',
  status: 'pending',
  revocableThrough: 'aws-iam',
};

const byHand: OffboardingItem = {
  ...revocable,
  id: 22,
  identity: 'legacy-cert',
  description: 'Revoke legacy-cert',
  source: 'offboarding',
  revocableThrough: undefined,
};

function checklistOf(...items: OffboardingItem[]): OffboardingChecklist {
  const done = items.filter(i => i.status === 'done').length;
  return {
    id: 4,
    partnerRef: PARTNER,
    status: 'open',
    reasons: ['suspended'],
    openedAt: '2026-12-01T00:00:00Z',
    progress: { total: items.length, done, pending: items.length - done },
    items,
  };
}

const requested: OffboardingItem = {
  ...revocable,
  revocation: {
    sourceId: 'aws-iam',
    externalId: 'AKIA1',
    requestedBy: 'user:default/jane',
    requestedAt: '2026-12-02T09:15:00Z',
    state: 'requested',
  },
};

/** Allows everything but revoking identities of `deniedIntegration`. */
function allowExceptRevokeOn(deniedIntegration: string) {
  return (request: PermissionRequest) =>
    !(
      request.permission.name === partnersIdentityRevokePermission.name &&
      request.resourceRef === deniedIntegration
    );
}

describe('PartnerOffboardingContent revoke now', () => {
  it('revokes an item through its source after a confirmation, then shows the request', async () => {
    let checklist = checklistOf(revocable, byHand);
    const api = mockPartnersApi({
      getOffboarding: async () => ({ partnerRef: PARTNER, checklist }),
      revokeOffboardingItem: async () => {
        checklist = checklistOf(requested, byHand);
        return requested;
      },
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
    });
    expect(await screen.findByText('Revoke orders-key')).toBeInTheDocument();
    expect(screen.getByText(/\(Suspended\)/)).toBeInTheDocument();
    const row = within(screen.getByText('Revoke orders-key').closest('tr')!);
    expect(row.getByText('Suspension')).toBeInTheDocument();
    // only an item a source can revoke has the button
    expect(screen.getAllByRole('button', { name: /^Revoke now/ })).toHaveLength(
      1,
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Revoke now: orders-key' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Revoke orders-key now',
    });
    expect(
      within(dialog).getByText(
        /will be revoked in aws-iam now\. The item completes when the next observation by aws-iam verifies/,
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    );
    await waitFor(() =>
      expect(api.revokeOffboardingItem).toHaveBeenCalledWith(21),
    );
    expect(
      await screen.findByText(
        'Revocation requested by user:default/jane at 2026-12-02 09:15 — awaiting observation by aws-iam',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.getOffboarding).toHaveBeenCalledTimes(2);
    // while it awaits its observation, it may be asked for again
    expect(screen.queryByRole('button', { name: /^Revoke now/ })).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Revoke again: orders-key' }),
    ).toBeInTheDocument();
  });

  it('shows the error in the dialog', async () => {
    const api = mockPartnersApi({
      getOffboarding: async () => ({
        partnerRef: PARTNER,
        checklist: checklistOf(revocable),
      }),
      revokeOffboardingItem: async () => {
        throw Object.assign(new Error('Request failed with 503'), {
          name: 'ResponseError',
          cause: {
            name: 'ServiceUnavailableError',
            message: 'aws-iam is down',
          },
        });
      },
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke now: orders-key' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'aws-iam is down',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Revoke' }),
    ).toBeEnabled();
    expect(api.getOffboarding).toHaveBeenCalledTimes(1);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers revoke now only with partners.identity.revoke on the integration', async () => {
    const api = mockPartnersApi({
      getOffboarding: async () => ({
        partnerRef: PARTNER,
        checklist: checklistOf(revocable),
      }),
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
      allow: allowExceptRevokeOn(ORDERS),
    });
    expect(
      await screen.findByRole('button', { name: 'Complete item 21' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Revoke now/ })).toBeNull();
  });

  it('offers it when the permission is granted on that integration', async () => {
    const api = mockPartnersApi({
      getOffboarding: async () => ({
        partnerRef: PARTNER,
        checklist: checklistOf(revocable),
      }),
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
      allow: allowExceptRevokeOn('partnerintegration:default/other'),
    });
    expect(
      await screen.findByRole('button', { name: 'Revoke now: orders-key' }),
    ).toBeInTheDocument();
  });

  it('shows a revocation verified by observation', async () => {
    const verified: OffboardingItem = {
      ...requested,
      status: 'done',
      completedBy: 'user:default/jane',
      completedAt: '2026-12-03T10:00:00Z',
      evidence: 'Verified by observation of aws-iam',
      revocation: {
        ...requested.revocation!,
        state: 'verified',
        verifiedAt: '2026-12-03T10:00:00Z',
      },
    };
    const api = mockPartnersApi({
      getOffboarding: async () => ({
        partnerRef: PARTNER,
        checklist: checklistOf(verified),
      }),
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText('Verified by observation at 2026-12-03 10:00'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Revoke now/ })).toBeNull();
  });
});
