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
import {
  PARTNER_LIFECYCLE_STAGES,
  PARTNER_TYPES,
  RISK_TIERS,
} from '@partner-governance/plugin-partners-common';
import useDebounce from 'react-use/esm/useDebounce';
import { useUniqueId } from '../common/useUniqueId';
import { humanize } from '../common/formatters';
import {
  FILTER_KEYS,
  filtersSearch,
  parseFilters,
  type PartnerFilters,
} from './partnerFilters';

/** Choices of the contract filter, in days. */
const CONTRACT_DAYS = [30, 90, 180, 365];

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
export function useUrlFilters() {
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
export const PartnerFilterBar = memo(function FilterBar(props: {
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
