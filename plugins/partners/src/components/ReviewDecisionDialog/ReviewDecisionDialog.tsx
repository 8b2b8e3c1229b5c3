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

import { FormEvent, useState } from 'react';
import {
  Button,
  Checkbox,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ReviewDecision,
  ReviewDecisionRequest,
  ReviewDetails,
} from '@partner-governance/plugin-partners-common';
import { partnersApiRef } from '../../api';
import { errorMessage } from '../common/errorMessage';

/** Props of {@link ReviewDecisionDialog}. */
interface ReviewDecisionDialogProps {
  /** The pending review to decide, with its identities. */
  review: ReviewDetails;
  open: boolean;
  onClose: () => void;
  /** Called with the decided review once the backend accepted the decision. */
  onDecided: (decided: ReviewDetails) => void;
}

function listNames(names: string[]): string {
  if (names.length <= 1) {
    return names.join('');
  }
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * Decides an access review in place: attest (keep the access, with a comment
 * that is required while an identity is dormant) or revoke (the identities
 * to revoke; at least one). A review due because something changed says
 * what, so the decision covers the change. The backend's message is shown
 * when it refuses the decision (400, 403, or 409 when someone else decided
 * first).
 */
export function ReviewDecisionDialog(props: ReviewDecisionDialogProps) {
  const { review, open, onClose, onDecided } = props;
  const partnersApi = useApi(partnersApiRef);
  const [decision, setDecision] = useState<ReviewDecision>('attest');
  const [comment, setComment] = useState('');
  const [revoke, setRevoke] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const dormant = review.identities
    .filter(identity => identity.dormant && identity.status === 'active')
    .map(identity => identity.name);
  const revocable = review.identities.filter(
    identity => identity.status !== 'revoked',
  );
  const commentRequired = decision === 'attest' && dormant.length > 0;
  const commentMissing = commentRequired && comment.trim() === '';
  const identitiesMissing = decision === 'revoke' && revoke.length === 0;
  const canSubmit = !submitting && !commentMissing && !identitiesMissing;

  const toggle = (name: string) =>
    setRevoke(current =>
      current.includes(name)
        ? current.filter(other => other !== name)
        : [...current, name],
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) {
      return;
    }
    const body: ReviewDecisionRequest = { decision };
    if (comment.trim()) {
      body.comment = comment.trim();
    }
    if (decision === 'revoke') {
      // In the order the review lists them.
      body.identities = revocable
        .map(identity => identity.name)
        .filter(name => revoke.includes(name));
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const decided = await partnersApi.decideReview(review.id, body);
      setSubmitting(false);
      onDecided(decided);
    } catch (e) {
      setSubmitting(false);
      setError(errorMessage(e));
    }
  };

  const titleId = `review-decision-${review.id}-title`;
  let submitLabel = 'Attest';
  if (decision === 'revoke') {
    submitLabel =
      revoke.length > 1 ? `Revoke ${revoke.length} identities` : 'Revoke';
  }

  let commentHelp = 'Optional: why the access is kept or revoked.';
  if (commentRequired) {
    commentHelp = `Required because ${listNames(dormant)} ${
      dormant.length === 1 ? 'is' : 'are'
    } dormant (not used recently): say why the access should stay.`;
  }

  return (
    <Dialog
      open={open}
      onClose={submitting ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>
          Decide the access review of {review.integrationRef}
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Attest to keep the partner's access as it is, or revoke identities
            that are no longer needed. Revoking opens offboarding items for
            them.
          </DialogContentText>
          {(review.triggers?.length ?? 0) > 0 && (
            <Alert severity="info" aria-label="Why this review is due">
              {review.dueReason}
            </Alert>
          )}
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <FormControl component="fieldset" margin="normal">
            <FormLabel component="legend">Decision</FormLabel>
            <RadioGroup
              row
              name="decision"
              value={decision}
              onChange={event =>
                setDecision(event.target.value as ReviewDecision)
              }
            >
              <FormControlLabel
                value="attest"
                control={<Radio />}
                label="Attest (keep access)"
                disabled={submitting}
              />
              <FormControlLabel
                value="revoke"
                control={<Radio />}
                label="Revoke identities"
                disabled={submitting || revocable.length === 0}
              />
            </RadioGroup>
          </FormControl>

          {decision === 'revoke' && (
            <FormControl
              component="fieldset"
              margin="normal"
              error={identitiesMissing}
              fullWidth
            >
              <FormLabel component="legend">Identities to revoke</FormLabel>
              <FormGroup>
                {revocable.map(identity => (
                  <FormControlLabel
                    key={identity.name}
                    control={
                      <Checkbox
                        checked={revoke.includes(identity.name)}
                        onChange={() => toggle(identity.name)}
                        name={identity.name}
                        disabled={submitting}
                      />
                    }
                    label={`${identity.name} (${identity.type}${
                      identity.dormant ? ', dormant' : ''
                    })`}
                  />
                ))}
              </FormGroup>
              <FormHelperText>
                {identitiesMissing
                  ? 'Choose at least one identity to revoke.'
                  : `${revoke.length} of ${revocable.length} selected.`}
              </FormHelperText>
            </FormControl>
          )}

          <TextField
            id={`review-decision-${review.id}-comment`}
            label="Comment"
            value={comment}
            onChange={event => setComment(event.target.value)}
            required={commentRequired}
            error={commentMissing}
            helperText={commentHelp}
            disabled={submitting}
            multiline
            minRows={3}
            fullWidth
            margin="normal"
            variant="outlined"
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!canSubmit}
            startIcon={submitting ? <CircularProgress size={16} /> : undefined}
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
