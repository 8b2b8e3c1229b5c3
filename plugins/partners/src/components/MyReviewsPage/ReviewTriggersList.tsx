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
import type {
  ReviewSummary,
  ReviewTrigger,
} from '@partner-governance/plugin-partners-common';
import { formatDateTime } from '../common/formatters';

const useStyles = makeStyles(theme => ({
  reason: {
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  values: {
    wordBreak: 'break-word',
  },
}));

function values(list: string[]): string {
  return list.length ? list.join(', ') : '(none)';
}

/** `The owner changed …`: a trigger's summary as a sentence. */
function sentence(summary: string): string {
  return summary
    ? `${summary[0].toLocaleUpperCase('en-US')}${summary.slice(1)}`
    : summary;
}

/** One change: what, from what to what, and when the refresh saw it. */
function describe(trigger: ReviewTrigger): string {
  const change =
    trigger.kind === 'identity-added'
      ? trigger.field
      : `${trigger.field}: ${values(trigger.before)} → ${values(
          trigger.after,
        )}`;
  return `${change} · seen ${formatDateTime(trigger.at)}`;
}

/**
 * Why an access review is due: by cadence, or now because the owner, the
 * partner's owner or tier, an identity's scopes, custodian or environment,
 * the accesses changed, or an identity was added; with each change.
 */
export function ReviewTriggersList(props: {
  review: Pick<ReviewSummary, 'dueReason' | 'triggers'>;
}) {
  const { review } = props;
  const classes = useStyles();
  const triggers = review.triggers ?? [];
  return (
    <>
      <Typography variant="body2" className={classes.reason}>
        {review.dueReason ?? 'Due by cadence.'}
      </Typography>
      {triggers.length > 0 && (
        <List dense aria-label="What changed">
          {triggers.map((trigger, index) => (
            <ListItem key={`${trigger.at}-${trigger.field}-${index}`}>
              <ListItemText
                primary={sentence(trigger.summary)}
                secondary={describe(trigger)}
                secondaryTypographyProps={{ className: classes.values }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </>
  );
}
