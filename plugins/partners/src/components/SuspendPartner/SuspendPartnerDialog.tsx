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
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import LinearProgress from '@material-ui/core/LinearProgress';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { SuspendPartnerResponse } from '@partner-governance/plugin-partners-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { partnersApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';
import { useUniqueId } from '../common/useUniqueId';
import { BlastRadiusView } from './BlastRadiusView';
import { SuspensionOutcome } from './SuspensionOutcome';

/** The longest reason the backend accepts. */
const MAX_REASON_LENGTH = 4000;

/** Props of {@link SuspendPartnerDialog}. */
export interface SuspendPartnerDialogProps {
  partnerRef: string;
  /** The partner's name for people; the ref when absent. */
  partnerTitle?: string;
  onClose(): void;
  /** Called once the backend suspended the partner. */
  onSuspended?(response: SuspendPartnerResponse): void;
}

/** The blast radius, or why it could not be loaded. */
function BlastRadiusPart(props: { partnerRef: string }) {
  const { partnerRef } = props;
  const partnersApi = useApi(partnersApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => partnersApi.getBlastRadius(partnerRef),
    [partnersApi, partnerRef],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return (
      <Alert
        severity="error"
        role="alert"
        action={
          <Button color="inherit" size="small" onClick={retry}>
            Retry
          </Button>
        }
      >
        {`The blast radius could not be loaded: ${errorMessage(
          error,
        )}. Suspending still revokes every identity a source can revoke.`}
      </Alert>
    );
  }
  return value ? <BlastRadiusView blastRadius={value} /> : null;
}

/**
 * Suspends a partner (`POST /partners/{ref}/suspend`): shows what the partner
 * reaches first, asks why (required, trimmed, at most 4000 characters), then
 * shows what happened to each identity. The backend's error is shown in
 * place.
 */
export function SuspendPartnerDialog(props: SuspendPartnerDialogProps) {
  const { partnerRef, partnerTitle, onClose, onSuspended } = props;
  const partnersApi = useApi(partnersApiRef);
  const id = useUniqueId('partners-suspend');
  const [reason, setReason] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const [response, setResponse] = useState<SuspendPartnerResponse>();
  const trimmed = reason.trim();

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const result = await partnersApi.suspendPartner(partnerRef, {
        reason: trimmed,
      });
      setResponse(result);
      onSuspended?.(result);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id={`${id}-title`}>Suspend partner</DialogTitle>
      {response ? (
        <>
          <DialogContent>
            <SuspensionOutcome response={response} />
          </DialogContent>
          <DialogActions>
            <Button color="primary" variant="contained" onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </>
      ) : (
        <>
          <DialogContent>
            <DialogContentText>
              Suspending <strong>{partnerTitle ?? partnerRef}</strong> revokes
              at once every identity of it that its identity source can revoke,
              and opens an offboarding checklist with an item per identity: the
              revoked ones complete when a later observation verifies them, the
              rest wait to be revoked by hand.
            </DialogContentText>
            <BlastRadiusPart partnerRef={partnerRef} />
            <Box mt={2}>
              {error && (
                <Alert severity="error" role="alert">
                  {error}
                </Alert>
              )}
              <TextField
                id={`${id}-reason`}
                label="Reason"
                value={reason}
                onChange={e => setReason(e.target.value)}
                helperText="Required: the incident or ticket. Never paste a secret."
                margin="dense"
                multiline
                minRows={2}
                required
                // The label stays "Reason", without the asterisk.
                InputLabelProps={{ required: false }}
                inputProps={{ maxLength: MAX_REASON_LENGTH }}
                fullWidth
                disabled={submitting}
              />
            </Box>
            {submitting && <LinearProgress aria-label="Suspending" />}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} disabled={submitting}>
              Cancel
            </Button>
            <Button
              color="secondary"
              variant="contained"
              onClick={submit}
              disabled={submitting || !trimmed}
            >
              Suspend
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
