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

import {
  List,
  ListItem,
  ListItemText,
  makeStyles,
  Typography,
} from '@material-ui/core';
import type { ReviewChanges } from '@partner-governance/plugin-partners-common';
import { formatDate } from '../common/formatters';

const useStyles = makeStyles(theme => ({
  added: {
    color: theme.palette.success.main,
  },
  removed: {
    color: theme.palette.error.main,
  },
}));

/**
 * What changed in the integration since its last decided review: identities
 * added and removed, scopes changed; or that this is its first review.
 */
export function ReviewChangesList(props: { changes?: ReviewChanges }) {
  const { changes } = props;
  const classes = useStyles();
  if (!changes) {
    return (
      <Typography variant="body2" color="textSecondary">
        This is the first review of this integration.
      </Typography>
    );
  }
  const none =
    changes.added.length === 0 &&
    changes.removed.length === 0 &&
    changes.scopeChanges.length === 0;
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        Since the last decision on {formatDate(changes.since)}
      </Typography>
      {none ? (
        <Typography variant="body2">No identity or scope changed.</Typography>
      ) : (
        <List dense aria-label="Changes since the last decision">
          {changes.added.map(name => (
            <ListItem key={`added-${name}`}>
              <ListItemText
                primary={
                  <>
                    <span className={classes.added}>Added</span> identity {name}
                  </>
                }
              />
            </ListItem>
          ))}
          {changes.removed.map(name => (
            <ListItem key={`removed-${name}`}>
              <ListItemText
                primary={
                  <>
                    <span className={classes.removed}>Removed</span> identity{' '}
                    {name}
                  </>
                }
              />
            </ListItem>
          ))}
          {changes.scopeChanges.map(change => (
            <ListItem key={`scopes-${change.name}`}>
              <ListItemText
                primary={`Scopes of ${change.name} changed`}
                secondary={[
                  change.added.length > 0
                    ? `added ${change.added.join(', ')}`
                    : '',
                  change.removed.length > 0
                    ? `removed ${change.removed.join(', ')}`
                    : '',
                ]
                  .filter(Boolean)
                  .join('; ')}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}
