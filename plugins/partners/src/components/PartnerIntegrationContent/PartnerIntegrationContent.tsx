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

import { useMemo, type ReactNode } from 'react';
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
import { isPartnerIntegrationEntityV1alpha1 } from '@partner-governance/plugin-partners-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { partnersApiRef } from '../../api';
import { isNotFound } from '../common/isNotFound';
import { ExceptionsTable } from '../ExceptionRequestDialog/ExceptionsTable';
import { FindingsTable } from '../FindingsByRule/FindingsTable';
import {
  IDENTITIES_PAGE_SIZE,
  IdentitiesTable,
  type IdentityIntegration,
} from '../common/IdentitiesTable';
import { ReviewsTable } from '../common/ReviewsTable';
import { PartnerStageTierChips } from '../common/PartnerStageTierChips';
import { SeverityChips } from '../common/SeverityChips';
import { humanize } from '../common/formatters';
import { usePagedList } from '../common/usePagedList';

const useStyles = makeStyles(theme => ({
  label: {
    color: theme.palette.text.secondary,
    fontSize: theme.typography.caption.fontSize,
    textTransform: 'uppercase',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

function Field(props: { label: string; children: ReactNode; wide?: boolean }) {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={props.wide ? 12 : 6}>
      <Typography variant="body2" component="h3" className={classes.label}>
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </Grid>
  );
}

function NotAnIntegration(props: { title: string }) {
  const { entity } = useEntity();
  return (
    <InfoCard title={props.title}>
      <EmptyState
        missing="info"
        title="Not a partner integration"
        description={`${stringifyEntityRef(
          entity,
        )} is not a PartnerIntegration of partners.governance.dev/v1alpha1.`}
      />
    </InfoCard>
  );
}

/**
 * What the integration is and what it accesses: its partner (with stage and
 * tier), owner, environment, access package, accessed entities and open
 * findings.
 */
export function PartnerIntegrationOverviewCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const partnersApi = useApi(partnersApiRef);
  const integration = isPartnerIntegrationEntityV1alpha1(entity)
    ? entity
    : undefined;
  const partnerRef = integration?.spec.partner;
  const { value, loading, error } = useAsyncRetry(
    async () => (partnerRef ? partnersApi.getPartner(partnerRef) : undefined),
    [partnersApi, partnerRef],
  );
  if (!integration) {
    return <NotAnIntegration title="Partner integration" />;
  }
  const ref = stringifyEntityRef(integration).toLocaleLowerCase('en-US');
  const findings = (value?.findings ?? []).filter(
    f => f.entityRef.toLocaleLowerCase('en-US') === ref,
  );
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  findings.forEach(f => {
    counts[f.severity] += 1;
  });
  const { spec } = integration;
  return (
    <InfoCard title="Partner integration">
      <Grid container spacing={2}>
        <Field label="Partner">
          <EntityRefLink entityRef={spec.partner} defaultKind="partner" />{' '}
          {value && (
            <PartnerStageTierChips stage={value.stage} tier={value.tier} />
          )}
        </Field>
        <Field label="Owner">
          <EntityRefLink entityRef={spec.owner} defaultKind="group" />
        </Field>
        <Field label="Type">{humanize(spec.type)}</Field>
        <Field label="Environment">{humanize(spec.environment)}</Field>
        <Field label="Access package">
          {spec.accessPackage ??
            'None (every integration of a partner in enablement or later needs one)'}
        </Field>
        <Field label="Identities">{spec.identities?.length ?? 0}</Field>
        <Field label="Accesses" wide>
          {spec.accesses?.length ? (
            <ul className={classes.list}>
              {spec.accesses.map(target => (
                <li key={target}>
                  <EntityRefLink entityRef={target} />
                </li>
              ))}
            </ul>
          ) : (
            'No catalog entity'
          )}
        </Field>
        <Field label="Open findings" wide>
          {loading && <Progress />}
          {error && !isNotFound(error) && <ResponseErrorPanel error={error} />}
          {isNotFound(error) &&
            'The partner is not in the governance index yet.'}
          {value && <SeverityChips counts={counts} />}
        </Field>
      </Grid>
    </InfoCard>
  );
}

/**
 * The integration's live non-human identities
 * (`GET /partners/{partner}/identities?integration=`), paged on the server,
 * with the rules of their open findings.
 */
export function PartnerIntegrationIdentitiesContent() {
  const { entity } = useEntity();
  const partnersApi = useApi(partnersApiRef);
  const integration = isPartnerIntegrationEntityV1alpha1(entity)
    ? entity
    : undefined;
  const ref = stringifyEntityRef(entity);
  const partnerRef = integration?.spec.partner ?? '';
  const list = usePagedList(`${partnerRef} ${ref}`, async cursor =>
    partnerRef
      ? partnersApi.listPartnerIdentities(partnerRef, {
          integration: ref,
          limit: IDENTITIES_PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        })
      : { items: [] },
  );
  const owner = integration?.spec.owner;
  const title = integration?.metadata.title;
  const integrations = useMemo(
    () =>
      new Map<string, IdentityIntegration>([
        [ref.toLocaleLowerCase('en-US'), { title, owner }],
      ]),
    [ref, title, owner],
  );
  if (!integration) {
    return <NotAnIntegration title="Identities" />;
  }
  if (isNotFound(list.error)) {
    return (
      <InfoCard title="Identities">
        <EmptyState
          missing="data"
          title="Not indexed yet"
          description="The partner is not in the governance index yet; its identities appear after the next sync."
        />
      </InfoCard>
    );
  }
  return (
    <InfoCard title="Identities" noPadding>
      <IdentitiesTable
        list={list}
        integrations={integrations}
        emptyContent={
          <EmptyState
            missing="data"
            title="No identities"
            description="This integration holds no live non-human identity."
          />
        }
      />
    </InfoCard>
  );
}

/** Findings about the integration and its identities. */
export function PartnerIntegrationFindingsContent() {
  const { entity } = useEntity();
  return (
    <InfoCard title="Findings" noPadding>
      <FindingsTable filter={{ entity: stringifyEntityRef(entity) }} />
    </InfoCard>
  );
}

/** Exceptions to the integration's findings. */
export function PartnerIntegrationExceptionsContent() {
  const { entity } = useEntity();
  return <ExceptionsTable entity={stringifyEntityRef(entity)} />;
}

/**
 * The integration's access reviews (`GET /reviews?integration=`), pending or
 * all, by due date and paged on the server; each links to the review on the
 * reviews page.
 */
export function PartnerIntegrationHistoryContent() {
  const { entity } = useEntity();
  return (
    <ReviewsTable
      title="Access reviews"
      filter={{ integration: stringifyEntityRef(entity) }}
    />
  );
}
