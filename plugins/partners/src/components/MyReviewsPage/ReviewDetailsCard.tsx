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
import {
  Box,
  Button,
  Chip,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  partnersReviewDecidePermission,
  type ReviewDetails,
  type ReviewIdentity,
} from '@partner-governance/plugin-partners-common';
import useAsync from 'react-use/esm/useAsync';
import { partnersApiRef } from '../../api';
import { formatDate, formatDateTime, humanize } from '../common/formatters';
import { ScopeChips } from '../common/ScopeChips';
import { SeverityChip } from '../common/SeverityChips';
import { ReviewDecisionDialog } from '../ReviewDecisionDialog';
import { ReviewChangesList } from './ReviewChangesList';
import { ReviewTriggersList } from './ReviewTriggersList';

const useStyles = makeStyles(theme => ({
  section: {
    marginTop: theme.spacing(3),
  },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
  },
  fact: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  dormant: {
    color: theme.palette.warning.main,
    borderColor: theme.palette.warning.main,
  },
  overdue: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
  actions: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(3),
  },
}));

function IdentitiesTable(props: { identities: ReviewIdentity[] }) {
  const { identities } = props;
  const classes = useStyles();
  if (identities.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The integration has no identities.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Identities under review">
      <TableHead>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell>Type</TableCell>
          <TableCell>Scopes</TableCell>
          <TableCell>Last used</TableCell>
          <TableCell>Rotation age</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {identities.map(identity => (
          <TableRow key={identity.name}>
            <TableCell>{identity.name}</TableCell>
            <TableCell>{identity.type}</TableCell>
            <TableCell>
              <ScopeChips
                scopes={identity.scopes}
                privileged={identity.privileged}
              />
            </TableCell>
            <TableCell>
              {identity.lastUsed ? formatDate(identity.lastUsed) : 'never'}
            </TableCell>
            <TableCell>
              {identity.rotationAgeDays === undefined
                ? 'unknown'
                : `${identity.rotationAgeDays} days`}
            </TableCell>
            <TableCell>
              <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
                <Chip size="small" variant="outlined" label={identity.status} />
                {identity.dormant && (
                  <Chip
                    size="small"
                    variant="outlined"
                    className={classes.dormant}
                    label="dormant"
                  />
                )}
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function DecideButton(props: { review: ReviewDetails; onDecide: () => void }) {
  const { review, onDecide } = props;
  const { allowed, loading } = usePermission({
    permission: partnersReviewDecidePermission,
    resourceRef: review.integrationRef,
  });
  const button = (
    <Button
      variant="contained"
      color="primary"
      onClick={onDecide}
      disabled={!allowed || loading}
    >
      Decide
    </Button>
  );
  if (loading || allowed) {
    return button;
  }
  return (
    <Tooltip title="You are not allowed to decide reviews of this integration">
      {/* A span keeps the tooltip working on the disabled button. */}
      <span>{button}</span>
    </Tooltip>
  );
}

function Decision(props: { review: ReviewDetails }) {
  const { review } = props;
  return (
    <Typography variant="body2">
      {review.status === 'attested' ? 'Attested' : 'Revoked'}
      {review.decidedBy ? ` by ${review.decidedBy}` : ''}
      {review.decidedAt ? ` on ${formatDateTime(review.decidedAt)}` : ''}
      {review.revokedIdentities?.length
        ? `: ${review.revokedIdentities.join(', ')}`
        : ''}
      {review.comment ? ` — “${review.comment}”` : ''}
    </Typography>
  );
}

/**
 * One access review with what its reviewer needs to decide it: why it is
 * due (cadence, or the changes that made it due now), identities with
 * scopes, usage, rotation age and dormancy, open findings and the changes
 * since the previous decision; decided in place.
 */
export function ReviewDetailsCard(props: {
  reviewId: number;
  onDecided: (decided: ReviewDetails) => void;
}) {
  const { reviewId, onDecided } = props;
  const classes = useStyles();
  const partnersApi = useApi(partnersApiRef);
  const [deciding, setDeciding] = useState(false);
  const {
    value: review,
    loading,
    error,
  } = useAsync(() => partnersApi.getReview(reviewId), [partnersApi, reviewId]);
  const title = `Review #${reviewId}`;

  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error || !review) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={error ?? new Error('Review not found')} />
      </InfoCard>
    );
  }

  return (
    <InfoCard title={title} subheader={review.integrationRef}>
      <div className={classes.facts}>
        <div className={classes.fact}>
          <Typography variant="caption" color="textSecondary">
            Integration
          </Typography>
          <EntityRefLink
            entityRef={review.integrationRef}
            defaultKind="partnerintegration"
          />
        </div>
        <div className={classes.fact}>
          <Typography variant="caption" color="textSecondary">
            Partner
          </Typography>
          <EntityRefLink entityRef={review.partnerRef} defaultKind="partner" />
        </div>
        <div className={classes.fact}>
          <Typography variant="caption" color="textSecondary">
            Due
          </Typography>
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <Typography variant="body2">{formatDate(review.dueAt)}</Typography>
            {review.overdue && (
              <Chip
                size="small"
                variant="outlined"
                className={classes.overdue}
                label="overdue"
              />
            )}
          </Box>
        </div>
        <div className={classes.fact}>
          <Typography variant="caption" color="textSecondary">
            Status
          </Typography>
          <Typography variant="body2">{humanize(review.status)}</Typography>
        </div>
      </div>

      <section className={classes.section}>
        <Typography variant="h6" component="h3">
          Why it is due
        </Typography>
        <ReviewTriggersList review={review} />
      </section>

      <section className={classes.section}>
        <Typography variant="h6" component="h3">
          Identities
        </Typography>
        <IdentitiesTable identities={review.identities} />
      </section>

      <section className={classes.section}>
        <Typography variant="h6" component="h3">
          Open findings
        </Typography>
        {review.findings.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No open findings.
          </Typography>
        ) : (
          <List dense aria-label="Open findings">
            {review.findings.map(finding => (
              <ListItem key={finding.id}>
                <Box mr={1}>
                  <SeverityChip severity={finding.severity} />
                </Box>
                <ListItemText
                  primary={finding.message}
                  secondary={[finding.ruleId, finding.identity]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </ListItem>
            ))}
          </List>
        )}
      </section>

      <section className={classes.section}>
        <Typography variant="h6" component="h3">
          Changes since the last decision
        </Typography>
        <ReviewChangesList changes={review.changes} />
      </section>

      <div className={classes.actions}>
        {review.status === 'pending' ? (
          <DecideButton review={review} onDecide={() => setDeciding(true)} />
        ) : (
          <Decision review={review} />
        )}
      </div>

      {deciding && (
        <ReviewDecisionDialog
          open
          review={review}
          onClose={() => setDeciding(false)}
          onDecided={decided => {
            setDeciding(false);
            onDecided(decided);
          }}
        />
      )}
    </InfoCard>
  );
}
