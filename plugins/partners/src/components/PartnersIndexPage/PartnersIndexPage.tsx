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
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Page,
  SupportButton,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  PARTNER_LIFECYCLE_STAGES,
  PARTNER_TYPES,
  RISK_TIERS,
  type ListPartnersRequest,
  type PartnerSummary,
} from '@partner-governance/plugin-partners-common';
import useDebounce from 'react-use/esm/useDebounce';
import { useUniqueId } from '../common/useUniqueId';
import { partnersApiRef } from '../../api';
import { FindingsByRule } from '../FindingsByRule';
import { PagedTable } from '../common/PagedTable';
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
import { PartnerSummaryTiles } from './PartnerSummaryTiles';

const PAGE_SIZE = 25;

type Filters = Pick<ListPartnersRequest, 'stage' | 'type' | 'tier' | 'owner'>;

const columns: TableColumn<PartnerSummary>[] = [
  {
    title: 'Partner',
    field: 'entityRef',
    render: row => (
      <EntityRefLink
        entityRef={row.entityRef}
        defaultKind="partner"
        title={row.title}
      />
    ),
  },
  { title: 'Type', field: 'type', render: row => humanize(row.type) },
  {
    title: 'Stage',
    field: 'stage',
    render: row => <StageChip stage={row.stage} />,
  },
  {
    title: 'Risk tier',
    field: 'tier',
    render: row => <RiskTierChip tier={row.tier} />,
  },
  {
    title: 'Owner',
    field: 'owner',
    render: row => <EntityRefLink entityRef={row.owner} defaultKind="group" />,
  },
  {
    title: 'Contract',
    field: 'contractEnd',
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
    title: 'Open findings',
    sorting: false,
    render: row => <SeverityChips counts={row.openFindings} />,
  },
];

function FilterSelect(props: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  onChange(value: string | undefined): void;
}) {
  const { label, value, options, onChange } = props;
  const id = useUniqueId('partners-filter');
  return (
    <TextField
      select
      id={id}
      label={label}
      SelectProps={{ displayEmpty: true }}
      InputLabelProps={{ shrink: true }}
      value={value ?? ''}
      onChange={e => onChange(e.target.value || undefined)}
      margin="dense"
      variant="outlined"
      fullWidth
    >
      <MenuItem value="">All</MenuItem>
      {options.map(option => (
        <MenuItem key={option} value={option}>
          {humanize(option)}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** The partners table with its server-side filters. */
export function PartnersTable() {
  const partnersApi = useApi(partnersApiRef);
  const [filters, setFilters] = useState<Filters>({});
  const [ownerInput, setOwnerInput] = useState('');
  const ownerId = useUniqueId('partners-filter-owner');
  useDebounce(
    () => setFilters(f => ({ ...f, owner: ownerInput.trim() || undefined })),
    400,
    [ownerInput],
  );
  const list = usePagedList(JSON.stringify(filters), cursor =>
    partnersApi.listPartners({
      ...Object.fromEntries(
        Object.entries(filters).filter(([, v]) => v !== undefined),
      ),
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    }),
  );
  const set = (key: keyof Filters) => (value: string | undefined) =>
    setFilters(f => ({ ...f, [key]: value }));

  return (
    <InfoCard title="Partners" noPadding>
      <Box px={2} pt={1}>
        <Grid container spacing={2}>
          <Grid item xs={12} sm={6} md={3}>
            <FilterSelect
              label="Stage"
              value={filters.stage}
              options={PARTNER_LIFECYCLE_STAGES}
              onChange={set('stage')}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={3}>
            <FilterSelect
              label="Type"
              value={filters.type}
              options={PARTNER_TYPES}
              onChange={set('type')}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={3}>
            <FilterSelect
              label="Risk tier"
              value={filters.tier}
              options={RISK_TIERS}
              onChange={set('tier')}
            />
          </Grid>
          <Grid item xs={12} sm={6} md={3}>
            <TextField
              id={ownerId}
              label="Owner"
              placeholder="group:default/partnerships"
              value={ownerInput}
              onChange={e => setOwnerInput(e.target.value)}
              margin="dense"
              variant="outlined"
              fullWidth
            />
          </Grid>
        </Grid>
      </Box>
      <PagedTable
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
 * contract and open findings (filtered and paged on the server), and the
 * findings grouped by rule with their framework ids.
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
