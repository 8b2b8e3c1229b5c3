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
import userEvent from '@testing-library/user-event';
import {
  partnersPartnerSuspendPermission,
  type BlastRadius,
  type OffboardingChecklist,
  type SuspendPartnerResponse,
} from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import type { PermissionRequest } from '../common/__testUtils__/permissions';
import { PartnerOffboardingContent } from '../PartnerContent/PartnerOffboardingContent';
import { PartnerOverviewCard } from '../PartnerOverviewCard';
import { SuspendPartnerButton } from './SuspendPartnerButton';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const PARTNER = 'partner:default/acme';
const ORDERS = 'partnerintegration:default/acme-orders';

const blastRadius: BlastRadius = {
  partnerRef: PARTNER,
  depth: 2,
  identities: [
    {
      integrationRef: ORDERS,
      name: 'orders-key',
      type: 'api-key',
      status: 'active',
      privileged: false,
      environment: 'production',
      scopes: ['orders:read'],
      observedAs: 'aws-iam',
      revocable: true,
    },
    {
      integrationRef: ORDERS,
      name: 'legacy-cert',
      type: 'certificate',
      status: 'active',
      privileged: true,
      scopes: [],
      revocable: false,
    },
  ],
  integrations: [ORDERS],
  entities: [
    {
      entityRef: 'component:default/orders-api',
      title: 'Orders API',
      distance: 1,
      via: 'accesses',
      from: ORDERS,
    },
    {
      entityRef: 'resource:default/orders-db',
      distance: 2,
      via: 'dependsOn',
      from: 'component:default/orders-api',
    },
  ],
  truncated: true,
};

const checklist: OffboardingChecklist = {
  id: 9,
  partnerRef: PARTNER,
  status: 'open',
  reasons: ['suspended'],
  openedAt: '2026-12-05T00:00:00Z',
  progress: { total: 3, done: 0, pending: 3 },
  items: [],
};

const suspended: SuspendPartnerResponse = {
  partnerRef: PARTNER,
  identities: [
    {
      integrationRef: ORDERS,
      identity: 'orders-key',
      sourceId: 'aws-iam',
      outcome: 'revoked',
      itemId: 31,
    },
    {
      integrationRef: ORDERS,
      identity: 'ldap-svc',
      sourceId: 'ldap',
      outcome: 'failed',
      detail: 'the directory refused the change',
      itemId: 32,
    },
    {
      integrationRef: ORDERS,
      identity: 'legacy-cert',
      outcome: 'not-revocable',
      itemId: 33,
    },
  ],
  checklist,
};

async function openDialog() {
  await userEvent.click(
    await screen.findByRole('button', { name: 'Suspend partner' }),
  );
  return screen.getByRole('dialog', { name: 'Suspend partner' });
}

describe('SuspendPartnerButton', () => {
  it('shows the blast radius, requires a reason and shows the outcome per identity', async () => {
    const onSuspended = jest.fn();
    const api = mockPartnersApi({
      getBlastRadius: async () => blastRadius,
      suspendPartner: async () => suspended,
    });
    await renderPartners(
      <SuspendPartnerButton
        partnerRef={PARTNER}
        partnerTitle="Acme Logistics"
        onSuspended={onSuspended}
      />,
      { api, entity: partnerEntity },
    );
    const dialog = within(await openDialog());
    expect(dialog.getByText('Acme Logistics')).toBeInTheDocument();
    const confirm = dialog.getByRole('button', { name: 'Suspend' });
    expect(confirm).toBeDisabled();

    expect(
      await dialog.findByText(/^2 identities, 1 revocable/),
    ).toHaveTextContent(
      '2 identities, 1 revocable through a source, in 1 integration reach more than 2 catalog entities, following up to 2 catalog relations beyond what the integrations access.',
    );
    expect(api.getBlastRadius).toHaveBeenCalledWith(PARTNER);
    const identities = within(
      dialog.getByRole('table', { name: 'Identities the suspension revokes' }),
    );
    expect(
      within(identities.getByText('orders-key').closest('tr')!).getByText(
        'Revoked through aws-iam',
      ),
    ).toBeInTheDocument();
    const cert = within(identities.getByText('legacy-cert').closest('tr')!);
    expect(cert.getByText('Revoke by hand')).toBeInTheDocument();
    expect(cert.getByText('privileged')).toBeInTheDocument();
    const entities = within(
      dialog.getByRole('table', {
        name: 'Catalog entities the partner reaches',
      }),
    );
    const api1 = within(entities.getByText('Orders API').closest('tr')!);
    expect(api1.getByText('1 step')).toBeInTheDocument();
    expect(api1.getByText(/^accesses from/)).toBeInTheDocument();
    const db = within(entities.getByText('orders-db').closest('tr')!);
    expect(db.getByText('2 steps')).toBeInTheDocument();
    expect(db.getByText(/^dependsOn from/)).toBeInTheDocument();
    expect(
      dialog.getByText(
        'The partner reaches more catalog entities than are listed here.',
      ),
    ).toBeInTheDocument();

    const reason = dialog.getByRole('textbox', { name: 'Reason' });
    expect(reason).toHaveAttribute('maxLength', '4000');
    expect(reason).toBeRequired();
    fireEvent.change(reason, { target: { value: '   ' } });
    expect(confirm).toBeDisabled();
    fireEvent.change(reason, { target: { value: '  INC-42: leaked key  ' } });
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);

    await waitFor(() =>
      expect(api.suspendPartner).toHaveBeenCalledWith(PARTNER, {
        reason: 'INC-42: leaked key',
      }),
    );
    expect(
      await dialog.findByText(
        'The partner is suspended: 1 revoked, 1 failed, 1 not revocable through a source. Offboarding checklist #9 tracks every identity until it is verified.',
      ),
    ).toBeInTheDocument();
    expect(onSuspended).toHaveBeenCalledWith(suspended);
    const outcome = within(
      dialog.getByRole('table', { name: 'Suspension outcome' }),
    );
    expect(
      outcome.getByText(
        'Revoked in aws-iam, awaiting verification by observation (offboarding item #31)',
      ),
    ).toBeInTheDocument();
    expect(
      outcome.getByText(
        'Failed: the directory refused the change; revoke it by hand (offboarding item #32)',
      ),
    ).toBeInTheDocument();
    expect(
      outcome.getByText(
        'Not revocable through a source: revoke it by hand (offboarding item #33)',
      ),
    ).toBeInTheDocument();

    await userEvent.click(dialog.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows a failed suspension in the dialog and keeps the reason', async () => {
    const onSuspended = jest.fn();
    const api = mockPartnersApi({
      getBlastRadius: async () => ({ ...blastRadius, truncated: false }),
      suspendPartner: async () => {
        throw Object.assign(new Error('Request failed with 400'), {
          name: 'ResponseError',
          cause: { name: 'InputError', message: 'The reason holds a secret' },
        });
      },
    });
    await renderPartners(
      <SuspendPartnerButton partnerRef={PARTNER} onSuspended={onSuspended} />,
      { api, entity: partnerEntity },
    );
    const dialog = within(await openDialog());
    await dialog.findByText(/^2 identities/);
    expect(
      dialog.queryByText(/more catalog entities than are listed/),
    ).toBeNull();
    fireEvent.change(dialog.getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'AKIA...' },
    });
    await userEvent.click(dialog.getByRole('button', { name: 'Suspend' }));
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'The reason holds a secret',
    );
    expect(dialog.getByRole('textbox', { name: 'Reason' })).toHaveValue(
      'AKIA...',
    );
    expect(dialog.getByRole('button', { name: 'Suspend' })).toBeEnabled();
    expect(
      dialog.queryByRole('table', { name: 'Suspension outcome' }),
    ).toBeNull();
    expect(onSuspended).not.toHaveBeenCalled();
  });

  it('says when the blast radius cannot be loaded, still allows suspending, and retries', async () => {
    let failing = true;
    const api = mockPartnersApi({
      getBlastRadius: async () => {
        if (failing) {
          throw new Error('catalog unavailable');
        }
        return blastRadius;
      },
      suspendPartner: async () => suspended,
    });
    await renderPartners(<SuspendPartnerButton partnerRef={PARTNER} />, {
      api,
      entity: partnerEntity,
    });
    const dialog = within(await openDialog());
    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'The blast radius could not be loaded: catalog unavailable.',
    );
    fireEvent.change(dialog.getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'INC-43' },
    });
    expect(dialog.getByRole('button', { name: 'Suspend' })).toBeEnabled();

    failing = false;
    await userEvent.click(dialog.getByRole('button', { name: 'Retry' }));
    expect(await dialog.findByText(/^2 identities/)).toBeInTheDocument();
    expect(api.getBlastRadius).toHaveBeenCalledTimes(2);
    expect(dialog.queryByText(/could not be loaded/)).toBeNull();
  });

  it('is absent without partners.partner.suspend', async () => {
    const api = mockPartnersApi({
      getPartner: async () => partnerDetails,
      getOffboarding: async () => ({ partnerRef: PARTNER, checklist }),
    });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: partnerEntity,
      allow: (request: PermissionRequest) =>
        request.permission.name !== partnersPartnerSuspendPermission.name,
    });
    expect(await screen.findByText('Risk and contract')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Suspend partner' }),
    ).toBeNull();
    expect(api.getBlastRadius).not.toHaveBeenCalled();
  });
});

describe('suspending from the partner pages', () => {
  it('refreshes the partner overview after suspending', async () => {
    const api = mockPartnersApi({
      getPartner: async () => partnerDetails,
      getBlastRadius: async () => blastRadius,
      suspendPartner: async () => suspended,
    });
    await renderPartners(<PartnerOverviewCard />, {
      api,
      entity: partnerEntity,
    });
    const dialog = within(await openDialog());
    fireEvent.change(dialog.getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'INC-44' },
    });
    await userEvent.click(dialog.getByRole('button', { name: 'Suspend' }));
    expect(
      await dialog.findByRole('table', { name: 'Suspension outcome' }),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getPartner).toHaveBeenCalledTimes(2));
  });

  it('loads the checklist the suspension opened, with the outcome still shown', async () => {
    let opened: OffboardingChecklist | undefined;
    const api = mockPartnersApi({
      getOffboarding: async () => ({
        partnerRef: PARTNER,
        ...(opened ? { checklist: opened } : {}),
      }),
      getBlastRadius: async () => blastRadius,
      suspendPartner: async () => {
        opened = {
          ...checklist,
          progress: { total: 1, done: 0, pending: 1 },
          items: [
            {
              id: 31,
              checklistId: 9,
              kind: 'revoke',
              integrationRef: ORDERS,
              identity: 'orders-key',
              description: 'Revoke orders-key',
              source: 'suspension',
              status: 'pending',
            },
          ],
        };
        return suspended;
      },
    });
    await renderPartners(<PartnerOffboardingContent />, {
      api,
      entity: partnerEntity,
    });
    expect(
      await screen.findByText('No offboarding checklist'),
    ).toBeInTheDocument();
    const dialog = within(await openDialog());
    fireEvent.change(dialog.getByRole('textbox', { name: 'Reason' }), {
      target: { value: 'INC-45' },
    });
    await userEvent.click(dialog.getByRole('button', { name: 'Suspend' }));
    expect(await screen.findByText('Revoke orders-key')).toBeInTheDocument();
    expect(api.getOffboarding).toHaveBeenCalledTimes(2);
    // the dialog survives the refresh behind it
    expect(
      screen.getByRole('table', { name: 'Suspension outcome' }),
    ).toBeInTheDocument();
  });
});
