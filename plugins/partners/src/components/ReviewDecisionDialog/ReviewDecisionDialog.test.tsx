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
import { ResponseError, type ConsumedResponse } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import type {
  PartnersApi,
  ReviewDetails,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { ReviewDecisionDialog } from './ReviewDecisionDialog';

const review: ReviewDetails = {
  id: 7,
  integrationRef: 'partnerintegration:default/acme-orders',
  partnerRef: 'partner:default/acme',
  assignee: 'group:default/orders',
  status: 'pending',
  openedAt: '2026-11-01T00:00:00Z',
  dueAt: '2026-12-01T00:00:00Z',
  overdue: false,
  identities: [
    {
      name: 'orders-key',
      type: 'api-key',
      status: 'active',
      scopes: ['orders:read'],
      privileged: false,
      lastUsed: '2026-11-20',
      rotationAgeDays: 30,
      dormant: false,
    },
    {
      name: 'old-client',
      type: 'oauth-client',
      status: 'active',
      scopes: ['orders:write'],
      privileged: false,
      lastUsed: '2026-01-02',
      rotationAgeDays: 300,
      dormant: true,
    },
  ],
  findings: [],
};

/** A `ResponseError` as the client throws it for a Backstage error body. */
async function responseError(status: number, name: string, message: string) {
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'POST', url: '/api/partners/reviews/7/decision' },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    ok: false,
    redirected: false,
    status,
    statusText: name,
    type: 'basic',
    url: '/api/partners/reviews/7/decision',
    // Only `get` is read when parsing the body.
    headers: new Map([
      ['content-type', 'application/json'],
    ]) as unknown as ConsumedResponse['headers'],
    text: async () => body,
  });
}

async function renderDialog(
  decideReview: PartnersApi['decideReview'],
  reviewOverride: ReviewDetails = review,
) {
  const onDecided = jest.fn();
  const onClose = jest.fn();
  const api: Partial<PartnersApi> = { decideReview };
  await renderInTestApp(
    <TestApiProvider apis={[[partnersApiRef, api]]}>
      <ReviewDecisionDialog
        open
        review={reviewOverride}
        onClose={onClose}
        onDecided={onDecided}
      />
    </TestApiProvider>,
  );
  return { onDecided, onClose };
}

// Typing and dialogs are slow on a busy machine.
jest.setTimeout(20_000);

describe('ReviewDecisionDialog', () => {
  it('requires a comment to attest while an identity is dormant, and says why', async () => {
    const decideReview = jest.fn(async () => ({
      ...review,
      status: 'attested' as const,
    }));
    const { onDecided } = await renderDialog(decideReview);

    const attest = screen.getByRole('button', { name: 'Attest' });
    expect(attest).toBeDisabled();
    expect(
      screen.getByText(/Required because old-client is dormant/),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByRole('textbox', { name: /Comment/ }), {
      target: { value: 'Yearly use' },
    });
    expect(attest).toBeEnabled();
    await userEvent.click(attest);

    await waitFor(() => expect(onDecided).toHaveBeenCalled());
    expect(decideReview).toHaveBeenCalledWith(7, {
      decision: 'attest',
      comment: 'Yearly use',
    });
  });

  it('says why a review is due when a change made it due now', async () => {
    const dueReason =
      'Due now: the scopes of identity orders-key changed: added orders:write on 2026-12-18.';
    await renderDialog(jest.fn(), {
      ...review,
      dueReason,
      triggers: [
        {
          kind: 'identity-scopes',
          entityRef: review.integrationRef,
          field: 'spec.identities[orders-key].scopes',
          identity: 'orders-key',
          before: [],
          after: ['orders:write'],
          at: '2026-12-18T08:00:00.000Z',
          summary:
            'the scopes of identity orders-key changed: added orders:write',
        },
      ],
    });
    expect(screen.getByLabelText('Why this review is due')).toHaveTextContent(
      dueReason,
    );
  });

  it('shows no reason for a review due by cadence', async () => {
    await renderDialog(jest.fn(), {
      ...review,
      dueReason: 'Due by cadence.',
      triggers: [],
    });
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(
      screen.queryByLabelText('Why this review is due'),
    ).not.toBeInTheDocument();
  });

  it('does not require a comment when no identity is dormant', async () => {
    const decideReview = jest.fn(async () => ({
      ...review,
      status: 'attested' as const,
    }));
    await renderDialog(decideReview, {
      ...review,
      identities: [review.identities[0]],
    });
    await userEvent.click(screen.getByRole('button', { name: 'Attest' }));
    await waitFor(() =>
      expect(decideReview).toHaveBeenCalledWith(7, { decision: 'attest' }),
    );
  });

  it('cannot revoke without choosing an identity', async () => {
    const decideReview = jest.fn();
    await renderDialog(decideReview);

    await userEvent.click(screen.getByRole('radio', { name: /Revoke/ }));

    const revoke = screen.getByRole('button', { name: 'Revoke' });
    expect(revoke).toBeDisabled();
    expect(
      screen.getByText('Choose at least one identity to revoke.'),
    ).toBeInTheDocument();
    expect(decideReview).not.toHaveBeenCalled();
  });

  it('revokes the chosen identities', async () => {
    const decideReview = jest.fn(async () => ({
      ...review,
      status: 'revoked' as const,
      revokedIdentities: ['old-client'],
    }));
    const { onDecided } = await renderDialog(decideReview);

    await userEvent.click(screen.getByRole('radio', { name: /Revoke/ }));
    await userEvent.click(screen.getByRole('checkbox', { name: /old-client/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(onDecided).toHaveBeenCalled());
    expect(decideReview).toHaveBeenCalledWith(7, {
      decision: 'revoke',
      identities: ['old-client'],
    });
  });

  it("shows the backend's message when the review was already decided", async () => {
    const decideReview = jest.fn(async () => {
      throw await responseError(
        409,
        'ConflictError',
        'Review 7 was already decided',
      );
    });
    const { onDecided } = await renderDialog(decideReview, {
      ...review,
      identities: [review.identities[0]],
    });

    await userEvent.click(screen.getByRole('button', { name: 'Attest' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Review 7 was already decided',
    );
    expect(onDecided).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Attest' })).toBeEnabled();
  });
});
