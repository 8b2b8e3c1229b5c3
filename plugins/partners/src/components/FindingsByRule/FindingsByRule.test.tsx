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

import { RULE_IDS } from '@partner-governance/plugin-partners-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  finding,
  mockPartnersApi,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { FindingsByRule, ruleRows } from './FindingsByRule';
import { FindingsTable } from './FindingsTable';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

describe('FindingsTable', () => {
  it('shows progress while loading', async () => {
    await renderPartners(<FindingsTable filter={{ partner: 'acme' }} />, {
      api: mockPartnersApi(),
    });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listFindings: async () => {
        throw new Error('findings down');
      },
    });
    await renderPartners(<FindingsTable filter={{ partner: 'acme' }} />, {
      api,
    });
    expect(await screen.findAllByText(/findings down/)).not.toHaveLength(0);
  });

  it('has an empty state', async () => {
    const api = mockPartnersApi({ listFindings: async () => ({ items: [] }) });
    await renderPartners(<FindingsTable filter={{ partner: 'acme' }} />, {
      api,
    });
    expect(await screen.findByText('No findings')).toBeInTheDocument();
    expect(api.listFindings).toHaveBeenCalledWith({
      partner: 'acme',
      status: 'open',
      limit: 25,
    });
  });

  it('shows frameworks, accepted risk, and requests an exception', async () => {
    const accepted = {
      ...finding,
      id: 8,
      identity: 'other-key',
      acceptedRisk: {
        exceptionId: 2,
        expiresAt: '2027-01-01T00:00:00Z',
        approvedBy: 'user:default/sec',
      },
    };
    const api = mockPartnersApi({
      listFindings: async () => ({ items: [finding, accepted] }),
    });
    await renderPartners(<FindingsTable filter={{ partner: 'acme' }} />, {
      api,
    });
    expect(await screen.findAllByText(finding.message)).toHaveLength(2);
    expect(screen.getAllByText('NHI5')).toHaveLength(2);
    expect(
      screen.getByText('Accepted risk until 2027-01-01'),
    ).toBeInTheDocument();
    const buttons = screen.getAllByRole('button', {
      name: /Request exception for/,
    });
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]);
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
  });
});

describe('ruleRows', () => {
  it('puts rules with open findings first, worst and most frequent first', () => {
    const rows = ruleRows([
      {
        ruleId: 'identity-dormant',
        severity: 'medium',
        title: 'Identity dormant',
        frameworks: [],
        open: 5,
        accepted: 0,
      },
      {
        ruleId: 'identity-overprivileged',
        severity: 'high',
        title: 'Identity over-privileged',
        frameworks: ['NHI5'],
        open: 1,
        accepted: 2,
      },
      {
        ruleId: 'future-rule',
        severity: 'low',
        title: 'A rule of a newer backend',
        frameworks: [],
        open: 0,
        accepted: 1,
      },
    ]);
    expect(rows.slice(0, 3).map(r => [r.ruleId, r.open, r.accepted])).toEqual([
      ['identity-overprivileged', 1, 2],
      ['identity-dormant', 5, 0],
      ['owner-missing', 0, 0],
    ]);
    // every rule of the registry, then the one it does not know yet
    expect(rows).toHaveLength(RULE_IDS.length + 1);
    expect(rows[RULE_IDS.length].ruleId).toBe('future-rule');
  });
});

describe('FindingsByRule', () => {
  const counts = {
    items: [
      {
        ruleId: 'identity-overprivileged',
        severity: 'high' as const,
        title: 'Identity over-privileged',
        frameworks: ['NHI5'],
        open: 2,
        accepted: 1,
      },
    ],
  };

  it('shows progress while the counts load', async () => {
    await renderPartners(<FindingsByRule />, { api: mockPartnersApi() });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('shows the error', async () => {
    const api = mockPartnersApi({
      listFindingRules: async () => {
        throw new Error('rules down');
      },
    });
    await renderPartners(<FindingsByRule />, { api });
    expect(await screen.findAllByText(/rules down/)).not.toHaveLength(0);
  });

  it('has an empty state when no rule has findings', async () => {
    const api = mockPartnersApi({
      listFindingRules: async () => ({ items: [] }),
    });
    await renderPartners(<FindingsByRule />, { api });
    expect(await screen.findAllByText('No findings')).toHaveLength(
      RULE_IDS.length,
    );
    fireEvent.click(
      screen.getByRole('checkbox', { name: 'Only rules with findings' }),
    );
    expect(
      screen.getByText('No rule has an open or accepted-risk finding.'),
    ).toBeInTheDocument();
  });

  it('lists every rule with exact counts and loads a rule when opened', async () => {
    const api = mockPartnersApi({
      listFindingRules: async () => counts,
      listFindings: async () => ({ items: [finding] }),
    });
    await renderPartners(<FindingsByRule partner="partner:default/acme" />, {
      api,
    });
    expect(
      await screen.findByText('2 open, 1 accepted risk'),
    ).toBeInTheDocument();
    expect(api.listFindingRules).toHaveBeenCalledWith({
      partner: 'partner:default/acme',
    });
    expect(screen.getByText('Due diligence missing')).toBeInTheDocument();
    expect(screen.getAllByText('ISO 5.19')).not.toHaveLength(0);
    expect(api.listFindings).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('Identity over-privileged'));
    expect(await screen.findByText(finding.message)).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listFindings).toHaveBeenCalledWith({
        ruleId: 'identity-overprivileged',
        partner: 'partner:default/acme',
        status: 'open',
        limit: 25,
      }),
    );
  });
});
