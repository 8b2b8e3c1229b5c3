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

import { screen, within } from '@testing-library/react';
import type { PartnerIdentityItem } from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  partnerIdentity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerIdentitiesContent } from './PartnerIdentitiesContent';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const observedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();

const observed: PartnerIdentityItem = {
  ...partnerIdentity,
  observation: {
    sourceId: 'aws-iam',
    externalId: 'AKIAEXAMPLE',
    state: 'observed',
    observedAt,
    status: 'disabled',
    lastUsed: '2026-11-20',
    unlistedScopes: ['s3:PutObject', 'iam:PassRole'],
    revocable: true,
  },
};

const notObserved: PartnerIdentityItem = {
  ...partnerIdentity,
  name: 'sync-token',
  openFindings: ['identity-not-observed'],
  observation: {
    sourceId: 'ldap',
    externalId: 'cn=sync,ou=svc',
    state: 'not-observed',
    observedAt,
    unlistedScopes: [],
    revocable: false,
  },
};

const notRun: PartnerIdentityItem = {
  ...partnerIdentity,
  name: 'feed-key',
  openFindings: [],
  observation: {
    sourceId: 'okta',
    externalId: 'feed',
    state: 'not-run',
    unlistedScopes: [],
    revocable: false,
  },
};

const undeclared: PartnerIdentityItem = {
  ...partnerIdentity,
  name: 'plain-key',
  openFindings: [],
};

function rowOf(name: string): HTMLElement {
  return screen.getByText(name, { selector: 'td' }).closest('tr')!;
}

async function renderIdentities(items: PartnerIdentityItem[]) {
  const api = mockPartnersApi({
    getPartner: async () => partnerDetails,
    listPartnerIdentities: async () => ({ items }),
    listUndeclaredIdentities: async () => ({ items: [] }),
  });
  await renderPartners(<PartnerIdentitiesContent />, {
    api,
    entity: partnerEntity,
  });
  expect(await screen.findByText(items[0].name)).toBeInTheDocument();
  return api;
}

describe('PartnerIdentitiesContent with observations', () => {
  it('shows what the source observed next to the declaration, with drift', async () => {
    await renderIdentities([observed, undeclared]);
    const table = screen.getByRole('table', { name: 'identities' });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual(
      expect.arrayContaining(['Observed', 'Drift', 'Findings']),
    );

    const row = within(rowOf('orders-key'));
    expect(row.getByText('aws-iam')).toHaveAttribute(
      'title',
      'aws-iam external id: AKIAEXAMPLE',
    );
    // declared active, disabled at the source
    expect(row.getByText('Disabled at the source')).toBeInTheDocument();
    const seen = row.getByText('Seen 3 hours ago');
    expect(seen.tagName).toBe('TIME');
    expect(seen).toHaveAttribute('dateTime', observedAt);
    expect(seen).toHaveAttribute(
      'title',
      observedAt.replace('T', ' ').slice(0, 16),
    );
    expect(row.getByText('Last used 2026-11-20')).toBeInTheDocument();
    expect(row.getByText('2 scopes not declared')).toBeInTheDocument();
    expect(row.getByText('s3:PutObject')).toBeInTheDocument();
    expect(row.getByText('iam:PassRole')).toBeInTheDocument();
    // the findings stay
    expect(row.getByText('Identity over-privileged')).toBeInTheDocument();

    // a declaration that names no source has no observation
    const plain = within(rowOf('plain-key'));
    expect(plain.queryByText(/scopes? not declared/)).toBeNull();
    expect(plain.getAllByText('—').length).toBeGreaterThanOrEqual(2);
  });

  it('marks an identity its source did not see, and a source that has not run', async () => {
    await renderIdentities([notObserved, notRun]);
    const missing = within(rowOf('sync-token'));
    expect(missing.getByText('Not seen by ldap')).toBeInTheDocument();
    expect(missing.getByText('Last run 3 hours ago')).toBeInTheDocument();
    expect(missing.queryByText(/not declared/)).toBeNull();

    const waiting = within(rowOf('feed-key'));
    expect(waiting.getByText('No run of okta yet')).toBeInTheDocument();
    expect(
      waiting.getByText('Observed once the source runs successfully'),
    ).toBeInTheDocument();
  });

  it('counts the drift beyond the first scopes', async () => {
    const scopes = Array.from({ length: 8 }, (_, i) => `scope-${i + 1}`);
    await renderIdentities([
      {
        ...observed,
        observation: {
          ...observed.observation!,
          status: 'active',
          unlistedScopes: scopes,
        },
      },
    ]);
    const row = within(rowOf('orders-key'));
    expect(row.getByText('Active at the source')).toBeInTheDocument();
    expect(row.getByText('8 scopes not declared')).toBeInTheDocument();
    expect(row.getByText('scope-5')).toBeInTheDocument();
    expect(row.queryByText('scope-6')).toBeNull();
    expect(row.getByText('and 3 more')).toHaveAttribute(
      'title',
      'scope-6, scope-7, scope-8',
    );
  });
});
