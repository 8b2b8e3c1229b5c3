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

import type { ApiHolder } from '@backstage/core-plugin-api';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { partnersApiRef } from '../../api';
import { mockPartnersApi } from '../common/__testUtils__/fixtures';
import {
  AccessPackagePicker,
  validateAccessPackage,
} from './AccessPackagePicker';
import { ScopePicker, validateScopes } from './ScopePicker';

// Rendering MUI in jsdom is slow on shared CI cores.
jest.setTimeout(30_000);

const PACKAGES = {
  items: [
    {
      name: 'orders-read',
      description: 'Read orders.',
      scopes: ['orders:read', 'order-events:subscribe'],
      environments: ['production' as const],
      privileged: false,
      supportChannels: [],
    },
    {
      name: 'sandbox-full',
      scopes: ['sandbox:*'],
      environments: [],
      privileged: false,
      supportChannels: [],
    },
  ],
};

const api = mockPartnersApi({ listAccessPackages: async () => PACKAGES });
const apiHolder: ApiHolder = {
  get: ref => (ref.id === partnersApiRef.id ? (api as any) : undefined),
};

/** The props the scaffolder form gives a field, as far as these use them. */
function fieldProps(overrides: Record<string, unknown> = {}): any {
  return {
    onChange: jest.fn(),
    required: true,
    rawErrors: [],
    schema: { title: 'Access package', description: 'Pick one.' },
    uiSchema: {},
    idSchema: { $id: 'root_accessPackage' },
    formContext: { formData: {} },
    ...overrides,
  };
}

const render = (element: ReactElement, partnersApi = api) =>
  renderInTestApp(
    <TestApiProvider apis={[[partnersApiRef, partnersApi]]}>
      {element}
    </TestApiProvider>,
  );

/** A field validation that collects its errors. */
function collector() {
  const errors: string[] = [];
  return { errors, validation: { addError: (e: string) => errors.push(e) } };
}

describe('AccessPackagePicker', () => {
  it("offers the policy's packages and says what the chosen one grants", async () => {
    const props = fieldProps({ formData: 'orders-read' });
    await render(<AccessPackagePicker {...props} />);
    expect(
      await screen.findByText(
        'Read orders. Grants orders:read, order-events:subscribe in production.',
      ),
    ).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByRole('button', { name: /orders-read/ }));
    const options = within(await screen.findByRole('listbox'));
    expect(options.getAllByRole('option').map(o => o.textContent)).toEqual([
      'orders-read',
      'sandbox-full',
    ]);
    fireEvent.click(options.getByRole('option', { name: 'sandbox-full' }));
    expect(props.onChange).toHaveBeenCalledWith('sandbox-full');
  });

  it('says when the packages cannot be listed', async () => {
    const failing = mockPartnersApi({
      listAccessPackages: async () => {
        throw new Error('backend down');
      },
    });
    await render(<AccessPackagePicker {...fieldProps()} />, failing);
    expect(
      await screen.findByText('Cannot list the access packages: backend down'),
    ).toBeInTheDocument();
  });

  it('refuses a package the policy does not define', async () => {
    const { errors, validation } = collector();
    const context = { apiHolder, formData: {}, schema: {} };
    await validateAccessPackage('orders-read', validation as any, context);
    expect(errors).toEqual([]);
    await validateAccessPackage('everything', validation as any, context);
    expect(errors).toEqual([
      'The policy defines no access package "everything"; choose one of orders-read, sandbox-full',
    ]);
  });
});

describe('ScopePicker', () => {
  const scopeProps = (formData: string[], accessPackage?: string) =>
    fieldProps({
      formData,
      schema: { title: 'Scopes' },
      formContext: { formData: { accessPackage } },
    });

  it('asks for the access package first', async () => {
    await render(<ScopePicker {...scopeProps([])} />);
    expect(
      await screen.findByText('Choose the access package first.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
  });

  it("offers the chosen package's scopes only", async () => {
    const props = scopeProps(['orders:read'], 'orders-read');
    await render(<ScopePicker {...props} />);
    const read = await screen.findByRole('checkbox', { name: 'orders:read' });
    expect(read).toBeChecked();
    expect(
      screen.getAllByRole('checkbox').map(c => c.closest('label')?.textContent),
    ).toEqual(['orders:read', 'order-events:subscribe']);

    fireEvent.click(
      screen.getByRole('checkbox', { name: 'order-events:subscribe' }),
    );
    expect(props.onChange).toHaveBeenLastCalledWith([
      'orders:read',
      'order-events:subscribe',
    ]);
    fireEvent.click(read);
    expect(props.onChange).toHaveBeenLastCalledWith([]);
  });

  it('shows scopes the package no longer grants after it changed', async () => {
    await render(
      <ScopePicker {...scopeProps(['orders:read'], 'sandbox-full')} />,
    );
    expect(
      await screen.findByText(
        'Outside access package "sandbox-full": orders:read',
      ),
    ).toBeInTheDocument();
  });

  it('refuses scopes outside the package, for one list or every identity', async () => {
    const context = (accessPackage?: string) => ({
      apiHolder,
      formData: { accessPackage },
      schema: {},
    });
    let { errors, validation } = collector();
    await validateScopes(
      ['sandbox:admin', 'sandbox:reset'],
      validation as any,
      context('sandbox-full'),
    );
    expect(errors).toEqual([]);

    ({ errors, validation } = collector());
    await validateScopes(
      [
        { name: 'a', scopes: ['orders:read'] },
        { name: 'b', scopes: ['orders:write', 'orders:read'] },
      ] as any,
      validation as any,
      context('orders-read'),
    );
    expect(errors).toEqual([
      'Outside access package "orders-read": orders:write',
    ]);

    ({ errors, validation } = collector());
    await validateScopes(['orders:read'], validation as any, context());
    expect(errors).toEqual(['Choose the access package before the scopes']);
  });
});
