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
import type {
  PartnerLifecycleStageName,
  RiskTier,
} from '@partner-governance/plugin-partners-common';
import { StageChip } from './StageChip';

function tierColor(theme: Theme, tier: RiskTier): string {
  switch (tier) {
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
  root: {
    display: 'inline-flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
  critical: {
    color: tierColor(theme, 'critical'),
    borderColor: tierColor(theme, 'critical'),
  },
  high: {
    color: tierColor(theme, 'high'),
    borderColor: tierColor(theme, 'high'),
  },
  medium: {
    color: tierColor(theme, 'medium'),
    borderColor: tierColor(theme, 'medium'),
  },
  low: {
    color: tierColor(theme, 'low'),
    borderColor: tierColor(theme, 'low'),
  },
}));

/** A partner's risk tier as an outlined chip, coloured from the theme. */
export function RiskTierChip(props: { tier: RiskTier }) {
  const { tier } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      variant="outlined"
      label={`${tier} risk`}
      className={classes[tier]}
    />
  );
}

/**
 * A partner's lifecycle stage and risk tier side by side; either is left out
 * when unknown (a partner that is not in the catalog).
 */
export function PartnerStageTierChips(props: {
  stage?: PartnerLifecycleStageName;
  tier?: RiskTier;
}) {
  const { stage, tier } = props;
  const classes = useStyles();
  if (!stage && !tier) {
    return null;
  }
  return (
    <span className={classes.root}>
      {stage && <StageChip stage={stage} />}
      {tier && <RiskTierChip tier={tier} />}
    </span>
  );
}
