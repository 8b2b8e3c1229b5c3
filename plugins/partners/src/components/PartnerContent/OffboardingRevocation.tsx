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
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  partnersIdentityRevokePermission,
  type OffboardingItem,
  type OffboardingRevocation,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';
import { formatDateTime } from '../common/formatters';
import { useUniqueId } from '../common/useUniqueId';

/** Where a revocation through an identity source stands, for people. */
function revocationText(revocation: OffboardingRevocation): string {
  if (revocation.state === 'verified') {
    return `Verified by observation at ${formatDateTime(
      revocation.verifiedAt,
    )}`;
  }
  return `Revocation requested by ${revocation.requestedBy} at ${formatDateTime(
    revocation.requestedAt,
  )} — awaiting observation by ${revocation.sourceId}`;
}

/** An item's revocation through its source, under its status. */
export function RevocationState(props: { item: OffboardingItem }) {
  const { revocation } = props.item;
  if (!revocation) {
    return null;
  }
  return (
    <Typography
      variant="caption"
      component="div"
      color={revocation.state === 'verified' ? 'textSecondary' : 'inherit'}
    >
      {revocationText(revocation)}
    </Typography>
  );
}

/**
 * Whether an item's identity can be revoked now through its source: also
 * again while a revocation awaits its observation (someone may have turned
 * the identity back on).
 */
function isRevocableNow(item: OffboardingItem): boolean {
  return (
    item.status === 'pending' &&
    item.kind === 'revoke' &&
    Boolean(item.revocableThrough) &&
    item.revocation?.state !== 'verified'
  );
}

/**
 * "Revoke now" on a pending item whose identity a source can revoke, shown
 * to holders of `partners.identity.revoke` on the item's integration.
 */
export function RevokeNowButton(props: {
  item: OffboardingItem;
  onClick: () => void;
}) {
  const { item, onClick } = props;
  const { allowed } = usePermission({
    permission: partnersIdentityRevokePermission,
    resourceRef: item.integrationRef,
  });
  if (!allowed || !isRevocableNow(item)) {
    return null;
  }
  const label = item.revocation ? 'Revoke again' : 'Revoke now';
  return (
    <Button
      size="small"
      variant="outlined"
      color="secondary"
      aria-label={`${label}: ${item.identity ?? `item ${item.id}`}`}
      onClick={onClick}
    >
      {label}
    </Button>
  );
}

/**
 * Confirms revoking an item's identity through its source
 * (`POST /offboarding/items/{id}/revoke`); the backend's error is shown in
 * place.
 */
export function RevokeNowDialog(props: {
  item: OffboardingItem;
  onClose(): void;
  onRevoked(item: OffboardingItem): void;
}) {
  const { item, onClose, onRevoked } = props;
  const partnersApi = useApi(partnersApiRef);
  const titleId = useUniqueId('partners-revoke-now-title');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const source = item.revocableThrough ?? 'its identity source';
  const identity = item.identity ?? `the identity of item ${item.id}`;
  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      onRevoked(await partnersApi.revokeOffboardingItem(item.id));
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };
  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={titleId}>Revoke {identity} now</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {identity} of {item.integrationRef} will be revoked in {source} now.
          The item completes when the next observation by {source} verifies that
          the identity is disabled or gone; the checklist is still verified by a
          second person.
        </DialogContentText>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={submitting}>
          Cancel
        </Button>
        <Button
          color="secondary"
          variant="contained"
          onClick={submit}
          disabled={submitting}
        >
          Revoke
        </Button>
      </DialogActions>
    </Dialog>
  );
}
