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
import {
  EmptyState,
  InfoCard,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import type { AuditEventRecord } from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import {
  formatDate,
  formatDateTime,
  humanize,
  NONE,
} from '../common/formatters';
import { PagedTable } from '../common/PagedTable';
import { usePagedList } from '../common/usePagedList';
import { useUniqueId } from '../common/useUniqueId';

type ReviewAction = 'review.decided' | 'review.opened';

function field(event: AuditEventRecord, key: string): unknown {
  return event.after?.[key];
}

function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : NONE;
}

const common: TableColumn<AuditEventRecord>[] = [
  { title: 'When', field: 'at', render: row => formatDateTime(row.at) },
  {
    title: 'Review',
    sorting: false,
    render: row => `#${text(field(row, 'reviewId'))}`,
  },
  {
    title: 'Integration',
    field: 'subjectRef',
    render: row => (
      <EntityRefLink
        entityRef={row.subjectRef}
        defaultKind="PartnerIntegration"
      />
    ),
  },
];

const decidedColumns: TableColumn<AuditEventRecord>[] = [
  ...common,
  { title: 'Decided by', field: 'actor' },
  {
    title: 'Outcome',
    sorting: false,
    render: row => {
      const revoked = field(row, 'revokedIdentities');
      const comment = field(row, 'comment');
      return (
        <Typography variant="body2" style={{ overflowWrap: 'anywhere' }}>
          {humanize(text(field(row, 'status')))}
          {Array.isArray(revoked) && revoked.length > 0
            ? ` (${revoked.join(', ')})`
            : ''}
          {typeof comment === 'string' && comment ? `: ${comment}` : ''}
        </Typography>
      );
    },
  },
];

const openedColumns: TableColumn<AuditEventRecord>[] = [
  ...common,
  {
    title: 'Assignee',
    sorting: false,
    render: row => {
      const assignee = field(row, 'assignee');
      return typeof assignee === 'string' ? (
        <EntityRefLink entityRef={assignee} defaultKind="group" />
      ) : (
        NONE
      );
    },
  },
  {
    title: 'Due',
    sorting: false,
    render: row => {
      const due = field(row, 'dueAt');
      return typeof due === 'string' ? formatDate(due) : NONE;
    },
  },
];

/**
 * The access reviews of the partner's integrations, from the audit trail
 * (`GET /audit?partner=&action=review.decided|review.opened`), newest first
 * and paged on the server. `GET /reviews` has no partner filter, so the
 * pending reviews themselves are on the reviewers' "My reviews" page.
 */
export function PartnerReviewsContent() {
  const { entity } = useEntity();
  const partnerRef = stringifyEntityRef(entity);
  const partnersApi = useApi(partnersApiRef);
  const [action, setAction] = useState<ReviewAction>('review.decided');
  const id = useUniqueId('partners-review-events');
  const list = usePagedList(`${partnerRef} ${action}`, cursor =>
    partnersApi.listAuditEvents({
      partner: partnerRef,
      action,
      limit: 50,
      ...(cursor ? { cursor } : {}),
    }),
  );
  return (
    <InfoCard title="Access reviews" noPadding>
      <Box px={2} pt={1}>
        <TextField
          select
          id={id}
          label="Show"
          value={action}
          onChange={e => setAction(e.target.value as ReviewAction)}
          margin="dense"
          style={{ minWidth: 200 }}
        >
          <MenuItem value="review.decided">Decisions</MenuItem>
          <MenuItem value="review.opened">Opened reviews</MenuItem>
        </TextField>
      </Box>
      <PagedTable
        itemsLabel="access reviews"
        columns={action === 'review.decided' ? decidedColumns : openedColumns}
        list={list}
        emptyContent={
          <EmptyState
            missing="data"
            title="No access reviews"
            description={
              action === 'review.decided'
                ? 'No access review of this partner has been decided yet.'
                : 'No access review of this partner has been opened yet.'
            }
          />
        }
      />
    </InfoCard>
  );
}
