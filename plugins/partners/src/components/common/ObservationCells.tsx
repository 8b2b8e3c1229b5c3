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

import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/ReportProblemOutlined';
import type { IdentityObservation } from '@partner-governance/plugin-partners-common';
import { RelativeDateTime } from './DateCells';
import { formatDate, formatDateTime, humanize, NONE } from './formatters';
import { ScopeChips } from './ScopeChips';

/** Drifted scopes shown as chips; the rest are counted. */
const MAX_DRIFT_CHIPS = 5;

const useStyles = makeStyles(theme => ({
  line: { overflowWrap: 'anywhere' },
  mark: {
    color: theme.palette.warning.dark,
    borderColor: theme.palette.warning.main,
  },
  markIcon: { color: theme.palette.warning.dark },
}));

/** `3 scopes`, `1 scope`. */
function scopeCount(count: number): string {
  return `${count} ${count === 1 ? 'scope' : 'scopes'}`;
}

/** What the source saw of the identity's status, against the declaration. */
function ObservedStatus(props: {
  status?: IdentityObservation['status'];
  declaredStatus?: string;
}) {
  const { status, declaredStatus } = props;
  if (!status) {
    return null;
  }
  const differs = status === 'disabled' && declaredStatus === 'active';
  return (
    <Typography
      variant="caption"
      component="div"
      color={differs ? 'error' : 'textSecondary'}
    >
      {`${humanize(status)} at the source`}
    </Typography>
  );
}

/**
 * What the identity source named in the declaration's `observedAs` last
 * observed of it: the source, when its last successful run ended (exact on
 * hover), the status and last use it saw; "Not seen by <source>" when that
 * run did not see it, and "No run of <source> yet" before any. `—` when the
 * declaration names no source.
 */
export function ObservedCell(props: {
  observation?: IdentityObservation;
  /** The declared status, to mark an identity the source sees disabled. */
  declaredStatus?: string;
}) {
  const { observation, declaredStatus } = props;
  const classes = useStyles();
  if (!observation) {
    return <>{NONE}</>;
  }
  const { sourceId, externalId, state, observedAt } = observation;
  // The first line names the source; the external id is on hover.
  const headline = (
    text: string,
    color: 'error' | 'textSecondary' | 'inherit',
  ) => (
    <Tooltip title={`${sourceId} external id: ${externalId}`}>
      <Typography variant="body2" color={color} className={classes.line}>
        {text}
      </Typography>
    </Tooltip>
  );
  if (state === 'not-run') {
    return (
      <Box>
        {headline(`No run of ${sourceId} yet`, 'textSecondary')}
        <Typography variant="caption" component="div" color="textSecondary">
          Observed once the source runs successfully
        </Typography>
      </Box>
    );
  }
  if (state === 'not-observed') {
    return (
      <Box>
        {headline(`Not seen by ${sourceId}`, 'error')}
        {observedAt && (
          <Typography variant="caption" component="div" color="textSecondary">
            <RelativeDateTime value={observedAt} prefix="Last run" />
          </Typography>
        )}
      </Box>
    );
  }
  return (
    <Box>
      {headline(sourceId, 'inherit')}
      <ObservedStatus
        status={observation.status}
        declaredStatus={declaredStatus}
      />
      {observedAt && (
        <Typography variant="caption" component="div" color="textSecondary">
          <RelativeDateTime value={observedAt} prefix="Seen" />
        </Typography>
      )}
      <Typography variant="caption" component="div" color="textSecondary">
        {`Last used ${formatDate(observation.lastUsed)}`}
      </Typography>
    </Box>
  );
}

/**
 * The scopes the source observes that the declaration does not list, as
 * chips (the first few, the rest counted); "None" when it lists them all,
 * `—` without an observation that saw the identity.
 */
export function DriftCell(props: { observation?: IdentityObservation }) {
  const { observation } = props;
  if (!observation) {
    return <>{NONE}</>;
  }
  const drift = observation.unlistedScopes;
  if (drift.length === 0) {
    return observation.state === 'observed' ? (
      <Typography variant="body2" color="textSecondary">
        None
      </Typography>
    ) : (
      <>{NONE}</>
    );
  }
  const shown = drift.slice(0, MAX_DRIFT_CHIPS);
  const more = drift.length - shown.length;
  return (
    <Box>
      <Typography variant="caption" component="div" color="error">
        {`${scopeCount(drift.length)} not declared`}
      </Typography>
      <ScopeChips scopes={shown} />
      {more > 0 && (
        <Tooltip title={drift.slice(MAX_DRIFT_CHIPS).join(', ')}>
          <Typography variant="caption" component="div" color="textSecondary">
            {`and ${more} more`}
          </Typography>
        </Tooltip>
      )}
    </Box>
  );
}

/** What a source's observation says is wrong with a declared identity. */
function observationIssues(observation?: IdentityObservation): {
  notObserved: boolean;
  drift: string[];
} {
  return {
    notObserved: observation?.state === 'not-observed',
    drift: observation?.unlistedScopes ?? [],
  };
}

/**
 * Small warning chips for an identity that its source did not see in its
 * last run, or that holds scopes at the source its declaration does not
 * list; the tooltip names the source and the scopes. Nothing otherwise.
 */
export function ObservationMarks(props: { observation?: IdentityObservation }) {
  const { observation } = props;
  const classes = useStyles();
  const { notObserved, drift } = observationIssues(observation);
  if (!observation || (!notObserved && drift.length === 0)) {
    return null;
  }
  const { sourceId, observedAt } = observation;
  return (
    <>
      {notObserved && (
        <Tooltip
          title={`Not seen by ${sourceId} in its last run${
            observedAt ? ` (${formatDateTime(observedAt)})` : ''
          }`}
        >
          <Chip
            size="small"
            variant="outlined"
            className={classes.mark}
            icon={<WarningIcon fontSize="small" className={classes.markIcon} />}
            label="Not observed"
          />
        </Tooltip>
      )}
      {drift.length > 0 && (
        <Tooltip
          title={`${sourceId} observes ${scopeCount(
            drift.length,
          )} the declaration does not list: ${drift.join(', ')}`}
        >
          <Chip
            size="small"
            variant="outlined"
            className={classes.mark}
            icon={<WarningIcon fontSize="small" className={classes.markIcon} />}
            label="Scope drift"
          />
        </Tooltip>
      )}
    </>
  );
}
