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

import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  RULES,
  type PartnerIdentityItem,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import { DateWithAge } from './DateCells';
import { humanize, NONE } from './formatters';
import { DriftCell, ObservedCell } from './ObservationCells';
import { PagedTable, type PagedTableColumn } from './PagedTable';
import { ScopeChips } from './ScopeChips';
import { SeverityChip } from './SeverityChips';
import type { PagedList } from './usePagedList';

/** Identities per server page: a table never holds more rows than this. */
export const IDENTITIES_PAGE_SIZE = 50;

/** What the table knows about an identity's integration. */
export interface IdentityIntegration {
  title?: string;
  /** The integration owner: the custodian when the identity names none. */
  owner?: string;
}

function hasRule(row: PartnerIdentityItem, ruleId: RuleId): boolean {
  return row.openFindings.includes(ruleId);
}

function ruleTitle(ruleId: string): string {
  return RULES[ruleId as RuleId]?.title ?? ruleId;
}

function FindingChips(props: { row: PartnerIdentityItem }) {
  const { row } = props;
  if (row.openFindings.length === 0 && row.acceptedRisks.length === 0) {
    return <>{NONE}</>;
  }
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {row.openFindings.map(ruleId => (
        <SeverityChip
          key={ruleId}
          severity={RULES[ruleId as RuleId]?.severity ?? 'medium'}
          label={ruleTitle(ruleId)}
        />
      ))}
      {row.acceptedRisks.map(ruleId => (
        <SeverityChip
          key={`accepted-${ruleId}`}
          severity="low"
          label={`${ruleTitle(ruleId)} (accepted risk)`}
        />
      ))}
    </Box>
  );
}

/** Props of {@link IdentitiesTable}. */
interface IdentitiesTableProps {
  /** One server page of `GET /partners/{ref}/identities`. */
  list: PagedList<PartnerIdentityItem>;
  /** Titles and owners of the integrations, by lower-case entity ref. */
  integrations?: ReadonlyMap<string, IdentityIntegration>;
  /** Show the integration column (on a partner page). */
  showIntegration?: boolean;
  emptyContent: ReactNode;
}

/**
 * Non-human identities with their scopes against the access package,
 * custodian, last use, rotation age, expiry, status, what their identity
 * source last observed of them (status, last use, scopes the declaration does
 * not list) and the rules of their open findings (accepted risks marked), one
 * server page at a time.
 */
export function IdentitiesTable(props: IdentitiesTableProps) {
  const { list, integrations, showIntegration, emptyContent } = props;
  const integrationOf = (row: PartnerIdentityItem) =>
    integrations?.get(row.integrationRef.toLocaleLowerCase('en-US'));
  const columns: PagedTableColumn<PartnerIdentityItem>[] = [];
  if (showIntegration) {
    columns.push({
      title: 'Integration',
      render: row => (
        <EntityRefLink
          entityRef={row.integrationRef}
          defaultKind="PartnerIntegration"
          title={integrationOf(row)?.title}
        />
      ),
    });
  }
  columns.push(
    { title: 'Identity', field: 'name' },
    { title: 'Type', render: row => humanize(row.type) },
    {
      title: 'Scopes',
      render: row => {
        const outside =
          hasRule(row, 'identity-overprivileged') ||
          row.acceptedRisks.includes('identity-overprivileged');
        return (
          <Box>
            <ScopeChips scopes={row.scopes} privileged={row.privileged} />
            <Typography
              variant="caption"
              component="div"
              color={outside ? 'error' : 'textSecondary'}
            >
              {row.accessPackage
                ? `${outside ? 'Outside' : 'Within'} package ${
                    row.accessPackage
                  }`
                : 'No access package'}
            </Typography>
          </Box>
        );
      },
    },
    {
      title: 'Custodian',
      render: row => {
        const custodian = row.custodian ?? integrationOf(row)?.owner;
        return custodian ? (
          <EntityRefLink entityRef={custodian} defaultKind="group" />
        ) : (
          NONE
        );
      },
    },
    {
      title: 'Last used',
      render: row => (
        <DateWithAge
          date={row.lastUsed}
          flagged={hasRule(row, 'identity-dormant')}
        />
      ),
    },
    {
      title: 'Rotation age',
      render: row =>
        row.rotationAgeDays === undefined ? (
          NONE
        ) : (
          <Typography
            variant="body2"
            component="span"
            color={
              hasRule(row, 'identity-rotation-overdue') ? 'error' : 'inherit'
            }
          >
            {`${row.rotationAgeDays} days`}
          </Typography>
        ),
    },
    {
      title: 'Expires',
      render: row => (
        <DateWithAge
          date={row.expires}
          flagged={
            hasRule(row, 'identity-expired-active') ||
            hasRule(row, 'identity-no-expiry')
          }
        />
      ),
    },
    { title: 'Status', render: row => humanize(row.status) },
    {
      title: 'Observed',
      render: row => (
        <ObservedCell
          observation={row.observation}
          declaredStatus={row.status}
        />
      ),
    },
    {
      title: 'Drift',
      render: row => <DriftCell observation={row.observation} />,
    },
    {
      title: 'Findings',
      render: row => <FindingChips row={row} />,
    },
  );
  return (
    <PagedTable
      rowKey={row => `${row.integrationRef} ${row.name}`}
      itemsLabel="identities"
      columns={columns}
      list={list}
      emptyContent={emptyContent}
    />
  );
}
