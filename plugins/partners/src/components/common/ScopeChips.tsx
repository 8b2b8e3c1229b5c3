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

import { Chip, makeStyles, Typography } from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
  },
  scope: {
    fontFamily: theme.typography.fontFamily,
    maxWidth: '100%',
  },
}));

/** An identity's scopes as small outlined chips. */
export function ScopeChips(props: { scopes: string[]; privileged?: boolean }) {
  const { scopes, privileged } = props;
  const classes = useStyles();
  if (scopes.length === 0 && !privileged) {
    return (
      <Typography variant="body2" color="textSecondary">
        No scopes
      </Typography>
    );
  }
  return (
    <span className={classes.root}>
      {privileged && <Chip size="small" color="secondary" label="privileged" />}
      {scopes.map(scope => (
        <Chip
          key={scope}
          size="small"
          variant="outlined"
          className={classes.scope}
          label={scope}
        />
      ))}
    </span>
  );
}
