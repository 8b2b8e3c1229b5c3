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
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useUniqueId } from '../common/useUniqueId';
import { errorMessage } from '../common/errorMessage';

/**
 * A dialog of the offboarding checklist that asks for one text and submits
 * it; with `confirmation`, only once that statement is ticked.
 */
export function OffboardingTextDialog(props: {
  title: string;
  description: string;
  label: string;
  required: boolean;
  submitLabel: string;
  /** A statement the user must tick before submitting. */
  confirmation?: string;
  onSubmit(text: string): Promise<void>;
  onClose(): void;
}) {
  const {
    title,
    description,
    label,
    required,
    submitLabel,
    confirmation,
    onSubmit,
    onClose,
  } = props;
  const [text, setText] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const id = useUniqueId('partners-offboarding-text');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const submit = async () => {
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(text.trim());
    } catch (e) {
      setError(errorMessage(e));
      setSubmitting(false);
    }
  };
  return (
    <Dialog
      open
      onClose={submitting ? undefined : onClose}
      aria-labelledby="partners-offboarding-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="partners-offboarding-dialog-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{description}</DialogContentText>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {confirmation && (
          <FormControlLabel
            control={
              <Checkbox
                checked={confirmed}
                onChange={e => setConfirmed(e.target.checked)}
                color="primary"
              />
            }
            label={confirmation}
          />
        )}
        <TextField
          id={id}
          label={label}
          value={text}
          onChange={e => setText(e.target.value)}
          required={required}
          margin="dense"
          multiline
          minRows={2}
          fullWidth
          inputProps={{ maxLength: 4000 }}
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
          disabled={
            submitting ||
            (required && !text.trim()) ||
            (confirmation !== undefined && !confirmed)
          }
        >
          {submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
