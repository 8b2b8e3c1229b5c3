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

import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
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
import {
  PARTNER_LIFECYCLE_STAGES,
  PARTNER_TYPES,
  RISK_TIERS,
  type PartnerSummary,
} from '@partner-governance/plugin-partners-common';
import useDebounce from 'react-use/esm/useDebounce';
import { useUniqueId } from '../common/useUniqueId';
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
import {
  FILTER_KEYS,
  filtersSearch,
  parseFilters,
  type PartnerFilters,
} from './partnerFilters';
import { PartnerSummaryTiles } from './PartnerSummaryTiles';

const PAGE_SIZE = 25;

/** Choices of the contract filter, in days. */
const CONTRACT_DAYS = [30, 90, 180, 365];

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
  ];
}

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

/**
 * The filters of the partners table, held in the URL query so that a
 * filtered list can be linked to.
 */
function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => parseFilters(params), [search]);
  const setFilters = useCallback(
    (update: (current: PartnerFilters) => PartnerFilters) =>
      setParams(
        current => {
          const next = new URLSearchParams(
            filtersSearch(update(parseFilters(current))),
          );
          // Keep the page's other query parameters.
          current.forEach((value, key) => {
            if (!(FILTER_KEYS as readonly string[]).includes(key)) {
              next.append(key, value);
            }
          });
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, setFilters] as const;
}

/**
 * The filters of the partners table. Drawn again only when the filters
 * change, not when the table moves between pages.
 */
const PartnerFilterBar = memo(function FilterBar(props: {
  filters: PartnerFilters;
  setFilters: (update: (current: PartnerFilters) => PartnerFilters) => void;
}) {
  const { filters, setFilters } = props;
  const [ownerInput, setOwnerInput] = useState(filters.owner ?? '');
  const ownerId = useUniqueId('partners-filter-owner');
  const contractId = useUniqueId('partners-filter-contract');
  // Follow the URL when it changes the owner (a link, back and forward).
  useEffect(() => {
    setOwnerInput(input =>
      input.trim() === (filters.owner ?? '') ? input : filters.owner ?? '',
    );
  }, [filters.owner]);
  useDebounce(
    () => {
      const owner = ownerInput.trim() || undefined;
      if (owner !== filters.owner) {
        setFilters(f => ({ ...f, owner }));
      }
    },
    400,
    [ownerInput],
  );
  const set =
    <K extends keyof PartnerFilters>(key: K) =>
    (value: PartnerFilters[K]) =>
      setFilters(f => ({ ...f, [key]: value }));
  const days = filters.contractEndsWithinDays;
  const dayChoices =
    days === undefined || CONTRACT_DAYS.includes(days)
      ? CONTRACT_DAYS
      : [...CONTRACT_DAYS, days].sort((a, b) => a - b);

  return (
    <Box px={2} pt={1}>
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={6} md={2}>
          <FilterSelect
            label="Stage"
            value={filters.stage}
            options={PARTNER_LIFECYCLE_STAGES}
            onChange={set('stage')}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={2}>
          <FilterSelect
            label="Type"
            value={filters.type}
            options={PARTNER_TYPES}
            onChange={set('type')}
          />
        </Grid>
        <Grid item xs={12} sm={6} md={2}>
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
        <Grid item xs={12} sm={6} md={3}>
          <TextField
            select
            id={contractId}
            label="Contract ends within"
            SelectProps={{ displayEmpty: true }}
            InputLabelProps={{ shrink: true }}
            value={days === undefined ? '' : String(days)}
            onChange={e =>
              set('contractEndsWithinDays')(
                e.target.value === '' ? undefined : Number(e.target.value),
              )
            }
            margin="dense"
            variant="outlined"
            fullWidth
          >
            <MenuItem value="">Any time</MenuItem>
            {dayChoices.map(choice => (
              <MenuItem key={choice} value={String(choice)}>
                {`${choice} days`}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <FormControlLabel
            control={
              <Checkbox
                checked={filters.hasOverdueReviews ?? false}
                onChange={e =>
                  set('hasOverdueReviews')(e.target.checked || undefined)
                }
              />
            }
            label="Has overdue reviews"
          />
        </Grid>
        <Grid item xs={12} sm={6} md={3}>
          <FormControlLabel
            control={
              <Checkbox
                checked={filters.hasCriticalFindings ?? false}
                onChange={e =>
                  set('hasCriticalFindings')(e.target.checked || undefined)
                }
              />
            }
            label="Has critical findings"
          />
        </Grid>
      </Grid>
    </Box>
  );
});

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
 * contract, reviews and open findings (filtered and paged on the server, the
 * filters in the URL), and the findings grouped by rule with their framework
 * ids and counts.
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
