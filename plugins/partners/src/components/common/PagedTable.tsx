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

import type { ReactElement, ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import type { PagedList } from './usePagedList';

/** Props of {@link PagedTable}. */
export interface PagedTableProps<T extends object> {
  title?: string | ReactElement;
  /** A label for the pager, e.g. "audit events". */
  itemsLabel: string;
  columns: TableColumn<T>[];
  list: PagedList<T>;
  /** Shown when the first page is empty. */
  emptyContent: ReactNode;
}

/** Previous / next buttons of a cursor-paged list. */
export function CursorPager(props: {
  list: Pick<
    PagedList<unknown>,
    'pageNumber' | 'hasNext' | 'hasPrevious' | 'next' | 'previous'
  >;
  itemsLabel: string;
}) {
  const { list, itemsLabel } = props;
  if (!list.hasNext && !list.hasPrevious) {
    return null;
  }
  return (
    <Box
      component="nav"
      aria-label={`Pages of ${itemsLabel}`}
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      p={1}
    >
      <Typography variant="body2" color="textSecondary">
        Page {list.pageNumber}
      </Typography>
      <Box ml={1}>
        <Button
          size="small"
          onClick={list.previous}
          disabled={!list.hasPrevious}
        >
          Previous page
        </Button>
        <Button size="small" onClick={list.next} disabled={!list.hasNext}>
          Next page
        </Button>
      </Box>
    </Box>
  );
}

/**
 * A table over one server page of a cursor-paged list, with loading, error
 * and empty states and a pager.
 */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  const { title, itemsLabel, columns, list, emptyContent } = props;
  if (list.error) {
    return <ResponseErrorPanel error={list.error} />;
  }
  if (list.loading && list.items.length === 0) {
    return <Progress />;
  }
  return (
    <>
      <Table<T>
        title={title}
        columns={columns}
        data={list.items}
        isLoading={list.loading}
        options={{ paging: false, search: false, padding: 'dense' }}
        emptyContent={emptyContent}
      />
      <CursorPager list={list} itemsLabel={itemsLabel} />
    </>
  );
}
