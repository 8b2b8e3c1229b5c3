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
import { renderInTestApp } from '@backstage/test-utils';
import { ReviewTriggersList } from './ReviewTriggersList';

const AT = '2026-12-18T08:00:00.000Z';

describe('ReviewTriggersList', () => {
  it('says a review without changes is due by cadence, with no list', async () => {
    await renderInTestApp(
      <ReviewTriggersList
        review={{ dueReason: 'Due by cadence.', triggers: [] }}
      />,
    );
    expect(screen.getByText('Due by cadence.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('reads a review from before triggers as due by cadence', async () => {
    await renderInTestApp(<ReviewTriggersList review={{}} />);
    expect(screen.getByText('Due by cadence.')).toBeInTheDocument();
  });

  it('lists each change with its field, before and after, and when it was seen', async () => {
    await renderInTestApp(
      <ReviewTriggersList
        review={{
          dueReason: 'Due now: 3 changes since 2026-12-18: …',
          triggers: [
            {
              kind: 'partner-tier',
              entityRef: 'partner:default/acme',
              field: 'spec.risk.tier',
              before: ['medium'],
              after: ['critical'],
              at: AT,
              summary:
                'the risk tier of partner:default/acme changed from medium to critical',
            },
            {
              kind: 'identity-environment',
              entityRef: 'partnerintegration:default/acme-api',
              field: 'spec.identities[orders-key].environment',
              identity: 'orders-key',
              before: [],
              after: ['staging'],
              at: AT,
              summary:
                'the environment of identity orders-key changed from (none) to staging',
            },
            {
              kind: 'identity-added',
              entityRef: 'partnerintegration:default/acme-api',
              field: 'spec.identities[refund-key]',
              identity: 'refund-key',
              before: [],
              after: ['refund-key'],
              at: AT,
              summary: 'identity refund-key was added',
            },
          ],
        }}
      />,
    );
    expect(
      screen.getByText('Due now: 3 changes since 2026-12-18: …'),
    ).toBeInTheDocument();
    const items = within(
      screen.getByRole('list', { name: 'What changed' }),
    ).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'The risk tier of partner:default/acme changed from medium to criticalspec.risk.tier: medium → critical · seen 2026-12-18 08:00',
      'The environment of identity orders-key changed from (none) to stagingspec.identities[orders-key].environment: (none) → staging · seen 2026-12-18 08:00',
      'Identity refund-key was addedspec.identities[refund-key] · seen 2026-12-18 08:00',
    ]);
  });
});
