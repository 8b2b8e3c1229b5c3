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

import { memo, type ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import type { PagedList } from './usePagedList';

const useStyles = makeStyles({
  // The theme lets table cells break words anywhere, so the browser squeezes
  // short columns until "active" reads "act ive"; break only a word that
  // does not fit on a line of its own.
  cell: { wordBreak: 'normal', overflowWrap: 'break-word' },
  root: { position: 'relative' },
  progress: { position: 'absolute', top: 0, left: 0, right: 0 },
});

/** A column of a {@link PagedTable}. */
export interface PagedTableColumn<T> {
  title: string;
  /** The field shown when there is no `render`. */
  field?: keyof T & string;
  render?: (row: T) => ReactNode;
}

/** Props of {@link PagedTable}. */
interface PagedTableProps<T> {
  /** A label for the pager and the table, e.g. "audit events". */
  itemsLabel: string;
  columns: PagedTableColumn<T>[];
  list: PagedList<T>;
  /** A key that tells the rows of a page apart. */
  rowKey: (row: T) => string | number;
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

function cellContent<T>(column: PagedTableColumn<T>, row: T): ReactNode {
  if (column.render) {
    return column.render(row);
  }
  const value = column.field === undefined ? undefined : row[column.field];
  return value === undefined || value === null ? '' : String(value);
}

interface RowsProps<T> {
  columns: PagedTableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string | number;
}

function Rows<T>(props: RowsProps<T>) {
  const { columns, rows, rowKey } = props;
  const classes = useStyles();
  return (
    <TableBody>
      {rows.map(row => (
        <TableRow key={rowKey(row)} hover>
          {columns.map(column => (
            <TableCell key={column.title} className={classes.cell}>
              {cellContent(column, row)}
            </TableCell>
          ))}
        </TableRow>
      ))}
    </TableBody>
  );
}

// The rows of a page are drawn again only when the page or the columns
// change, not when the next page starts loading.
const MemoRows = memo(
  Rows,
  (before, after) =>
    before.rows === after.rows && before.columns === after.columns,
) as typeof Rows;

/**
 * A table over one server page of a cursor-paged list, with loading, error
 * and empty states and a pager. A plain table: one page is at most a hundred
 * rows, so it needs neither client-side sorting nor virtualisation, and
 * moving between pages draws only the rows of the new page.
 */
export function PagedTable<T>(props: PagedTableProps<T>) {
  const { itemsLabel, columns, list, rowKey, emptyContent } = props;
  const classes = useStyles();
  if (list.error) {
    return <ResponseErrorPanel error={list.error} />;
  }
  if (list.loading && list.items.length === 0) {
    return <Progress />;
  }
  return (
    <div className={classes.root} aria-busy={list.loading}>
      {/* Always mounted, shown while a page loads: mounting it on each
          switch would add and remove its style sheet, and the browser would
          restyle the whole page twice per switch. */}
      <LinearProgress
        className={classes.progress}
        style={{ visibility: list.loading ? 'visible' : 'hidden' }}
        aria-label={`Loading ${itemsLabel}`}
      />
      {list.items.length === 0 ? (
        emptyContent
      ) : (
        <TableContainer>
          <Table size="small" aria-label={itemsLabel}>
            <TableHead>
              <TableRow>
                {columns.map(column => (
                  <TableCell key={column.title} className={classes.cell}>
                    {column.title}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <MemoRows columns={columns} rows={list.items} rowKey={rowKey} />
          </Table>
        </TableContainer>
      )}
      <CursorPager list={list} itemsLabel={itemsLabel} />
    </div>
  );
}
