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
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { SearchResult } from '@backstage/plugin-search-common';
import { SearchResultListItemExtensions } from '@backstage/plugin-search-react';
import { renderInTestApp } from '@backstage/test-utils';
import { PartnerSearchResultListItem as PartnerSearchResultListItemExtension } from '../../searchResultListItem';
import { PartnerSearchResultListItem } from './PartnerSearchResultListItem';

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const partnerDocument = {
  title: 'Wrenfield Systems',
  text: 'Logistics integrator : wrenfield-systems',
  location: '/catalog/default/partner/wrenfield-systems',
  kind: 'Partner',
  namespace: 'default',
  type: 'integrator',
  owner: 'group:alliances',
  lifecycle: '',
  partner: 'partner:default/wrenfield-systems',
  stage: 'measurement',
  tier: 'high',
  partnerType: 'integrator',
};

const integrationDocument = {
  title: 'Wrenfield order sync',
  text: 'Reads paid orders : wrenfield-systems',
  location: '/catalog/default/partnerintegration/wrenfield-order-sync',
  kind: 'PartnerIntegration',
  namespace: 'default',
  type: 'data-feed',
  owner: 'group:team-orders',
  lifecycle: '',
  partner: 'partner:default/wrenfield-systems',
  partnerTitle: 'Wrenfield Systems',
  stage: 'offboarding',
  tier: 'critical',
  integrationType: 'data-feed',
  environment: 'production',
};

const componentDocument = {
  title: 'orders-service',
  text: 'Takes orders',
  location: '/catalog/default/component/orders-service',
  kind: 'Component',
  type: 'service',
  lifecycle: 'production',
  owner: 'team-orders',
};

const mountedRoutes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

describe('PartnerSearchResultListItem', () => {
  it('shows a partner with its kind, type, stage and tier, linked to its page', async () => {
    await renderInTestApp(
      <PartnerSearchResultListItem result={partnerDocument} />,
      mountedRoutes,
    );
    expect(
      screen.getByRole('link', { name: 'Wrenfield Systems' }),
    ).toHaveAttribute('href', '/catalog/default/partner/wrenfield-systems');
    expect(
      screen.getByText('Logistics integrator : wrenfield-systems'),
    ).toBeInTheDocument();
    for (const label of [
      'Partner',
      'Type: Integrator',
      'Measurement',
      'high risk',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(screen.queryByText(/Partner:/)).not.toBeInTheDocument();
  });

  it("shows an integration with its type, environment, and its partner's stage, tier and link", async () => {
    await renderInTestApp(
      <PartnerSearchResultListItem result={integrationDocument} />,
      mountedRoutes,
    );
    for (const label of [
      'Partner integration',
      'Type: Data feed',
      'Environment: Production',
      'Offboarding',
      'critical risk',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(
      screen.getByRole('link', { name: 'Wrenfield Systems' }),
    ).toHaveAttribute('href', '/catalog/default/partner/wrenfield-systems');
  });

  it('highlights where the term matched', async () => {
    await renderInTestApp(
      <PartnerSearchResultListItem
        result={partnerDocument}
        highlight={{
          preTag: '<m>',
          postTag: '</m>',
          fields: { title: '<m>Wrenfield</m> Systems' },
        }}
      />,
      mountedRoutes,
    );
    const mark = screen.getByText('Wrenfield');
    expect(mark.tagName).toBe('MARK');
    expect(screen.getByRole('link')).toHaveTextContent('Wrenfield Systems');
  });

  it('leaves out what the document does not hold, or holds wrongly', async () => {
    const wrong = {
      ...integrationDocument,
      stage: 'retired',
      tier: 7,
      integrationType: 'carrier-pigeon',
      environment: 'moon',
      partner: 'not a ref:/',
    };
    await renderInTestApp(
      <PartnerSearchResultListItem result={wrong} />,
      mountedRoutes,
    );
    expect(screen.getByText('Partner integration')).toBeInTheDocument();
    expect(screen.queryByText(/Type:|Environment:|risk|Partner:/)).toBeNull();
    expect(screen.queryByText('Retired')).toBeNull();
  });

  it('renders nothing for another kind', async () => {
    const { container } = await renderInTestApp(
      <PartnerSearchResultListItem result={componentDocument} />,
      mountedRoutes,
    );
    expect(container).toBeEmptyDOMElement();
  });

  it('takes the partner documents of the catalog index in a result list, and leaves the others', async () => {
    const results: SearchResult[] = [
      { type: 'software-catalog', document: partnerDocument, rank: 1 },
      { type: 'software-catalog', document: componentDocument, rank: 2 },
      // another index's document of the same shape is not a partner's
      { type: 'techdocs', document: { ...integrationDocument }, rank: 3 },
    ];
    await renderInTestApp(
      <SearchResultListItemExtensions results={results}>
        <PartnerSearchResultListItemExtension />
      </SearchResultListItemExtensions>,
      mountedRoutes,
    );
    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(
      await within(items[0]).findByText('Type: Integrator'),
    ).toBeInTheDocument();
    expect(within(items[1]).getByText('orders-service')).toBeInTheDocument();
    expect(within(items[1]).queryByText('Partner')).toBeNull();
    expect(
      within(items[2]).getByText('Wrenfield order sync'),
    ).toBeInTheDocument();
    expect(within(items[2]).queryByText('Partner integration')).toBeNull();
  });
});
