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
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  isPartnerEntityV1alpha1,
  type PartnerDetails,
  type PartnerEntityV1alpha1,
  type PartnerReviewCounts,
} from '@partner-governance/plugin-partners-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { partnersApiRef } from '../../api';
import { isNotFound } from '../common/isNotFound';
import { LifecycleStepper } from '../LifecycleStepper';
import { formatDate, humanize, NONE } from '../common/formatters';
import { SeverityChips } from '../common/SeverityChips';
import { SuspendPartnerButton } from '../SuspendPartner';
import { ContractFacts } from './ContractFacts';

const useStyles = makeStyles(theme => ({
  label: {
    color: theme.palette.text.secondary,
    fontSize: theme.typography.caption.fontSize,
    textTransform: 'uppercase',
    fontWeight: theme.typography.fontWeightBold as number,
    letterSpacing: 0.5,
  },
  value: {
    overflowWrap: 'anywhere',
  },
}));

function Field(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={6} md={4}>
      <Typography variant="body2" component="h3" className={classes.label}>
        {props.label}
      </Typography>
      <Typography variant="body2" component="div" className={classes.value}>
        {props.children}
      </Typography>
    </Grid>
  );
}

/** Pending and overdue access reviews, overdue in the error colour. */
function ReviewCounts(props: { counts: PartnerReviewCounts }) {
  const { pending, overdue } = props.counts;
  if (pending === 0) {
    return <>None pending</>;
  }
  return (
    <>
      {`${pending} pending`}
      {overdue > 0 && (
        <Typography variant="body2" component="span" color="error">
          {`, ${overdue} overdue`}
        </Typography>
      )}
    </>
  );
}

/** The governance facts of a partner that do not need the backend. */
function PartnerFacts(props: {
  partner: PartnerEntityV1alpha1;
  details?: PartnerDetails;
}) {
  const { partner, details } = props;
  const { risk } = partner.spec;
  const dueDiligence = risk.dueDiligence;
  return (
    <Grid container spacing={2}>
      <Field label="Business owner">
        <EntityRefLink entityRef={partner.spec.owner} defaultKind="group" />
      </Field>
      <Field label="Type">{humanize(partner.spec.type)}</Field>
      <Field label="Risk tier">{humanize(risk.tier)}</Field>
      <Field label="Criticality">{humanize(risk.criticality)}</Field>
      <Field label="Data access">
        {risk.dataAccess?.length ? risk.dataAccess.join(', ') : NONE}
      </Field>
      <Field label="Due diligence">
        {dueDiligence?.completed
          ? `Completed ${formatDate(dueDiligence.completed)}${
              dueDiligence.reference ? ` (${dueDiligence.reference})` : ''
            }`
          : 'Not completed'}
      </Field>
      <ContractFacts
        partner={partner}
        details={details}
        field={(label, children) => <Field label={label}>{children}</Field>}
      />
      <Field label="Last activity">
        {formatDate(partner.spec.lastActivity)}
      </Field>
      {risk.ai?.supplies && (
        <Field label="AI supplier">
          {risk.ai.contingencyPlan
            ? `Contingency plan: ${risk.ai.contingencyPlan}`
            : 'No contingency plan'}
        </Field>
      )}
      {details && (
        <>
          <Field label="Open findings">
            <SeverityChips counts={details.openFindings} />
          </Field>
          <Field label="Integrations">{details.integrations.length}</Field>
          <Field label="Access reviews">
            <ReviewCounts counts={details.reviews} />
          </Field>
        </>
      )}
    </Grid>
  );
}

/**
 * The partner's governance overview: its lifecycle with stage owners and what
 * is missing to move on, risk, contract and due diligence, and open findings;
 * holders of `partners.partner.suspend` suspend the partner from here.
 */
export function PartnerOverviewCard() {
  const { entity } = useEntity();
  const partnersApi = useApi(partnersApiRef);
  const partnerRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => partnersApi.getPartner(partnerRef),
    [partnersApi, partnerRef],
  );
  // Only an offboarding partner's checklist decides whether it can move on.
  const offboardingStage =
    isPartnerEntityV1alpha1(entity) &&
    entity.spec.lifecycle.stage === 'offboarding';
  const isPartner = isPartnerEntityV1alpha1(entity);
  const stageHistory = useAsyncRetry(
    async () =>
      isPartner
        ? partnersApi.getStageHistory(partnerRef, { limit: 100 })
        : undefined,
    [partnersApi, partnerRef, isPartner],
  );
  const offboarding = useAsyncRetry(
    async () =>
      offboardingStage
        ? (await partnersApi.getOffboarding(partnerRef)).checklist ?? null
        : undefined,
    [partnersApi, partnerRef, offboardingStage],
  );

  if (!isPartnerEntityV1alpha1(entity)) {
    return (
      <InfoCard title="Partner governance">
        <EmptyState
          missing="info"
          title="Not a partner"
          description={`${partnerRef} is not a Partner of partners.governance.dev/v1alpha1.`}
        />
      </InfoCard>
    );
  }

  let backendPart: ReactNode = null;
  if (loading) {
    backendPart = <Progress />;
  } else if (isNotFound(error)) {
    backendPart = (
      <Typography variant="body2" color="textSecondary">
        The partner is not in the governance index yet; findings appear after
        the next sync.
      </Typography>
    );
  } else if (error) {
    backendPart = <ResponseErrorPanel error={error} />;
  }

  return (
    <InfoCard
      title="Partner governance"
      subheader={partnerRef}
      action={
        <Box p={1}>
          <SuspendPartnerButton
            partnerRef={partnerRef}
            partnerTitle={entity.metadata.title}
            onSuspended={() => {
              retry();
              offboarding.retry();
            }}
          />
        </Box>
      }
    >
      <LifecycleStepper
        partner={entity}
        integrations={value?.integrations}
        findings={value?.findings}
        offboarding={offboarding.value}
        loading={loading || offboarding.loading}
        history={stageHistory.value}
        historyError={stageHistory.error}
      />
      <Typography variant="h6" component="h2" gutterBottom>
        Risk and contract
      </Typography>
      <PartnerFacts partner={entity} details={value} />
      {backendPart}
    </InfoCard>
  );
}
