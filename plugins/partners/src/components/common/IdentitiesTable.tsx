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

import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  identityStatus,
  RULES,
  type FindingRecord,
  type PartnerIdentity,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import {
  daysSince,
  formatDate,
  humanize,
  NONE,
  relativeDays,
} from './formatters';
import { ScopeChips } from './ScopeChips';
import { SeverityChip } from './SeverityChips';

/** One identity of an integration, with its open findings. */
export interface IdentityRow {
  integrationRef: string;
  integrationTitle?: string;
  /** The integration owner: the custodian when the identity names none. */
  integrationOwner: string;
  accessPackage?: string;
  identity: PartnerIdentity;
  /** Open findings about this identity. */
  findings: FindingRecord[];
}

/**
 * Joins the identities of integration entities with the open findings about
 * them (matched on integration ref and identity name).
 */
export function identityRows(
  integrations: Array<{
    entityRef: string;
    title?: string;
    owner: string;
    accessPackage?: string;
    identities?: PartnerIdentity[];
  }>,
  findings: FindingRecord[],
): IdentityRow[] {
  return integrations.flatMap(integration =>
    (integration.identities ?? []).map(identity => ({
      integrationRef: integration.entityRef,
      integrationTitle: integration.title,
      integrationOwner: integration.owner,
      accessPackage: integration.accessPackage,
      identity,
      findings: findings.filter(
        f =>
          f.entityRef.toLocaleLowerCase('en-US') ===
            integration.entityRef.toLocaleLowerCase('en-US') &&
          f.identity === identity.name,
      ),
    })),
  );
}

function hasFinding(row: IdentityRow, ruleId: RuleId): boolean {
  return row.findings.some(f => f.ruleId === ruleId);
}

function DateWithAge(props: { date?: string; flagged?: boolean }) {
  const { date, flagged } = props;
  if (!date) {
    return <>{NONE}</>;
  }
  const age = daysSince(date);
  return (
    <Typography
      variant="body2"
      component="span"
      color={flagged ? 'error' : 'inherit'}
    >
      {formatDate(date)}
      {age !== undefined && (
        <Typography variant="caption" component="div" color="textSecondary">
          {relativeDays(-age)}
        </Typography>
      )}
    </Typography>
  );
}

/** Props of {@link IdentitiesTable}. */
export interface IdentitiesTableProps {
  rows: IdentityRow[];
  /** Show the integration column (on a partner page). */
  showIntegration?: boolean;
  title?: string;
}

/**
 * Non-human identities with their scopes against the access package,
 * custodian, last use, rotation age, expiry, status and open findings. Pages
 * in the table, 20 rows at a time.
 */
export function IdentitiesTable(props: IdentitiesTableProps) {
  const { rows, showIntegration, title = 'Identities' } = props;
  const columns: TableColumn<IdentityRow>[] = [];
  if (showIntegration) {
    columns.push({
      title: 'Integration',
      field: 'integrationRef',
      render: row => (
        <EntityRefLink
          entityRef={row.integrationRef}
          defaultKind="PartnerIntegration"
          title={row.integrationTitle}
        />
      ),
    });
  }
  columns.push(
    { title: 'Identity', field: 'identity.name' },
    {
      title: 'Type',
      field: 'identity.type',
      render: row => humanize(row.identity.type),
    },
    {
      title: 'Scopes',
      sorting: false,
      render: row => (
        <Box>
          <ScopeChips
            scopes={row.identity.scopes ?? []}
            privileged={row.identity.privileged}
          />
          <Typography
            variant="caption"
            component="div"
            color={
              hasFinding(row, 'identity-overprivileged')
                ? 'error'
                : 'textSecondary'
            }
          >
            {row.accessPackage
              ? `${
                  hasFinding(row, 'identity-overprivileged')
                    ? 'Outside'
                    : 'Within'
                } package ${row.accessPackage}`
              : 'No access package'}
          </Typography>
        </Box>
      ),
    },
    {
      title: 'Custodian',
      sorting: false,
      render: row => (
        <EntityRefLink
          entityRef={row.identity.custodian ?? row.integrationOwner}
          defaultKind="group"
        />
      ),
    },
    {
      title: 'Last used',
      field: 'identity.lastUsed',
      render: row => (
        <DateWithAge
          date={row.identity.lastUsed}
          flagged={hasFinding(row, 'identity-dormant')}
        />
      ),
    },
    {
      title: 'Rotation age',
      sorting: false,
      render: row => {
        const since = row.identity.lastRotated ?? row.identity.issued;
        const age = daysSince(since);
        if (age === undefined) {
          return NONE;
        }
        return (
          <Typography
            variant="body2"
            component="span"
            color={
              hasFinding(row, 'identity-rotation-overdue') ? 'error' : 'inherit'
            }
          >
            {`${age} days`}
          </Typography>
        );
      },
    },
    {
      title: 'Expires',
      field: 'identity.expires',
      render: row => (
        <DateWithAge
          date={row.identity.expires}
          flagged={
            hasFinding(row, 'identity-expired-active') ||
            hasFinding(row, 'identity-no-expiry')
          }
        />
      ),
    },
    {
      title: 'Status',
      sorting: false,
      render: row => humanize(identityStatus(row.identity)),
    },
    {
      title: 'Findings',
      sorting: false,
      render: row =>
        row.findings.length === 0 ? (
          NONE
        ) : (
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {row.findings.map(f => (
              <Tooltip key={f.id} title={f.message}>
                <span>
                  <SeverityChip
                    severity={f.severity}
                    label={RULES[f.ruleId as RuleId]?.title ?? f.ruleId}
                  />
                </span>
              </Tooltip>
            ))}
          </Box>
        ),
    },
  );
  return (
    <Table<IdentityRow>
      title={title}
      columns={columns}
      data={rows}
      options={{
        paging: rows.length > 20,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        search: false,
        padding: 'dense',
      }}
    />
  );
}
