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

import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { PagedTable, type PagedTableColumn } from './PagedTable';
import type { PagedList } from './usePagedList';

interface Row {
  id: number;
  name: string;
  note?: string;
}

const columns: PagedTableColumn<Row>[] = [
  { title: 'Name', field: 'name' },
  { title: 'Note', field: 'note' },
  { title: 'Shout', render: row => row.name.toLocaleUpperCase('en-US') },
];

function list(overrides: Partial<PagedList<Row>> = {}): PagedList<Row> {
  return {
    items: [],
    loading: false,
    pageNumber: 1,
    hasNext: false,
    hasPrevious: false,
    next: jest.fn(),
    previous: jest.fn(),
    retry: jest.fn(),
    ...overrides,
  };
}

function renderTable(pagedList: PagedList<Row>) {
  return renderInTestApp(
    <PagedTable
      itemsLabel="things"
      columns={columns}
      list={pagedList}
      rowKey={row => row.id}
      emptyContent={<p>Nothing here</p>}
    />,
  );
}

const rows: Row[] = [
  { id: 1, name: 'alpha', note: 'first' },
  { id: 2, name: 'beta' },
];

describe('PagedTable', () => {
  it('shows a progress bar while the first page loads', async () => {
    await renderTable(list({ loading: true }));
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the error of a page that failed', async () => {
    await renderTable(list({ error: new Error('backend down') }));
    expect(
      screen.getByText('Error: backend down', { selector: 'h6' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the empty content when the first page is empty', async () => {
    await renderTable(list());
    expect(screen.getByText('Nothing here')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });

  it('draws one row per item with fields and rendered cells', async () => {
    await renderTable(list({ items: rows }));
    const table = screen.getByRole('table', { name: 'things' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(cell => cell.textContent),
    ).toEqual(['Name', 'Note', 'Shout']);
    const bodyRows = within(table).getAllByRole('row').slice(1);
    expect(bodyRows.map(row => row.textContent)).toEqual([
      'alphafirstALPHA',
      'betaBETA',
    ]);
  });

  it('keeps the current page on screen, marked busy, while the next one loads', async () => {
    const { rerender } = await renderTable(list({ items: rows }));
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    rerender(
      <PagedTable
        itemsLabel="things"
        columns={columns}
        list={list({ items: rows, loading: true, pageNumber: 2 })}
        rowKey={row => row.id}
        emptyContent={<p>Nothing here</p>}
      />,
    );
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
    expect(screen.getByText('alpha').closest('[aria-busy]')).toHaveAttribute(
      'aria-busy',
      'true',
    );
  });

  it('pages with the pager, whose buttons follow the list', async () => {
    const next = jest.fn();
    const previous = jest.fn();
    await renderTable(
      list({ items: rows, hasNext: true, pageNumber: 1, next, previous }),
    );
    const pager = screen.getByRole('navigation', { name: 'Pages of things' });
    expect(within(pager).getByText('Page 1')).toBeInTheDocument();
    expect(
      within(pager).getByRole('button', { name: 'Previous page' }),
    ).toBeDisabled();
    fireEvent.click(within(pager).getByRole('button', { name: 'Next page' }));
    expect(next).toHaveBeenCalledTimes(1);
    expect(previous).not.toHaveBeenCalled();
  });
});
