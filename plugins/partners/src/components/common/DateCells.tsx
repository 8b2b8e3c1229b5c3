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

import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  daysSince,
  formatDate,
  formatDateTime,
  NONE,
  relativeDays,
  relativeTime,
} from './formatters';

/**
 * A date with its age under it (`2026-11-01`, `30 days ago`), in the error
 * colour when `flagged`; `—` when absent.
 */
export function DateWithAge(props: { date?: string; flagged?: boolean }) {
  const { date, flagged } = props;
  if (!date) {
    return <>{NONE}</>;
  }
  const age = daysSince(date);
  return (
    <Typography
      variant="body2"
      component="span"
      color={flagged ? 'error' : 'inherit'}
    >
      {formatDate(date)}
      {age !== undefined && (
        <Typography variant="caption" component="div" color="textSecondary">
          {relativeDays(-age)}
        </Typography>
      )}
    </Typography>
  );
}

/**
 * A timestamp as how long ago it was (`3 hours ago`), the exact date and
 * time on hover; `—` when absent.
 */
export function RelativeDateTime(props: { value?: string; prefix?: string }) {
  const { value, prefix } = props;
  if (!value) {
    return <>{NONE}</>;
  }
  const relative = relativeTime(value) || formatDateTime(value);
  return (
    <Tooltip title={formatDateTime(value)}>
      <time dateTime={value}>
        {prefix ? `${prefix} ${relative}` : relative}
      </time>
    </Tooltip>
  );
}
