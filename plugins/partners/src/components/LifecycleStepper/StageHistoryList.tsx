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
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { StageHistory } from '@partner-governance/plugin-partners-common';
import { isNotFound } from '../common/isNotFound';
import { ChangedBy } from './StageEntered';
import { formatSeenAt, moveLabel } from './stageHistory';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(3),
  },
  invalid: {
    color: theme.palette.error.main,
  },
}));

/**
 * The partner's stage history, newest first, and when it starts: the
 * backend records stages from the first time it sees a partner, so earlier
 * moves are not known.
 */
export function StageHistoryList(props: {
  history?: StageHistory;
  error?: Error;
}) {
  const { history, error } = props;
  const classes = useStyles();
  if (error) {
    return isNotFound(error) ? null : (
      <Typography variant="body2" color="textSecondary">
        The stage history could not be read: {error.message}
      </Typography>
    );
  }
  if (!history) {
    return null;
  }
  return (
    <Box mt={1}>
      <Typography variant="subtitle2" component="h3">
        Stage history
      </Typography>
      <Typography variant="body2" color="textSecondary">
        {history.historyStartsAt
          ? `History starts ${formatSeenAt(
              history.historyStartsAt,
            )}, when the governance backend first saw this partner; earlier moves are not known.`
          : 'No stage is recorded yet: history starts when the governance backend first sees this partner.'}
      </Typography>
      {history.items.length > 0 && (
        <ul className={classes.list} aria-label="Stage history">
          {history.items.map(entry => (
            <li key={entry.id}>
              <Typography variant="body2">
                {formatSeenAt(entry.seenAt)}: {moveLabel(entry)},{' '}
                <ChangedBy entry={entry} />
                {entry.sourceLocation && ` (from ${entry.sourceLocation})`}
                {!entry.allowed && (
                  <span className={classes.invalid}>
                    {' '}
                    - not allowed:{' '}
                    {entry.problem ?? 'the lifecycle forbids this move'}
                  </span>
                )}
              </Typography>
            </li>
          ))}
        </ul>
      )}
      {history.nextCursor && (
        <Typography variant="body2" color="textSecondary">
          Older moves are in the partner's audit trail.
        </Typography>
      )}
    </Box>
  );
}
