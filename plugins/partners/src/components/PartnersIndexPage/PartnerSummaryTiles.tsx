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
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  PARTNER_LIFECYCLE_STAGES,
  type PartnerLifecycleStageName,
} from '@partner-governance/plugin-partners-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { partnersApiRef } from '../../api';
import { stageLabel } from '../common/formatters';

/** The largest page the API serves; counts at this size read "100+". */
const MAX_PAGE = 100;

const useStyles = makeStyles(theme => ({
  tile: { height: '100%' },
  value: {
    fontSize: theme.typography.h4.fontSize,
    fontWeight: theme.typography.fontWeightBold as number,
  },
  stages: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
  },
}));

/** A count of one page: exact below the page size, "100+" at it. */
function pageCount(page: { items: unknown[]; nextCursor?: string }): string {
  return page.nextCursor ? `${page.items.length}+` : `${page.items.length}`;
}

/** The figures of the summary tiles. */
export interface PartnerSummaryFigures {
  byStage: Record<PartnerLifecycleStageName, string>;
  overdueReviews: string;
  openCriticalFindings: string;
}

/**
 * Computes the summary with what the API serves: one count per stage
 * (`GET /partners?stage=`), overdue reviews (pending reviews are ordered by
 * due date, so the overdue ones come first) and open critical findings.
 * Counts are exact up to 100 and read "100+" beyond.
 */
export async function loadSummary(
  partnersApi: typeof partnersApiRef.T,
): Promise<PartnerSummaryFigures> {
  const [stages, reviews, critical] = await Promise.all([
    Promise.all(
      PARTNER_LIFECYCLE_STAGES.map(stage =>
        partnersApi.listPartners({ stage, limit: MAX_PAGE }),
      ),
    ),
    partnersApi.listReviews({ status: 'pending', limit: MAX_PAGE }),
    partnersApi.listFindings({
      severity: 'critical',
      status: 'open',
      limit: MAX_PAGE,
    }),
  ]);
  const byStage = Object.fromEntries(
    PARTNER_LIFECYCLE_STAGES.map((stage, i) => [stage, pageCount(stages[i])]),
  ) as Record<PartnerLifecycleStageName, string>;
  const overdue = reviews.items.filter(r => r.overdue).length;
  const allOverdue = overdue === reviews.items.length && reviews.nextCursor;
  return {
    byStage,
    overdueReviews: allOverdue ? `${overdue}+` : `${overdue}`,
    openCriticalFindings: pageCount(critical),
  };
}

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

/** Summary tiles of the partner programme. */
export function PartnerSummaryTiles() {
  const classes = useStyles();
  const partnersApi = useApi(partnersApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => loadSummary(partnersApi),
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
  return (
    <Grid container spacing={2}>
      <Grid item xs={12} md={6}>
        <Tile title="Partners by stage">
          <div className={classes.stages}>
            {PARTNER_LIFECYCLE_STAGES.map(stage => (
              <div key={stage}>
                <Typography className={classes.value} component="p">
                  {value.byStage[stage]}
                </Typography>
                <Typography variant="body2" color="textSecondary">
                  {stageLabel(stage)}
                </Typography>
              </div>
            ))}
          </div>
        </Tile>
      </Grid>
      <Grid item xs={6} md={3}>
        <Tile title="Overdue reviews">
          <Typography className={classes.value} component="p">
            {value.overdueReviews}
          </Typography>
        </Tile>
      </Grid>
      <Grid item xs={6} md={3}>
        <Tile title="Open critical findings">
          <Typography className={classes.value} component="p">
            {value.openCriticalFindings}
          </Typography>
        </Tile>
      </Grid>
    </Grid>
  );
}
