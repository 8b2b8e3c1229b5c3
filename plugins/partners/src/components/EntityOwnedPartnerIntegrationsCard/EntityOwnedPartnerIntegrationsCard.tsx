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
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import type { OwnerIntegrationItem } from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { humanize } from '../common/formatters';
import { PagedTable, type PagedTableColumn } from '../common/PagedTable';
import { PartnerStageTierChips } from '../common/PartnerStageTierChips';
import { SeverityChips } from '../common/SeverityChips';
import { usePagedList } from '../common/usePagedList';
import { useReviewLink } from '../common/useReviewLink';

/** Rows per server page (the backend allows up to 100). */
const PAGE_SIZE = 20;

const useStyles = makeStyles(theme => ({
  cell: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  },
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  overdue: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
}));

function IntegrationCell(props: { item: OwnerIntegrationItem }) {
  const { item } = props;
  const classes = useStyles();
  return (
    <div className={classes.cell}>
      <EntityRefLink
        entityRef={item.entityRef}
        defaultKind="partnerintegration"
      />
      <Typography variant="caption" color="textSecondary">
        {[humanize(item.type), item.environment].filter(Boolean).join(' · ')}
      </Typography>
    </div>
  );
}

function PartnerCell(props: { item: OwnerIntegrationItem }) {
  const { item } = props;
  const classes = useStyles();
  return (
    <div className={classes.cell}>
      <EntityRefLink entityRef={item.partner.entityRef} defaultKind="partner" />
      <PartnerStageTierChips
        stage={item.partner.stage}
        tier={item.partner.tier}
      />
    </div>
  );
}

function ReviewsCell(props: {
  item: OwnerIntegrationItem;
  reviewLink?: (reviewId: number) => string;
}) {
  const { item, reviewLink } = props;
  const { pending, overdue, pendingReviewId } = item.reviews;
  const classes = useStyles();
  if (pending === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        None pending
      </Typography>
    );
  }
  return (
    <div className={classes.cell}>
      <span className={classes.chips}>
        <Chip size="small" variant="outlined" label={`${pending} pending`} />
        {overdue > 0 && (
          <Chip
            size="small"
            variant="outlined"
            className={classes.overdue}
            label={`${overdue} overdue`}
          />
        )}
      </span>
      {reviewLink && pendingReviewId !== undefined && (
        <Link
          to={reviewLink(pendingReviewId)}
          aria-label={`Review the access of ${item.entityRef}`}
        >
          Review
        </Link>
      )}
    </div>
  );
}

/**
 * The partner integrations the current group owns, or the current user and
 * their groups own: partner stage and tier, identities, pending and overdue
 * reviews and open findings, one server page at a time.
 *
 * @public
 */
export function EntityOwnedPartnerIntegrationsCard(props: { title?: string }) {
  const { title = 'Partner integrations' } = props;
  const { entity } = useEntity();
  const partnersApi = useApi(partnersApiRef);
  const reviewLink = useReviewLink();
  const ownerRef = stringifyEntityRef(entity);
  const name = entity.metadata.title ?? entity.metadata.name;
  const [owners, setOwners] = useState<string[]>([]);

  const list = usePagedList<OwnerIntegrationItem>(ownerRef, async cursor => {
    const page = await partnersApi.listOwnerIntegrations(ownerRef, {
      cursor,
      limit: PAGE_SIZE,
    });
    setOwners(page.owners);
    return page;
  });

  if (list.error) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={list.error} />
      </InfoCard>
    );
  }
  if (list.loading && list.items.length === 0) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (list.items.length === 0 && list.pageNumber === 1) {
    return (
      <InfoCard title={title}>
        <Typography variant="body1">
          No partner integrations are owned by {name}
          {entity.kind.toLocaleLowerCase('en-US') === 'user'
            ? ' or their groups'
            : ''}
          .
        </Typography>
      </InfoCard>
    );
  }

  const columns: PagedTableColumn<OwnerIntegrationItem>[] = [
    {
      title: 'Integration',
      render: item => <IntegrationCell item={item} />,
    },
    {
      title: 'Partner',
      render: item => <PartnerCell item={item} />,
    },
    {
      title: 'Identities',
      render: item => (
        <Typography variant="body2">
          {item.identities.active} active of {item.identities.total}
        </Typography>
      ),
    },
    {
      title: 'Reviews',
      render: item => <ReviewsCell item={item} reviewLink={reviewLink} />,
    },
    {
      title: 'Open findings',
      render: item => <SeverityChips counts={item.openFindings} />,
    },
  ];

  const others = owners.filter(owner => owner !== ownerRef);
  const subtitle =
    others.length > 0
      ? `Owned by ${name} and ${
          others.length === 1 ? 'a group' : `${others.length} groups`
        } they belong to`
      : `Owned by ${name}`;

  return (
    <InfoCard title={title} subheader={subtitle} noPadding>
      <PagedTable<OwnerIntegrationItem>
        rowKey={row => row.entityRef}
        itemsLabel="partner integrations"
        columns={columns}
        list={list}
        emptyContent={
          <Box p={2}>
            <Typography variant="body2">
              No more partner integrations.
            </Typography>
          </Box>
        }
      />
    </InfoCard>
  );
}
