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
import type { ExceptionRecord } from '@partner-governance/plugin-partners-common';
import {
  finding,
  mockPartnersApi,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { ExceptionRequestDialog } from './ExceptionRequestDialog';
import { ExceptionsTable } from './ExceptionsTable';
import { RequestExceptionButton } from './RequestExceptionButton';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const exception: ExceptionRecord = {
  id: 5,
  ruleId: 'identity-overprivileged',
  entityRef: 'partnerintegration:default/acme-orders',
  identity: 'orders-key',
  partnerRef: 'partner:default/acme',
  justification: 'Write scope needed until the v2 API ships',
  requestedBy: 'user:default/joe',
  requestedAt: '2026-11-20T10:00:00Z',
  expiresAt: '2027-02-01T00:00:00Z',
  status: 'requested',
};

const subject = {
  ruleId: finding.ruleId,
  entityRef: finding.entityRef,
  identity: finding.identity,
};

describe('ExceptionRequestDialog', () => {
  it('requests an exception with justification and expiry', async () => {
    const api = mockPartnersApi({ requestException: async () => exception });
    const onClose = jest.fn();
    const onRequested = jest.fn();
    await renderPartners(
      <ExceptionRequestDialog
        open
        subject={subject}
        onClose={onClose}
        onRequested={onRequested}
      />,
      { api },
    );
    expect(screen.getByText('Identity over-privileged')).toBeInTheDocument();
    const submit = screen.getByRole('button', { name: 'Request exception' });
    expect(submit).toBeDisabled();
    fireEvent.change(screen.getByRole('textbox', { name: /Justification/ }), {
      target: { value: 'Needed until v2' },
    });
    const expires = screen.getByLabelText(/Expires/);
    fireEvent.change(expires, { target: { value: '2027-01-15' } });
    await userEvent.click(submit);
    await waitFor(() => expect(onRequested).toHaveBeenCalledWith(exception));
    expect(api.requestException).toHaveBeenCalledWith({
      ruleId: 'identity-overprivileged',
      entityRef: 'partnerintegration:default/acme-orders',
      identity: 'orders-key',
      justification: 'Needed until v2',
      expiresAt: '2027-01-15',
    });
    expect(onClose).toHaveBeenCalled();
  });

  it('shows the backend validation error in place', async () => {
    const error = Object.assign(new Error('Request failed with 400'), {
      cause: { message: 'an exception lasts at most 180 days' },
    });
    const api = mockPartnersApi({
      requestException: async () => {
        throw error;
      },
    });
    const onClose = jest.fn();
    await renderPartners(
      <ExceptionRequestDialog open subject={subject} onClose={onClose} />,
      { api },
    );
    fireEvent.change(screen.getByRole('textbox', { name: /Justification/ }), {
      target: { value: 'x' },
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Request exception' }),
    );
    expect(
      await screen.findByText('an exception lasts at most 180 days'),
    ).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('RequestExceptionButton', () => {
  it('is hidden without the request permission', async () => {
    await renderPartners(<RequestExceptionButton subject={subject} />, {
      api: mockPartnersApi(),
      allow: false,
    });
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('opens the dialog', async () => {
    await renderPartners(<RequestExceptionButton subject={subject} />, {
      api: mockPartnersApi(),
    });
    await userEvent.click(
      await screen.findByRole(
        'button',
        {
          name: 'Request exception for identity-overprivileged on orders-key',
        },
        { timeout: 5000 },
      ),
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});

describe('ExceptionsTable', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<ExceptionsTable partner="partner:default/acme" />, {
      api: mockPartnersApi(),
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listExceptions: async () => {
        throw new Error('exceptions down');
      },
    });
    await renderPartners(<ExceptionsTable partner="partner:default/acme" />, {
      api,
    });
    expect(await screen.findAllByText(/exceptions down/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({
      listExceptions: async () => ({ items: [] }),
    });
    await renderPartners(<ExceptionsTable entity="partner:default/acme" />, {
      api,
    });
    expect(await screen.findByText('No exceptions')).toBeInTheDocument();
    expect(api.listExceptions).toHaveBeenCalledWith({
      entity: 'partner:default/acme',
      limit: 25,
    });
  });

  it('approves a requested exception with a comment', async () => {
    const api = mockPartnersApi({
      listExceptions: async () => ({ items: [exception] }),
      approveException: async () => ({ ...exception, status: 'approved' }),
    });
    await renderPartners(<ExceptionsTable partner="partner:default/acme" />, {
      api,
    });
    expect(
      await screen.findByText('Write scope needed until the v2 API ships'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Approve exception 5' }),
    );
    fireEvent.change(screen.getByRole('textbox', { name: 'Comment' }), {
      target: { value: 'ok until v2' },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.approveException).toHaveBeenCalledWith(5, {
        comment: 'ok until v2',
      }),
    );
    await waitFor(() => expect(api.listExceptions).toHaveBeenCalledTimes(2));
  });

  it('hides approve and deny without the approve permission', async () => {
    const api = mockPartnersApi({
      listExceptions: async () => ({ items: [exception] }),
    });
    await renderPartners(<ExceptionsTable partner="partner:default/acme" />, {
      api,
      allow: false,
    });
    expect(
      await screen.findByText('Write scope needed until the v2 API ships'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Approve/ })).toBeNull();
  });
});
