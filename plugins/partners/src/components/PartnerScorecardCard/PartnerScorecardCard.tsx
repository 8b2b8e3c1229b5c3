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

import type { ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { isPartnerEntityV1alpha1 } from '@partner-governance/plugin-partners-common';
import { usePartnerDetails } from '../PartnerContent/usePartnerDetails';

const useStyles = makeStyles(theme => ({
  value: {
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

function Measure(props: {
  title: string;
  value: string;
  detail: string;
  ratio?: number;
}) {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={6}>
      <Typography variant="overline" component="h3" color="textSecondary">
        {props.title}
      </Typography>
      <Typography className={classes.value} component="p">
        {props.value}
      </Typography>
      {props.ratio !== undefined && (
        <LinearProgress
          variant="determinate"
          value={props.ratio * 100}
          aria-label={`${props.title}: ${props.value}`}
        />
      )}
      <Typography variant="caption" color="textSecondary">
        {props.detail}
      </Typography>
    </Grid>
  );
}

/**
 * The partner's measurement scorecard, as the governance backend computes
 * it (the evidence pack carries the same numbers): control adherence (share
 * of rules with no open finding), usage (active identities used in the last
 * 30 days), open exceptions and incidents in the last 12 months.
 */
export function PartnerScorecardCard() {
  const details = usePartnerDetails();

  let content: ReactNode;
  if (!isPartnerEntityV1alpha1(details.entity)) {
    content = (
      <EmptyState
        missing="info"
        title="Not a partner"
        description="The scorecard is for Partner entities."
      />
    );
  } else if (details.error) {
    content = <ResponseErrorPanel error={details.error} />;
  } else if (!details.value) {
    content = <Progress />;
  } else {
    const card = details.value.scorecard;
    const { passing, total } = card.controlAdherence;
    const { used, granted } = card.usage;
    content = (
      <Grid container spacing={2}>
        <Measure
          title="Control adherence"
          value={`${Math.round((passing / total) * 100)}%`}
          detail={`${passing} of ${total} rules without an open finding`}
          ratio={passing / total}
        />
        <Measure
          title="Usage"
          value={granted === 0 ? 'No identities' : `${used} of ${granted}`}
          detail="Active identities used in the last 30 days"
          ratio={granted === 0 ? undefined : used / granted}
        />
        <Measure
          title="Open exceptions"
          value={`${card.openExceptions}`}
          detail="Approved and unexpired"
        />
        <Measure
          title="Incidents"
          value={`${card.incidentsLastYear}`}
          detail="In the last 12 months"
        />
      </Grid>
    );
  }
  return <InfoCard title="Measurement scorecard">{content}</InfoCard>;
}
