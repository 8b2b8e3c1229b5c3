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
import { NotAllowedError, NotFoundError } from '@backstage/errors';
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

function renderFailing(error: Error) {
  return renderPartners(<PartnerOffboardingContent />, {
    api: mockPartnersApi({
      getOffboarding: async () => {
        throw error;
      },
    }),
    entity: partnerEntity,
  });
}

describe('PartnerOffboardingContent for a caller without a stake', () => {
  it('says who sees the checklist instead of an error', async () => {
    await renderFailing(
      new NotAllowedError('You may not read the offboarding of acme'),
    );
    expect(
      await screen.findByText("For the partner's stakeholders"),
    ).toBeInTheDocument();
    expect(screen.queryByText(/You may not read/)).not.toBeInTheDocument();
  });

  it('still shows other failures as errors', async () => {
    await renderFailing(new NotFoundError('No partner acme'));
    expect(
      await screen.findByText('Error: No partner acme'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText("For the partner's stakeholders"),
    ).not.toBeInTheDocument();
  });
});
