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

import { useState } from 'react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { EmptyState, InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  ListReviewsRequest,
  ReviewSummary,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { formatDate, formatDateTime, humanize, NONE } from './formatters';
import { PagedTable, type PagedTableColumn } from './PagedTable';
import { usePagedList } from './usePagedList';
import { useReviewLink } from './useReviewLink';
import { useUniqueId } from './useUniqueId';

/** Reviews per server page. */
const PAGE_SIZE = 25;

/** The review status filter: pending reviews, or every review. */
type StatusFilter = 'pending' | 'all';

function statusText(review: ReviewSummary): string {
  if (review.status === 'pending') {
    return review.overdue
      ? `Overdue, due ${formatDate(review.dueAt)}`
      : `Pending, due ${formatDate(review.dueAt)}`;
  }
  return humanize(review.status);
}

/** Props of {@link ReviewsTable}. */
interface ReviewsTableProps {
  /** The server-side filter: a partner's or an integration's reviews. */
  filter: Pick<ListReviewsRequest, 'partner' | 'integration'>;
  /** Show the integration column (on a partner page). */
  showIntegration?: boolean;
  title?: string;
}

/**
 * Access reviews of a partner or an integration (`GET /reviews?partner=` or
 * `?integration=`), by due date and paged on the server, pending only or
 * all; each links to the review on the reviews page when the app mounts it.
 */
export function ReviewsTable(props: ReviewsTableProps) {
  const { filter, showIntegration, title = 'Access reviews' } = props;
  const partnersApi = useApi(partnersApiRef);
  const reviewLink = useReviewLink();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const statusId = useUniqueId('partners-reviews-status');
  const list = usePagedList(JSON.stringify({ filter, status }), cursor =>
    partnersApi.listReviews({
      ...filter,
      ...(status === 'pending' ? { status } : {}),
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    }),
  );

  const columns: PagedTableColumn<ReviewSummary>[] = [
    {
      title: 'Review',
      render: row =>
        reviewLink ? (
          <Link
            to={reviewLink(row.id)}
            aria-label={`Open review ${row.id} of ${row.integrationRef}`}
          >
            #{row.id}
          </Link>
        ) : (
          `#${row.id}`
        ),
    },
  ];
  if (showIntegration) {
    columns.push({
      title: 'Integration',
      render: row => (
        <EntityRefLink
          entityRef={row.integrationRef}
          defaultKind="PartnerIntegration"
        />
      ),
    });
  }
  columns.push(
    {
      title: 'Assignee',
      render: row => (
        <EntityRefLink entityRef={row.assignee} defaultKind="group" />
      ),
    },
    {
      title: 'Status',
      render: row => (
        <Typography
          variant="body2"
          component="span"
          color={row.overdue ? 'error' : 'inherit'}
        >
          {statusText(row)}
        </Typography>
      ),
    },
    {
      title: 'Opened',
      render: row => formatDate(row.openedAt),
    },
    {
      title: 'Decision',
      render: row => {
        if (!row.decidedAt) {
          return NONE;
        }
        return (
          <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
            {`${formatDateTime(row.decidedAt)} by ${row.decidedBy ?? NONE}`}
            {row.revokedIdentities?.length
              ? `, revoked ${row.revokedIdentities.join(', ')}`
              : ''}
            {row.comment ? `: ${row.comment}` : ''}
          </Typography>
        );
      },
    },
  );

  return (
    <InfoCard title={title} noPadding>
      <Box px={2} pt={1}>
        <TextField
          select
          id={statusId}
          label="Status"
          value={status}
          onChange={e => setStatus(e.target.value as StatusFilter)}
          margin="dense"
          style={{ minWidth: 160 }}
        >
          <MenuItem value="pending">Pending</MenuItem>
          <MenuItem value="all">All</MenuItem>
        </TextField>
      </Box>
      <PagedTable
        rowKey={row => row.id}
        itemsLabel="access reviews"
        columns={columns}
        list={list}
        emptyContent={
          <EmptyState
            missing="data"
            title={status === 'pending' ? 'No pending reviews' : 'No reviews'}
            description={
              status === 'pending'
                ? 'No access review is waiting for a decision.'
                : 'No access review has been opened yet.'
            }
          />
        }
      />
    </InfoCard>
  );
}
