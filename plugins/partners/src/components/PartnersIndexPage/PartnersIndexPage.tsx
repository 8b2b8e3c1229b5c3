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

import { useMemo } from 'react';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Link,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  humanizeEntityRef,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import type { PartnerSummary } from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { FindingsByRule } from '../FindingsByRule';
import { PagedTable, type PagedTableColumn } from '../common/PagedTable';
import { RiskTierChip } from '../common/PartnerStageTierChips';
import { SeverityChips } from '../common/SeverityChips';
import { StageChip } from '../common/StageChip';
import {
  daysUntil,
  formatDate,
  humanize,
  NONE,
  relativeDays,
} from '../common/formatters';
import { usePagedList } from '../common/usePagedList';
import { PartnerFilterBar, useUrlFilters } from './PartnerFilterBar';
import { PartnerRegisterCard } from './PartnerRegisterCard';
import { PartnerSummaryTiles } from './PartnerSummaryTiles';

const PAGE_SIZE = 25;

/**
 * The columns of the partner index. Links take the entity path from one route
 * lookup per table: an `EntityRefLink` per cell resolves the route for each
 * link, which made up a quarter of drawing a page of partners.
 */
function partnerColumns(
  entityPath: (entityRef: string) => string,
): PagedTableColumn<PartnerSummary>[] {
  return [
    {
      title: 'Partner',
      render: row => (
        <Link to={entityPath(row.entityRef)}>
          {row.title ??
            humanizeEntityRef(parseEntityRef(row.entityRef), {
              defaultKind: 'partner',
            })}
        </Link>
      ),
    },
    { title: 'Type', render: row => humanize(row.type) },
    {
      title: 'Stage',
      render: row => <StageChip stage={row.stage} />,
    },
    {
      title: 'Risk tier',
      render: row => <RiskTierChip tier={row.tier} />,
    },
    {
      title: 'Owner',
      render: row => (
        <Link to={entityPath(row.owner)}>
          {humanizeEntityRef(parseEntityRef(row.owner), {
            defaultKind: 'group',
          })}
        </Link>
      ),
    },
    {
      title: 'Contract',
      render: row => {
        if (!row.contractEnd && !row.contractStatus) {
          return NONE;
        }
        const days = daysUntil(row.contractEnd);
        return (
          <>
            {humanize(row.contractStatus)}
            {row.contractEnd &&
              `, ends ${formatDate(row.contractEnd)} (${relativeDays(days)})`}
          </>
        );
      },
    },
    {
      title: 'Reviews',
      render: ({ reviews }) =>
        reviews.pending === 0 ? (
          NONE
        ) : (
          <Typography
            variant="body2"
            component="span"
            color={reviews.overdue > 0 ? 'error' : 'inherit'}
          >
            {`${reviews.pending} pending`}
            {reviews.overdue > 0 && `, ${reviews.overdue} overdue`}
          </Typography>
        ),
    },
    {
      title: 'Open findings',
      render: row => <SeverityChips counts={row.openFindings} />,
    },
    {
      title: 'Undeclared identities',
      render: row =>
        row.undeclaredIdentities ? (
          <Tooltip title="Active identities the identity sources attribute to the partner that no integration declares">
            <Typography variant="body2" component="span" color="error">
              {`${row.undeclaredIdentities} undeclared`}
            </Typography>
          </Tooltip>
        ) : (
          NONE
        ),
    },
  ];
}

/**
 * The partners table with its server-side filters (stage, type, tier, owner,
 * overdue reviews, critical findings, contract end), reflected in the URL.
 */
function PartnersTable() {
  const partnersApi = useApi(partnersApiRef);
  const [filters, setFilters] = useUrlFilters();
  const entityPath = useEntityRefLink();
  const columns = useMemo(() => partnerColumns(entityPath), [entityPath]);
  const list = usePagedList(JSON.stringify(filters), cursor =>
    partnersApi.listPartners({
      ...filters,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    }),
  );
  return (
    <InfoCard title="Partners" noPadding>
      <PartnerFilterBar filters={filters} setFilters={setFilters} />
      <PagedTable
        rowKey={row => row.entityRef}
        itemsLabel="partners"
        columns={columns}
        list={list}
        emptyContent={
          <EmptyState
            missing="data"
            title="No partners"
            description="No Partner in the catalog matches these filters."
          />
        }
      />
    </InfoCard>
  );
}

/**
 * The partner index: summary tiles, the partners with their stage, tier,
 * contract, reviews, open findings and undeclared identities (filtered and
 * paged on the server, the filters in the URL), and the findings grouped by
 * rule with their framework ids and counts.
 */
export function PartnersIndexPage() {
  return (
    <Page themeId="tool">
      <Header title="Partners" subtitle="Partner programme governance" />
      <Content>
        <ContentHeader title="Programme overview">
          <SupportButton>
            Partners, their lifecycle, the non-human identities they hold and
            the findings of the governance rules.
          </SupportButton>
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <PartnerSummaryTiles />
          </Grid>
          <Grid item xs={12}>
            <PartnerRegisterCard />
          </Grid>
          <Grid item xs={12}>
            <PartnersTable />
          </Grid>
          <Grid item xs={12}>
            <FindingsByRule />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
