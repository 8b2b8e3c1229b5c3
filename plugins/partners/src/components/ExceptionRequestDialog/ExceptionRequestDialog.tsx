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
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  DEFAULT_PARTNERS_POLICY,
  RULES,
  type ExceptionRecord,
  type RuleId,
} from '@partner-governance/plugin-partners-common';
import { useUniqueId } from '../common/useUniqueId';
import { partnersApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';
import { addDays, today } from '../common/formatters';

/** The finding an exception is requested for. @public */
export interface ExceptionSubject {
  ruleId: RuleId | string;
  entityRef: string;
  identity?: string;
}

/** Props of {@link ExceptionRequestDialog}. @public */
export interface ExceptionRequestDialogProps {
  open: boolean;
  subject: ExceptionSubject;
  onClose(): void;
  /** Called with the requested exception once the backend accepted it. */
  onRequested?(exception: ExceptionRecord): void;
  /**
   * The longest exception the policy allows, in days; a hint for the date
   * picker only (the backend validates against its own policy).
   */
  maxDays?: number;
}

/**
 * Requests an exception to a finding: the rule, entity and identity come from
 * the finding; the requester gives a justification and an expiry no further
 * than the policy's exceptionMaxDays. The backend validates both; its error
 * is shown in place.
 *
 * @public
 */
export function ExceptionRequestDialog(props: ExceptionRequestDialogProps) {
  const {
    open,
    subject,
    onClose,
    onRequested,
    maxDays = DEFAULT_PARTNERS_POLICY.exceptionMaxDays,
  } = props;
  const partnersApi = useApi(partnersApiRef);
  const start = today();
  const [justification, setJustification] = useState('');
  const [expiresAt, setExpiresAt] = useState(
    addDays(start, Math.min(90, maxDays)),
  );
  const [submitting, setSubmitting] = useState(false);
  const id = useUniqueId('partners-exception-request');
  const [error, setError] = useState<string>();

  const rule = RULES[subject.ruleId as RuleId];
  const valid = justification.trim().length > 0 && Boolean(expiresAt);

  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      const exception = await partnersApi.requestException({
        ruleId: subject.ruleId as RuleId,
        entityRef: subject.entityRef,
        ...(subject.identity ? { identity: subject.identity } : {}),
        justification: justification.trim(),
        expiresAt,
      });
      onRequested?.(exception);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      aria-labelledby="partners-exception-request-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="partners-exception-request-title">
        Request an exception
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          Accept the risk of <strong>{rule?.title ?? subject.ruleId}</strong>{' '}
          for <strong>{subject.entityRef}</strong>
          {subject.identity && (
            <>
              {' '}
              (identity <strong>{subject.identity}</strong>)
            </>
          )}{' '}
          until a date. Someone other than you approves or denies it.
        </DialogContentText>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <TextField
          id={`${id}-rule`}
          label="Rule"
          value={subject.ruleId}
          margin="dense"
          fullWidth
          InputProps={{ readOnly: true }}
        />
        <TextField
          id={`${id}-entity`}
          label="Entity"
          value={subject.entityRef}
          margin="dense"
          fullWidth
          InputProps={{ readOnly: true }}
        />
        {subject.identity && (
          <TextField
            id={`${id}-identity`}
            label="Identity"
            value={subject.identity}
            margin="dense"
            fullWidth
            InputProps={{ readOnly: true }}
          />
        )}
        <TextField
          id={`${id}-justification`}
          label="Justification"
          value={justification}
          onChange={e => setJustification(e.target.value)}
          helperText="Why the risk is accepted and what mitigates it. Never paste a secret."
          margin="dense"
          multiline
          minRows={3}
          required
          fullWidth
        />
        <TextField
          id={`${id}-expires`}
          label="Expires"
          type="date"
          value={expiresAt}
          onChange={e => setExpiresAt(e.target.value)}
          helperText={`At most ${maxDays} days from today.`}
          margin="dense"
          required
          fullWidth
          InputLabelProps={{ shrink: true }}
          inputProps={{
            min: addDays(start, 1),
            max: addDays(start, maxDays),
          }}
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
          disabled={!valid || submitting}
        >
          {submitting ? 'Requesting…' : 'Request exception'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
