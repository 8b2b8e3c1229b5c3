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
import type {
  PartnerEntityV1alpha1,
  StageHistory,
} from '@partner-governance/plugin-partners-common';
import {
  mockPartnersApi,
  partnerDetails,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { LifecycleStepper } from './LifecycleStepper';

function withSpec(
  patch: Partial<PartnerEntityV1alpha1['spec']>,
): PartnerEntityV1alpha1 {
  return { ...partnerEntity, spec: { ...partnerEntity.spec, ...patch } };
}

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

describe('LifecycleStepper', () => {
  it('highlights the current stage with its owner and what is missing', async () => {
    await renderPartners(
      <LifecycleStepper
        partner={partnerEntity}
        integrations={partnerDetails.integrations}
      />,
      { api: mockPartnersApi() },
    );
    const current = screen
      .getByText('Enablement')
      .closest('[aria-current="step"]');
    expect(current).not.toBeNull();
    expect(screen.getByText('platform')).toBeInTheDocument();
    expect(
      screen.getByText('Missing to move on to measurement:'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No owner is named for the measurement stage.'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('No stage owner')).toHaveLength(2);
  });

  it('says when nothing is missing', async () => {
    const partner = withSpec({
      lifecycle: {
        stage: 'enablement',
        stageOwners: {
          enablement: 'group:default/platform',
          measurement: 'group:default/platform',
        },
      },
    });
    await renderPartners(
      <LifecycleStepper partner={partner} integrations={[]} />,
      { api: mockPartnersApi() },
    );
    expect(
      screen.getByText('Nothing is missing to move on to measurement.'),
    ).toBeInTheDocument();
  });

  describe('with the stage history', () => {
    const partner = withSpec({
      lifecycle: {
        stage: 'measurement',
        stageOwners: { measurement: 'group:default/platform' },
      },
    });
    // newest first, as the backend answers
    const history: StageHistory = {
      partnerRef: 'partner:default/acme',
      items: [
        {
          id: 3,
          stage: 'measurement',
          previousStage: 'onboarding',
          seenAt: '2026-12-01T12:00:00.000Z',
          allowed: false,
          problem: 'skips enablement',
          changedBy: 'user:default/jane',
          sourceLocation: 'url:https://git.example/partners/acme.yaml',
          recordedBy: 'plugin:partners',
        },
        {
          id: 1,
          stage: 'onboarding',
          seenAt: '2026-11-29T12:00:00.000Z',
          allowed: true,
        },
      ],
      historyStartsAt: '2026-11-29T12:00:00.000Z',
    };

    it('shows under each stage when it was entered and by whose change, and marks a move not allowed', async () => {
      await renderPartners(
        <LifecycleStepper partner={partner} history={history} />,
        { api: mockPartnersApi() },
      );
      const measurement = screen
        .getAllByText('Measurement')[0]
        .closest('.MuiStep-root') as HTMLElement;
      expect(
        within(measurement).getByText('Entered Dec 1, 2026'),
      ).toBeInTheDocument();
      expect(within(measurement).getByText('jane')).toBeInTheDocument();
      expect(
        within(measurement).getByText('Not allowed: skips enablement'),
      ).toBeInTheDocument();
      const onboarding = screen
        .getAllByText('Onboarding')[0]
        .closest('.MuiStep-root') as HTMLElement;
      expect(
        within(onboarding).getByText('First seen Nov 29, 2026'),
      ).toBeInTheDocument();
      expect(
        within(onboarding).getByText('the file names no requester'),
      ).toBeInTheDocument();
      expect(within(onboarding).queryByText(/Not allowed/)).toBeNull();
      // stages never entered say nothing of when
      const enablement = screen
        .getAllByText('Enablement')[0]
        .closest('.MuiStep-root') as HTMLElement;
      expect(within(enablement).queryByText(/Entered|First seen/)).toBeNull();
    });

    it('lists the history newest first and says when it starts', async () => {
      await renderPartners(
        <LifecycleStepper partner={partner} history={history} />,
        { api: mockPartnersApi() },
      );
      expect(
        screen.getByText(
          'History starts Nov 29, 2026, when the governance backend first saw this partner; earlier moves are not known.',
        ),
      ).toBeInTheDocument();
      const list = screen.getByRole('list', { name: 'Stage history' });
      const items = within(list).getAllByRole('listitem');
      expect(items.map(item => item.textContent)).toEqual([
        'Dec 1, 2026: onboarding → measurement, requested by jane (from url:https://git.example/partners/acme.yaml) - not allowed: skips enablement',
        'Nov 29, 2026: first seen in onboarding, the file names no requester',
      ]);
    });

    it('says when nothing is recorded yet, and why the history could not be read', async () => {
      const { unmount } = await renderPartners(
        <LifecycleStepper
          partner={partner}
          history={{ partnerRef: 'partner:default/acme', items: [] }}
        />,
        { api: mockPartnersApi() },
      );
      expect(
        screen.getByText(
          'No stage is recorded yet: history starts when the governance backend first sees this partner.',
        ),
      ).toBeInTheDocument();
      unmount();
      await renderPartners(
        <LifecycleStepper
          partner={partner}
          historyError={new Error('Service Unavailable')}
        />,
        { api: mockPartnersApi() },
      );
      expect(
        screen.getByText(
          'The stage history could not be read: Service Unavailable',
        ),
      ).toBeInTheDocument();
      expect(screen.queryByText(/History starts/)).toBeNull();
    });

    it('names the sync run to those it is shown to when the file names no requester', async () => {
      await renderPartners(
        <LifecycleStepper
          partner={partner}
          history={{
            ...history,
            items: [{ ...history.items[1], recordedBy: 'user:default/noor' }],
          }}
        />,
        { api: mockPartnersApi() },
      );
      expect(
        screen.getAllByText(
          'seen by the sync run of user:default/noor; the file names no requester',
        ).length,
      ).toBeGreaterThan(0);
    });
  });
});
