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
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { PARTNER_LIFECYCLE_STAGES } from '@partner-governance/plugin-partners-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { partnersApiRef } from '../../api';
import { pluralDays, stageLabel } from '../common/formatters';
import { filtersSearch } from './partnerFilters';

const useStyles = makeStyles(theme => ({
  tile: { height: '100%' },
  value: {
    fontSize: theme.typography.h4.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  alert: { color: theme.palette.error.main },
  stages: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
}));

function Tile(props: { title: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Card className={classes.tile} variant="outlined">
      <CardContent>
        <Typography variant="overline" component="h2" color="textSecondary">
          {props.title}
        </Typography>
        {props.children}
      </CardContent>
    </Card>
  );
}

/** A count that links to the partners table filtered to what it counts. */
function Figure(props: {
  value: number;
  /** The query string of the filtered partner list. */
  to: string;
  label: string;
  alert?: boolean;
}) {
  const { value, to, label, alert } = props;
  const classes = useStyles();
  return (
    <Typography
      className={`${classes.value} ${alert && value > 0 ? classes.alert : ''}`}
      component="p"
    >
      <Link to={to} color="inherit" underline="hover" aria-label={label}>
        {value}
      </Link>
    </Typography>
  );
}

/**
 * Summary tiles of the partner programme, exact counts over live partners
 * (`GET /partners/summary`): partners per stage, overdue access reviews, open
 * critical findings and contracts ending within the policy's notice days.
 * Each figure links to the partner list filtered to what it counts.
 */
export function PartnerSummaryTiles() {
  const classes = useStyles();
  const partnersApi = useApi(partnersApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => partnersApi.getPartnersOverview(),
    [partnersApi],
  );
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} title="Summary unavailable" />;
  }
  if (!value) {
    return null;
  }
  const { byStage, reviews, openFindings, contractsEnding } = value;
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <Tile title="Partners by stage">
          <div className={classes.stages}>
            {PARTNER_LIFECYCLE_STAGES.map(stage => (
              <div key={stage}>
                <Figure
                  value={byStage[stage] ?? 0}
                  to={filtersSearch({ stage })}
                  label={`${byStage[stage] ?? 0} partners in ${stageLabel(
                    stage,
                  )}`}
                />
                <Typography variant="body2" color="textSecondary">
                  {stageLabel(stage)}
                </Typography>
              </div>
            ))}
          </div>
        </Tile>
      </Grid>
      <Grid item xs={12} sm={4} md={2}>
        <Tile title="Overdue reviews">
          <Figure
            value={reviews.overdue}
            to={filtersSearch({ hasOverdueReviews: true })}
            label={`${reviews.overdue} overdue reviews`}
            alert
          />
          <Typography variant="body2" color="textSecondary">
            of {reviews.pending} pending
          </Typography>
        </Tile>
      </Grid>
      <Grid item xs={12} sm={4} md={2}>
        <Tile title="Open critical findings">
          <Figure
            value={openFindings.critical}
            to={filtersSearch({ hasCriticalFindings: true })}
            label={`${openFindings.critical} open critical findings`}
            alert
          />
        </Tile>
      </Grid>
      <Grid item xs={12} sm={4} md={2}>
        <Tile title="Contracts ending">
          <Figure
            value={contractsEnding.count}
            to={filtersSearch({
              contractEndsWithinDays: contractsEnding.days,
            })}
            label={`${
              contractsEnding.count
            } contracts ending within ${pluralDays(contractsEnding.days)}`}
          />
          <Typography variant="body2" color="textSecondary">
            within {pluralDays(contractsEnding.days)}
          </Typography>
        </Tile>
      </Grid>
    </Grid>
  );
}
