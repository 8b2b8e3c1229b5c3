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
import type { OffboardingChecklist } from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerOffboardingContent } from './PartnerOffboardingContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const PARTNER = 'partner:default/acme';

const empty: OffboardingChecklist = {
  id: 3,
  partnerRef: PARTNER,
  status: 'open',
  reasons: ['contract-ended'],
  openedAt: '2026-11-01T00:00:00Z',
  progress: { total: 0, done: 0, pending: 0 },
  items: [],
};

const reopened: OffboardingChecklist = {
  id: 2,
  partnerRef: PARTNER,
  status: 'open',
  reasons: ['stage-offboarding'],
  openedAt: '2026-11-01T00:00:00Z',
  reopenedAt: '2026-11-20T00:00:00Z',
  progress: { total: 1, done: 1, pending: 0 },
  items: [
    {
      id: 10,
      checklistId: 2,
      kind: 'revoke',
      integrationRef: 'partnerintegration:default/acme-feed',
      identity: 'late-key',
      description: 'Revoke late-key',
      source: 'offboarding',
      status: 'done',
      completedBy: 'user:default/jane',
      completedAt: '2026-11-21T00:00:00Z',
      evidence: 'CHG-10',
    },
  ],
};

function render(checklist: OffboardingChecklist) {
  const api = mockPartnersApi({
    getOffboarding: async () => ({ partnerRef: PARTNER, checklist }),
    verifyOffboarding: async () => ({
      partnerRef: PARTNER,
      checklist: { ...checklist, status: 'verified' },
    }),
  });
  return renderPartners(<PartnerOffboardingContent />, {
    api,
    entity: partnerEntity,
  }).then(() => api);
}

describe('PartnerOffboardingContent with nothing to revoke', () => {
  it('shows the empty list as nothing to revoke, verified only with an explicit confirmation', async () => {
    const api = await render(empty);
    expect(await screen.findByText(/^Nothing to revoke/)).toBeInTheDocument();
    expect(screen.getByText(/no items\./)).toBeInTheDocument();
    expect(
      screen.getByText(
        'Not verified yet: a verifier confirms there is nothing to revoke.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('No records to display')).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Verify checklist' }),
    );
    const submit = screen.getByRole('button', { name: 'Verify' });
    expect(submit).toBeDisabled();
    fireEvent.change(screen.getByRole('textbox', { name: /Comment/ }), {
      target: { value: 'OPS-7: no access at the gateway' },
    });
    expect(submit).toBeDisabled();
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'I confirm there is nothing to revoke',
      }),
    );
    expect(submit).toBeEnabled();
    await userEvent.click(submit);
    await waitFor(() =>
      expect(api.verifyOffboarding).toHaveBeenCalledWith(PARTNER, {
        comment: 'OPS-7: no access at the gateway',
        nothingToRevoke: true,
      }),
    );
  });

  it('says a verified empty list was verified as nothing to revoke', async () => {
    await render({
      ...empty,
      status: 'verified',
      verifiedBy: 'user:default/bob',
      verifiedAt: '2026-11-02T00:00:00Z',
    });
    expect(
      await screen.findByText(
        /^Verified by user:default\/bob on .* as nothing to revoke\.$/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^Nothing to revoke/)).toBeNull();
    expect(screen.queryByRole('button', { name: /Verify/ })).toBeNull();
  });

  it('shows a reopened list, verified without the nothing-to-revoke confirmation', async () => {
    const api = await render(reopened);
    expect(
      await screen.findByText(/^Reopened .*: access without an item appeared/),
    ).toBeInTheDocument();
    expect(screen.getByText('Revoke late-key')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Verify checklist' }),
    );
    expect(screen.queryByRole('checkbox')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    await waitFor(() =>
      expect(api.verifyOffboarding).toHaveBeenCalledWith(PARTNER, {}),
    );
  });
});
