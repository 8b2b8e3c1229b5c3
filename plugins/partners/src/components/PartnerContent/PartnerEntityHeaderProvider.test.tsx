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
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  integrationEntity,
  mockPartnersApi,
  partnerEntity,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import {
  PartnerEntityHeaderProvider,
  withPrintableLifecycle,
} from './PartnerEntityHeaderProvider';

jest.mock('@backstage/plugin-permission-react', () =>
  require('../common/__testUtils__/permissions').mockPermissionReact(),
);

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

/** Prints the lifecycle the way EntityLayout's header label does. */
function HeaderLabel() {
  const { entity } = useEntity();
  const lifecycle = entity.spec?.lifecycle;
  return <span>Lifecycle {lifecycle?.toString()}</span>;
}

describe('withPrintableLifecycle', () => {
  it('prints a partner lifecycle as its stage and keeps its data', () => {
    const printable = withPrintableLifecycle(partnerEntity);
    expect(String(printable.spec.lifecycle)).toBe('enablement');
    expect(printable.spec.lifecycle.stage).toBe('enablement');
    expect(printable.spec.lifecycle.stageOwners).toEqual(
      partnerEntity.spec.lifecycle.stageOwners,
    );
    expect(JSON.stringify(printable)).toBe(JSON.stringify(partnerEntity));
    expect(String(partnerEntity.spec.lifecycle)).toBe('[object Object]');
  });

  it('leaves other entities alone', () => {
    expect(withPrintableLifecycle(integrationEntity)).toBe(integrationEntity);
  });
});

describe('PartnerEntityHeaderProvider', () => {
  it('makes the header label read the stage', async () => {
    await renderPartners(
      <PartnerEntityHeaderProvider>
        <HeaderLabel />
      </PartnerEntityHeaderProvider>,
      { api: mockPartnersApi(), entity: partnerEntity },
    );
    expect(screen.getByText('Lifecycle enablement')).toBeInTheDocument();
  });
});
