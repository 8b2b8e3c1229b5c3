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
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { EmptyState, InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EXCEPTION_STATUSES,
  partnersExceptionApprovePermission,
  RULES,
  type ExceptionRecord,
  type ExceptionStatus,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import { useUniqueId } from '../common/useUniqueId';
import { partnersApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';
import { formatDate, humanize, NONE } from '../common/formatters';
import { PagedTable, type PagedTableColumn } from '../common/PagedTable';
import { usePagedList } from '../common/usePagedList';

/** Props of {@link ExceptionsTable}. */
interface ExceptionsTableProps {
  /** Only exceptions of this partner (entity ref). */
  partner?: string;
  /** Only exceptions of this partner or integration (full entity ref). */
  entity?: string;
}

type Decision = 'approve' | 'deny';

function DecisionDialog(props: {
  exception: ExceptionRecord;
  decision: Decision;
  onClose(): void;
  onDecided(): void;
}) {
  const { exception, decision, onClose, onDecided } = props;
  const partnersApi = useApi(partnersApiRef);
  const [comment, setComment] = useState('');
  const id = useUniqueId('partners-exception-decision');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const body = comment.trim() ? { comment: comment.trim() } : {};
      if (decision === 'approve') {
        await partnersApi.approveException(exception.id, body);
      } else {
        await partnersApi.denyException(exception.id, body);
      }
      onDecided();
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };
  const verb = decision === 'approve' ? 'Approve' : 'Deny';
  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby="partners-exception-decision-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="partners-exception-decision-title">
        {verb} exception #{exception.id}
      </DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <TextField
          id={`${id}-comment`}
          label="Comment"
          value={comment}
          onChange={e => setComment(e.target.value)}
          margin="dense"
          multiline
          minRows={2}
          fullWidth
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button
          color="primary"
          variant="contained"
          onClick={submit}
          disabled={submitting}
        >
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Exceptions of a partner or entity, newest first and paged on the server,
 * with approve / deny for holders of `partners.exception.approve`.
 */
export function ExceptionsTable(props: ExceptionsTableProps) {
  const { partner, entity } = props;
  const partnersApi = useApi(partnersApiRef);
  const [status, setStatus] = useState<ExceptionStatus | ''>('');
  const statusId = useUniqueId('partners-exceptions-status');
  const [deciding, setDeciding] = useState<{
    exception: ExceptionRecord;
    decision: Decision;
  }>();
  const { allowed: canDecide } = usePermission({
    permission: partnersExceptionApprovePermission,
  });
  const list = usePagedList(
    JSON.stringify({ partner, entity, status }),
    cursor =>
      partnersApi.listExceptions({
        ...(partner ? { partner } : {}),
        ...(entity ? { entity } : {}),
        ...(status ? { status } : {}),
        limit: 25,
        ...(cursor ? { cursor } : {}),
      }),
  );

  const columns: PagedTableColumn<ExceptionRecord>[] = [
    { title: 'Status', render: row => humanize(row.status) },
    {
      title: 'Rule',
      render: row => RULES[row.ruleId as RuleId]?.title ?? row.ruleId,
    },
    {
      title: 'Entity',
      render: row => (
        <>
          <EntityRefLink entityRef={row.entityRef} />
          {row.identity && ` / ${row.identity}`}
        </>
      ),
    },
    { title: 'Justification', field: 'justification' },
    {
      title: 'Requested',
      render: row => `${formatDate(row.requestedAt)} by ${row.requestedBy}`,
    },
    {
      title: 'Expires',
      render: row => formatDate(row.expiresAt),
    },
    {
      title: 'Decision',
      render: row =>
        row.decidedBy
          ? `${row.decidedBy}, ${formatDate(row.decidedAt)}${
              row.decisionComment ? `: ${row.decisionComment}` : ''
            }`
          : NONE,
    },
  ];
  if (canDecide) {
    columns.push({
      title: 'Actions',
      render: row =>
        row.status === 'requested' ? (
          <Box display="flex" style={{ gap: 4 }}>
            <Button
              size="small"
              color="primary"
              variant="outlined"
              aria-label={`Approve exception ${row.id}`}
              onClick={() =>
                setDeciding({ exception: row, decision: 'approve' })
              }
            >
              Approve
            </Button>
            <Button
              size="small"
              variant="outlined"
              aria-label={`Deny exception ${row.id}`}
              onClick={() => setDeciding({ exception: row, decision: 'deny' })}
            >
              Deny
            </Button>
          </Box>
        ) : null,
    });
  }

  return (
    <InfoCard title="Exceptions" noPadding>
      <Box px={2} pt={1}>
        <TextField
          select
          id={statusId}
          label="Status"
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={{ shrink: true }}
          value={status}
          onChange={e => setStatus(e.target.value as ExceptionStatus | '')}
          margin="dense"
          style={{ minWidth: 160 }}
        >
          <MenuItem value="">All</MenuItem>
          {EXCEPTION_STATUSES.map(s => (
            <MenuItem key={s} value={s}>
              {humanize(s)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <PagedTable
        rowKey={row => row.id}
        itemsLabel="exceptions"
        columns={columns}
        list={list}
        emptyContent={
          <EmptyState
            missing="data"
            title="No exceptions"
            description="No exception matches. Request one from an open finding."
          />
        }
      />
      {deciding && (
        <DecisionDialog
          exception={deciding.exception}
          decision={deciding.decision}
          onClose={() => setDeciding(undefined)}
          onDecided={() => {
            setDeciding(undefined);
            list.retry();
          }}
        />
      )}
    </InfoCard>
  );
}
