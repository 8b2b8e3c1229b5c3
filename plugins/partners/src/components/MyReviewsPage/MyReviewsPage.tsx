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

import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Chip,
  Grid,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type {
  ReviewDetails,
  ReviewSummary,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { formatDate } from '../common/formatters';
import { CursorPager } from '../common/PagedTable';
import { usePagedList } from '../common/usePagedList';
import { ReviewDetailsCard } from './ReviewDetailsCard';

/** Reviews per server page. */
const PAGE_SIZE = 25;

const useStyles = makeStyles(theme => ({
  overdue: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
    marginLeft: theme.spacing(1),
  },
  changed: {
    color: theme.palette.warning.main,
    borderColor: theme.palette.warning.main,
    marginLeft: theme.spacing(1),
  },
}));

/** `partnerintegration:default/acme-orders` → `acme-orders` (default namespace). */
function shortRef(ref: string): string {
  const [, rest = ref] = ref.split(':', 2);
  return rest.startsWith('default/') ? rest.slice('default/'.length) : rest;
}

function parseReviewId(value: string | null): number | undefined {
  if (!value || !/^\d+$/.test(value)) {
    return undefined;
  }
  return Number(value);
}

function ReviewList(props: { reviews: ReviewSummary[]; selectedId?: number }) {
  const { reviews, selectedId } = props;
  const classes = useStyles();
  return (
    <Table size="small" aria-label="Access reviews waiting for you">
      <TableHead>
        <TableRow>
          <TableCell>Integration</TableCell>
          <TableCell>Partner</TableCell>
          <TableCell>Due</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {reviews.map(review => {
          const selected = review.id === selectedId;
          return (
            <TableRow key={review.id} selected={selected}>
              <TableCell>
                <Link
                  to={`?review=${review.id}`}
                  aria-current={selected ? 'true' : undefined}
                  aria-label={`Open the review of ${review.integrationRef}`}
                >
                  {shortRef(review.integrationRef)}
                </Link>
              </TableCell>
              <TableCell>{shortRef(review.partnerRef)}</TableCell>
              <TableCell>
                {formatDate(review.dueAt)}
                {review.overdue && (
                  <Chip
                    size="small"
                    variant="outlined"
                    label="overdue"
                    className={classes.overdue}
                  />
                )}
                {(review.triggers?.length ?? 0) > 0 && (
                  <Tooltip title={review.dueReason ?? ''}>
                    <Chip
                      size="small"
                      variant="outlined"
                      label="changed"
                      className={classes.changed}
                    />
                  </Tooltip>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/**
 * The pending access reviews assigned to the signed-in user (or their
 * groups), one server page at a time; `?review=<id>` selects one and shows
 * it next to the list, where it can be decided.
 */
function MyReviewsContent() {
  const partnersApi = useApi(partnersApiRef);
  const alertApi = useApi(alertApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const selectedId = parseReviewId(searchParams.get('review'));

  const list = usePagedList<ReviewSummary>('me:pending', cursor =>
    partnersApi.listReviews({
      assignee: 'me',
      status: 'pending',
      cursor,
      limit: PAGE_SIZE,
    }),
  );
  const { retry } = list;

  const onDecided = useCallback(
    (decided: ReviewDetails) => {
      alertApi.post({
        message:
          decided.status === 'revoked'
            ? `Revoked ${
                decided.revokedIdentities?.length ?? 0
              } identities of ${decided.integrationRef}.`
            : `Attested the access of ${decided.integrationRef}.`,
        severity: 'success',
        display: 'transient',
      });
      setSearchParams(current => {
        const next = new URLSearchParams(current);
        next.delete('review');
        return next;
      });
      retry();
    },
    [alertApi, setSearchParams, retry],
  );

  let listContent;
  if (list.error) {
    listContent = <ResponseErrorPanel error={list.error} />;
  } else if (list.loading && list.items.length === 0) {
    listContent = <Progress />;
  } else if (list.items.length === 0) {
    listContent = (
      <>
        <Typography variant="body1">
          {list.hasPrevious
            ? 'No more access reviews.'
            : 'No access reviews are waiting for you.'}
        </Typography>
        <CursorPager list={list} itemsLabel="access reviews" />
      </>
    );
  } else {
    listContent = (
      <>
        <ReviewList reviews={list.items} selectedId={selectedId} />
        <CursorPager list={list} itemsLabel="access reviews" />
      </>
    );
  }

  return (
    <Grid container spacing={3} alignItems="flex-start">
      <Grid item xs={12} md={5} lg={4}>
        <InfoCard title="Pending reviews">{listContent}</InfoCard>
      </Grid>
      <Grid item xs={12} md={7} lg={8}>
        {selectedId === undefined ? (
          <InfoCard title="Review">
            <Typography variant="body2" color="textSecondary">
              Choose a review to see its identities, findings and changes, and
              to decide it.
            </Typography>
          </InfoCard>
        ) : (
          <ReviewDetailsCard
            key={selectedId}
            reviewId={selectedId}
            onDecided={onDecided}
          />
        )}
      </Grid>
    </Grid>
  );
}

/**
 * The "my reviews" page: access reviews assigned to the signed-in user,
 * decided in place.
 */
export function MyReviewsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="My access reviews"
        subtitle="Partner integrations your teams own, waiting for a decision"
      />
      <Content>
        <MyReviewsContent />
      </Content>
    </Page>
  );
}
