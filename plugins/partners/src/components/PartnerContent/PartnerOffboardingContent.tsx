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

import { useState, type ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  partnersOffboardingCompletePermission,
  partnersOffboardingVerifyPermission,
  type OffboardingChecklist,
  type OffboardingItem,
} from '@partner-governance/plugin-partners-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { isNotAllowed } from '../common/isNotFound';
import { partnersApiRef } from '../../api';
import { formatDate, humanize, NONE } from '../common/formatters';
import { SuspendPartnerButton } from '../SuspendPartner';
import {
  RevocationState,
  RevokeNowButton,
  RevokeNowDialog,
} from './OffboardingRevocation';
import { OffboardingTextDialog } from './OffboardingTextDialog';

const KIND_LABELS: Record<OffboardingItem['kind'], string> = {
  revoke: 'Revoke identity',
  rotate: 'Rotate shared secret',
  close: 'Close integration',
};

const SOURCE_LABELS: Record<
  OffboardingItem['source'],
  (item: OffboardingItem) => string
> = {
  offboarding: () => 'Offboarding',
  'review-revoke': item => `Access review #${item.reviewId}`,
  suspension: () => 'Suspension',
};

/** The actions in the card's header. */
function CardActions(props: { children: ReactNode }) {
  return (
    <Box p={1} display="flex" alignItems="center" style={{ gap: 8 }}>
      {props.children}
    </Box>
  );
}

function ChecklistSummary(props: { checklist: OffboardingChecklist }) {
  const { checklist } = props;
  const { total, done } = checklist.progress;
  const verified = checklist.status === 'verified';
  let verification: string;
  if (verified) {
    verification = `Verified by ${checklist.verifiedBy} on ${formatDate(
      checklist.verifiedAt,
    )}${total === 0 ? ' as nothing to revoke' : ''}${
      checklist.comment ? `: ${checklist.comment}` : ''
    }.`;
  } else if (total === 0) {
    verification =
      'Not verified yet: a verifier confirms there is nothing to revoke.';
  } else {
    verification =
      'Not verified yet: someone who completed no item verifies the list once every item is done.';
  }
  return (
    <Box mb={2}>
      {checklist.reopenedAt && !verified && (
        <Box mb={1}>
          <Alert severity="warning">
            Reopened {formatDate(checklist.reopenedAt)}: access without an item
            appeared after the list was verified. It needs verifying again.
          </Alert>
        </Box>
      )}
      {total === 0 && !verified && (
        <Box mb={1}>
          <Alert severity="info">
            Nothing to revoke: the partner has no integration or identity left.
            A verifier must still confirm it; access that appears later adds
            items to this list.
          </Alert>
        </Box>
      )}
      <Typography variant="body2">
        Opened {formatDate(checklist.openedAt)} (
        {checklist.reasons.map(humanize).join(', ')}) —{' '}
        {total === 0 ? 'no items' : `${done} of ${total} items done`}.
      </Typography>
      <LinearProgress
        variant="determinate"
        value={total === 0 ? 100 : (done / total) * 100}
        aria-label={`${done} of ${total} offboarding items done`}
      />
      <Typography variant="body2" component="p">
        {verification}
      </Typography>
    </Box>
  );
}

/**
 * Completes a pending item, shown to those who may complete items of its
 * integration (a stake in it, or the admin's permission).
 */
function CompleteItemButton(props: {
  item: OffboardingItem;
  onClick: () => void;
}) {
  const { item, onClick } = props;
  const { allowed } = usePermission({
    permission: partnersOffboardingCompletePermission,
    resourceRef: item.integrationRef,
  });
  if (!allowed) {
    return null;
  }
  return (
    <Button
      size="small"
      variant="outlined"
      aria-label={`Complete item ${item.id}`}
      onClick={onClick}
    >
      Complete
    </Button>
  );
}

/**
 * The partner's offboarding checklist: one item per identity to revoke,
 * shared secret to rotate and integration to close. Holders of
 * `partners.offboarding.complete` on an item's integration tick it with
 * evidence; holders of `partners.identity.revoke` on it revoke an identity
 * now through the source that can revoke it, and the item completes when a
 * later observation verifies it; holders of
 * `partners.offboarding.verify` verify the completed list, and confirm
 * explicitly that a list with no items has nothing to revoke. Holders of
 * `partners.partner.suspend` suspend the partner from here.
 */
export function PartnerOffboardingContent() {
  const { entity } = useEntity();
  const partnerRef = stringifyEntityRef(entity);
  const partnersApi = useApi(partnersApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => partnersApi.getOffboarding(partnerRef),
    [partnersApi, partnerRef],
  );
  const { allowed: canVerify } = usePermission({
    permission: partnersOffboardingVerifyPermission,
  });
  const [completing, setCompleting] = useState<OffboardingItem>();
  const [revoking, setRevoking] = useState<OffboardingItem>();
  const [verifying, setVerifying] = useState(false);
  // The first action of the card in every state, so that its dialog stays
  // open while the checklist it opened loads.
  const suspend = (
    <SuspendPartnerButton
      partnerRef={partnerRef}
      partnerTitle={entity.metadata.title}
      onSuspended={retry}
    />
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (isNotAllowed(error)) {
    return (
      <InfoCard title="Offboarding checklist">
        <EmptyState
          missing="info"
          title="For the partner's stakeholders"
          description="The offboarding checklist is shown to the owners and custodians of the partner's integrations, the partner's owner and stage owners, and security."
        />
      </InfoCard>
    );
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const checklist = value?.checklist;
  if (!checklist) {
    return (
      <InfoCard
        title="Offboarding checklist"
        action={<CardActions>{suspend}</CardActions>}
      >
        <EmptyState
          missing="data"
          title="No offboarding checklist"
          description="A checklist opens when the partner enters offboarding, its contract ends, or an access review revokes identities."
        />
      </InfoCard>
    );
  }

  const columns: TableColumn<OffboardingItem>[] = [
    { title: 'Task', field: 'kind', render: row => KIND_LABELS[row.kind] },
    {
      title: 'Integration',
      field: 'integrationRef',
      render: row => (
        <EntityRefLink
          entityRef={row.integrationRef}
          defaultKind="PartnerIntegration"
        />
      ),
    },
    {
      title: 'Identity',
      field: 'identity',
      render: row => row.identity ?? NONE,
    },
    { title: 'What to do', field: 'description' },
    {
      title: 'Source',
      field: 'source',
      render: row => SOURCE_LABELS[row.source](row),
    },
    {
      title: 'Done',
      field: 'status',
      render: row => (
        <>
          {row.status === 'done'
            ? `${row.completedBy}, ${formatDate(row.completedAt)}: ${
                row.evidence ?? ''
              }`
            : 'Pending'}
          <RevocationState item={row} />
        </>
      ),
    },
  ];
  if (checklist.status === 'open') {
    columns.push({
      title: 'Actions',
      sorting: false,
      render: row =>
        row.status === 'pending' ? (
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            <CompleteItemButton item={row} onClick={() => setCompleting(row)} />
            <RevokeNowButton item={row} onClick={() => setRevoking(row)} />
          </Box>
        ) : null,
    });
  }

  const verifiable =
    checklist.status === 'open' && checklist.progress.pending === 0;
  const empty = checklist.progress.total === 0;

  return (
    <InfoCard
      title="Offboarding checklist"
      action={
        <CardActions>
          {suspend}
          {canVerify && checklist.status === 'open' && (
            <Button
              color="primary"
              variant="contained"
              disabled={!verifiable}
              onClick={() => setVerifying(true)}
            >
              Verify checklist
            </Button>
          )}
        </CardActions>
      }
    >
      <ChecklistSummary checklist={checklist} />
      {empty ? null : (
        <Table<OffboardingItem>
          columns={columns}
          data={checklist.items}
          options={{
            toolbar: false,
            paging: checklist.items.length > 20,
            pageSize: 20,
            pageSizeOptions: [20, 50, 100],
            search: false,
            padding: 'dense',
          }}
        />
      )}
      {completing && (
        <OffboardingTextDialog
          title={`${KIND_LABELS[completing.kind]}: done`}
          description={completing.description}
          label="Evidence (ticket or change reference; never a secret)"
          required
          submitLabel="Complete item"
          onClose={() => setCompleting(undefined)}
          onSubmit={async evidence => {
            await partnersApi.completeOffboardingItem(completing.id, {
              evidence,
            });
            setCompleting(undefined);
            retry();
          }}
        />
      )}
      {revoking && (
        <RevokeNowDialog
          item={revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={() => {
            setRevoking(undefined);
            retry();
          }}
        />
      )}
      {verifying && (
        <OffboardingTextDialog
          title="Verify offboarding"
          description={
            empty
              ? 'The list has no items: the partner has no integration or identity left. Check that nothing else gives it access before you confirm.'
              : 'Confirm that every identity is revoked, shared secrets are rotated and integrations are closed. You cannot verify a list you completed items of.'
          }
          label="Comment"
          required={false}
          submitLabel="Verify"
          confirmation={
            empty ? 'I confirm there is nothing to revoke' : undefined
          }
          onClose={() => setVerifying(false)}
          onSubmit={async comment => {
            await partnersApi.verifyOffboarding(partnerRef, {
              ...(comment ? { comment } : {}),
              ...(empty && { nothingToRevoke: true }),
            });
            setVerifying(false);
            retry();
          }}
        />
      )}
    </InfoCard>
  );
}
