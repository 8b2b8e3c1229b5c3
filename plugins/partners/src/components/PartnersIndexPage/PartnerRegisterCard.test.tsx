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

import { screen, waitFor } from '@testing-library/react';
import {
  mockPartnersApi,
  renderPartners,
} from '../common/__testUtils__/fixtures';
import { PartnerRegisterCard } from './PartnerRegisterCard';

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

describe('PartnerRegisterCard', () => {
  it('shows nothing when no register is configured', async () => {
    const api = mockPartnersApi({
      getPartnerRegister: async () => ({
        configured: false,
        rows: 0,
        rowErrors: 0,
        ungoverned: 0,
      }),
    });
    await renderPartners(<PartnerRegisterCard />, { api });
    await waitFor(() => expect(api.getPartnerRegister).toHaveBeenCalled());
    await waitFor(() =>
      expect(screen.queryByRole('progressbar')).not.toBeInTheDocument(),
    );
    expect(screen.queryByText('Partner register')).not.toBeInTheDocument();
  });

  it('shows when the register was read, what it refused and the partners no Partner governs', async () => {
    const api = mockPartnersApi({
      getPartnerRegister: async () => ({
        configured: true,
        format: 'csv',
        lastSuccessAt: '2026-11-28T09:00:05.000Z',
        rows: 21,
        rowErrors: 1,
        errors: [
          {
            row: 23,
            column: 'contract end',
            message: 'is not an ISO-8601 date',
          },
        ],
        ungoverned: 2,
      }),
    });
    await renderPartners(<PartnerRegisterCard />, { api });
    expect(await screen.findByText('Partner register')).toBeInTheDocument();
    expect(
      screen.getByText('Read 2026-11-28 09:00: 21 partners, 1 row refused.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Row 23, contract end is not an ISO-8601 date'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '2 partners in the register have no Partner entity (partner-ungoverned, under Findings by rule).',
      ),
    ).toBeInTheDocument();
  });

  it('says when the last read failed and the register before it stays', async () => {
    const api = mockPartnersApi({
      getPartnerRegister: async () => ({
        configured: true,
        format: 'json',
        lastSuccessAt: '2026-11-28T09:00:05.000Z',
        lastErrorAt: '2026-11-28T10:00:01.000Z',
        rows: 1,
        rowErrors: 0,
        ungoverned: 0,
      }),
    });
    await renderPartners(<PartnerRegisterCard />, { api });
    expect(
      await screen.findByText(
        'The last read of the register failed (2026-11-28 10:00); the register read before stays.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Every partner with a live contract in the register has a Partner entity.',
      ),
    ).toBeInTheDocument();
  });
});
