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

import { screen } from '@testing-library/react';
import type { PartnerEntityV1alpha1 } from '@partner-governance/plugin-partners-common';
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
});
