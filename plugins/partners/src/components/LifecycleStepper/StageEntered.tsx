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

import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { StageHistoryEntry } from '@partner-governance/plugin-partners-common';
import { formatSeenAt } from './stageHistory';

const useStyles = makeStyles(theme => ({
  line: { display: 'block' },
  invalid: {
    display: 'block',
    color: theme.palette.error.main,
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

/**
 * By whose change, as far as it is known: the requester the Partner file
 * named, else the sync run that saw it (shown to those who may read the
 * partner's details), else that the file named no one.
 */
export function ChangedBy(props: { entry: StageHistoryEntry }) {
  const { changedBy, recordedBy } = props.entry;
  if (changedBy) {
    return (
      <>
        requested by <EntityRefLink entityRef={changedBy} defaultKind="user" />
      </>
    );
  }
  if (recordedBy) {
    return (
      <>seen by the sync run of {recordedBy}; the file names no requester</>
    );
  }
  return <>the file names no requester</>;
}

/** Under a stage of the stepper: when it was entered, by whose change, and whether the move was allowed. */
export function StageEntered(props: { entry: StageHistoryEntry }) {
  const { entry } = props;
  const classes = useStyles();
  return (
    <>
      <Typography variant="caption" component="span" className={classes.line}>
        {entry.previousStage ? 'Entered' : 'First seen'}{' '}
        {formatSeenAt(entry.seenAt)}
      </Typography>
      <Typography variant="caption" component="span" className={classes.line}>
        <ChangedBy entry={entry} />
      </Typography>
      {!entry.allowed && (
        <Typography
          variant="caption"
          component="span"
          className={classes.invalid}
        >
          Not allowed: {entry.problem ?? 'the lifecycle forbids this move'}
        </Typography>
      )}
    </>
  );
}
