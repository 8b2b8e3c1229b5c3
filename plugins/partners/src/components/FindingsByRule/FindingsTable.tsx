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
import Chip from '@material-ui/core/Chip';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  RULES,
  type FindingRecord,
  type FindingStatus,
  type ListFindingsRequest,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import { useUniqueId } from '../common/useUniqueId';
import { partnersApiRef } from '../../api';
import { RequestExceptionButton } from '../ExceptionRequestDialog/RequestExceptionButton';
import { formatDate } from '../common/formatters';
import { PagedTable, type PagedTableColumn } from '../common/PagedTable';
import { SeverityChip } from '../common/SeverityChips';
import { usePagedList } from '../common/usePagedList';

/** Framework control ids as small chips. */
export function FrameworkChips(props: { frameworks: string[] }) {
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {props.frameworks.map(framework => (
        <Chip key={framework} size="small" label={framework} />
      ))}
    </Box>
  );
}

function findingStatus(finding: FindingRecord): string {
  if (finding.resolvedAt) {
    return `Resolved ${formatDate(finding.resolvedAt)}`;
  }
  if (finding.acceptedRisk) {
    return `Accepted risk until ${formatDate(finding.acceptedRisk.expiresAt)}`;
  }
  return 'Open';
}

/** Props of {@link FindingsTable}. */
interface FindingsTableProps {
  /** The server-side filter; paging is added by the table. */
  filter: Omit<ListFindingsRequest, 'limit' | 'cursor' | 'status'>;
  /** Leave out the rule column (inside a per-rule group). */
  hideRule?: boolean;
  /** Page size, 25 when absent. */
  pageSize?: number;
  /** The status filter shown first; open findings when absent. */
  initialStatus?: FindingStatus | '';
}

/**
 * Findings matching a filter, paged on the server, with their framework ids
 * and a "Request exception" action on open findings.
 */
export function FindingsTable(props: FindingsTableProps) {
  const { filter, hideRule, pageSize = 25, initialStatus = 'open' } = props;
  const partnersApi = useApi(partnersApiRef);
  const [status, setStatus] = useState<FindingStatus | ''>(initialStatus);
  const statusId = useUniqueId('partners-findings-status');
  const list = usePagedList(JSON.stringify({ filter, status }), cursor =>
    partnersApi.listFindings({
      ...filter,
      ...(status ? { status } : {}),
      limit: pageSize,
      ...(cursor ? { cursor } : {}),
    }),
  );

  const columns: PagedTableColumn<FindingRecord>[] = [
    {
      title: 'Severity',
      render: row => <SeverityChip severity={row.severity} />,
    },
  ];
  if (!hideRule) {
    columns.push({
      title: 'Rule',
      render: row => RULES[row.ruleId as RuleId]?.title ?? row.ruleId,
    });
  }
  columns.push(
    {
      title: 'Entity',
      render: row => (
        <>
          <EntityRefLink entityRef={row.entityRef} />
          {row.identity && ` / ${row.identity}`}
        </>
      ),
    },
    { title: 'Message', field: 'message' },
    {
      title: 'Frameworks',
      render: row => <FrameworkChips frameworks={row.frameworks} />,
    },
    { title: 'Status', render: row => findingStatus(row) },
    {
      title: 'Actions',
      render: row =>
        !row.resolvedAt && !row.acceptedRisk ? (
          <RequestExceptionButton
            subject={{
              ruleId: row.ruleId,
              entityRef: row.entityRef,
              identity: row.identity,
            }}
            onRequested={list.retry}
          />
        ) : null,
    },
  );

  return (
    <>
      <Box px={2} pt={1}>
        <TextField
          select
          id={statusId}
          label="Status"
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
          value={status}
          onChange={e => setStatus(e.target.value as FindingStatus | '')}
          margin="dense"
          style={{ minWidth: 160 }}
        >
          <MenuItem value="open">Open</MenuItem>
          <MenuItem value="accepted">Accepted risk</MenuItem>
          <MenuItem value="resolved">Resolved</MenuItem>
          <MenuItem value="">All</MenuItem>
        </TextField>
      </Box>
      <PagedTable
        rowKey={row => row.id}
        itemsLabel="findings"
        columns={columns}
        list={list}
        emptyContent={
          <EmptyState
            missing="data"
            title="No findings"
            description="No finding matches this filter."
          />
        }
      />
    </>
  );
}
