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

import Chip from '@material-ui/core/Chip';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import {
  SEVERITIES,
  type Severity,
  type SeverityCounts,
} from '@partner-governance/plugin-partners-common';

/** Worst first, as people read them. */
const WORST_FIRST: readonly Severity[] = [...SEVERITIES].reverse();

function severityColor(theme: Theme, severity: Severity): string {
  switch (severity) {
    case 'critical':
      return theme.palette.error.main;
    case 'high':
      return theme.palette.warning.main;
    case 'medium':
      return theme.palette.info.main;
    default:
      return theme.palette.text.secondary;
  }
}

const useStyles = makeStyles(theme => ({
  chip: {
    marginRight: theme.spacing(0.5),
    marginBottom: theme.spacing(0.25),
    fontWeight: theme.typography.fontWeightMedium as number,
  },
  critical: {
    color: severityColor(theme, 'critical'),
    borderColor: severityColor(theme, 'critical'),
  },
  high: {
    color: severityColor(theme, 'high'),
    borderColor: severityColor(theme, 'high'),
  },
  medium: {
    color: severityColor(theme, 'medium'),
    borderColor: severityColor(theme, 'medium'),
  },
  low: {
    color: severityColor(theme, 'low'),
    borderColor: severityColor(theme, 'low'),
  },
}));

/** One severity as an outlined chip, coloured from the theme palette. */
export function SeverityChip(props: { severity: Severity; label?: string }) {
  const { severity, label } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={label ?? severity}
      className={`${classes.chip} ${classes[severity]}`}
    />
  );
}

/**
 * Open findings per severity, worst first; severities with no findings are
 * left out, and "None" is shown when there are none at all.
 */
export function SeverityChips(props: { counts: SeverityCounts }) {
  const { counts } = props;
  const present = WORST_FIRST.filter(severity => (counts[severity] ?? 0) > 0);
  if (present.length === 0) {
    return <span>None</span>;
  }
  return (
    <span
      aria-label={present
        .map(severity => `${counts[severity]} ${severity}`)
        .join(', ')}
    >
      {present.map(severity => (
        <SeverityChip
          key={severity}
          severity={severity}
          label={`${counts[severity]} ${severity}`}
        />
      ))}
    </span>
  );
}

/** Counts findings per severity. */
export function countSeverities(
  findings: ReadonlyArray<{ severity: Severity }>,
): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) {
    counts[finding.severity] += 1;
  }
  return counts;
}
