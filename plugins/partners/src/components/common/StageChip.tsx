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
import { makeStyles } from '@material-ui/core/styles';
import type { PartnerLifecycleStageName } from '@partner-governance/plugin-partners-common';
import { stageLabel } from './formatters';

const useStyles = makeStyles(theme => ({
  active: {
    color: theme.palette.primary.main,
    borderColor: theme.palette.primary.main,
  },
  leaving: {
    color: theme.palette.warning.main,
    borderColor: theme.palette.warning.main,
  },
  gone: {
    color: theme.palette.text.secondary,
    borderColor: theme.palette.divider,
  },
}));

/** A partner's lifecycle stage as a chip. */
export function StageChip(props: { stage: PartnerLifecycleStageName }) {
  const { stage } = props;
  const classes = useStyles();
  let className = classes.active;
  if (stage === 'offboarding') className = classes.leaving;
  if (stage === 'offboarded') className = classes.gone;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={stageLabel(stage)}
      className={className}
    />
  );
}
