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

import Box from '@material-ui/core/Box';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  lifecycleGaps,
  PARTNER_LIFECYCLE_STAGES,
  PARTNER_STAGE_REQUIREMENTS,
  stageIndex,
  type LifecycleGapInput,
  type StageHistory,
} from '@partner-governance/plugin-partners-common';
import { stageLabel } from '../common/formatters';
import { StageEntered } from './StageEntered';
import { StageHistoryList } from './StageHistoryList';
import { latestEntries } from './stageHistory';

const useStyles = makeStyles(theme => ({
  stepper: {
    padding: theme.spacing(2, 0),
    backgroundColor: 'transparent',
    overflowX: 'auto',
  },
  current: {
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.primary.main,
  },
  missing: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(3),
  },
}));

/** Props of {@link LifecycleStepper}. @public */
export type LifecycleStepperProps = LifecycleGapInput & {
  /** The integrations and findings are still loading. */
  loading?: boolean;
  /**
   * The partner's stage history (`GET /partners/{ref}/stage-history`):
   * when each stage was entered and by whose change. Not shown without it.
   */
  history?: StageHistory;
  /** Why the stage history could not be read; nothing is said of a 404. */
  historyError?: Error;
};

/**
 * The partner's lifecycle as a stepper: the five stages in order, the current
 * one highlighted, each stage's owner, when it was last entered and by whose
 * change (a move the lifecycle does not allow is marked), what is still
 * missing to move on, and the stage history with when it starts.
 *
 * @public
 */
export function LifecycleStepper(props: LifecycleStepperProps) {
  const { partner, loading, history, historyError } = props;
  const classes = useStyles();
  const stage = partner.spec.lifecycle.stage;
  const current = stageIndex(stage);
  const stageOwners = partner.spec.lifecycle.stageOwners ?? {};
  const { nextStage, missing } = lifecycleGaps(props);
  const entered = latestEntries(history);

  return (
    <Box>
      <Stepper
        activeStep={current}
        alternativeLabel
        className={classes.stepper}
        aria-label="Partner lifecycle"
      >
        {PARTNER_LIFECYCLE_STAGES.map((name, index) => {
          const owner = name === 'offboarded' ? undefined : stageOwners[name];
          const entry = entered[name];
          return (
            <Step
              key={name}
              completed={index < current}
              aria-current={index === current ? 'step' : undefined}
            >
              <StepLabel
                error={entry ? !entry.allowed : false}
                optional={
                  <>
                    {name !== 'offboarded' && (
                      <Typography variant="caption" component="span">
                        {owner ? (
                          <EntityRefLink
                            entityRef={owner}
                            defaultKind="group"
                          />
                        ) : (
                          'No stage owner'
                        )}
                      </Typography>
                    )}
                    {entry && <StageEntered entry={entry} />}
                  </>
                }
              >
                <span
                  className={index === current ? classes.current : undefined}
                >
                  {stageLabel(name)}
                </span>
              </StepLabel>
            </Step>
          );
        })}
      </Stepper>
      <Typography variant="body2" color="textSecondary">
        {PARTNER_STAGE_REQUIREMENTS[stage]}
      </Typography>
      {nextStage && (
        <Box mt={1}>
          <Typography variant="subtitle2" component="h3">
            {missing.length > 0 && `Missing to move on to ${nextStage}:`}
            {missing.length === 0 &&
              (loading
                ? `Checking what is missing to move on to ${nextStage}…`
                : `Nothing is missing to move on to ${nextStage}.`)}
          </Typography>
          {missing.length > 0 && (
            <ul className={classes.missing}>
              {missing.map(item => (
                <li key={item}>
                  <Typography variant="body2">{item}</Typography>
                </li>
              ))}
            </ul>
          )}
        </Box>
      )}
      <StageHistoryList history={history} error={historyError} />
    </Box>
  );
}
