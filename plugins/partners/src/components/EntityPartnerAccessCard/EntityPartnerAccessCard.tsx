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

import { ReactNode, useState } from 'react';
import {
  Box,
  Chip,
  Divider,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import type {
  AccessIdentity,
  EntityAccessItem,
  PendingReviewSummary,
} from '@partner-governance/plugin-partners-common';
import useAsync from 'react-use/esm/useAsync';
import { partnersApiRef } from '../../api';
import { formatDate } from '../common/formatters';
import { ObservationMarks } from '../common/ObservationCells';
import { PartnerStageTierChips } from '../common/PartnerStageTierChips';
import { ScopeChips } from '../common/ScopeChips';
import { SeverityChips } from '../common/SeverityChips';
import { useReviewLink } from '../common/useReviewLink';

/** Integrations shown per page of the card. */
const INTEGRATIONS_PER_PAGE = 5;
/** Identities listed per integration; the rest are on the integration page. */
const MAX_IDENTITIES = 15;

function plural(count: number, singular: string, pluralForm?: string) {
  return `${count} ${count === 1 ? singular : pluralForm ?? `${singular}s`}`;
}

const useStyles = makeStyles(theme => ({
  item: {
    padding: theme.spacing(2, 0),
  },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(1, 0),
  },
  fact: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
  identities: {
    '& td, & th': {
      paddingLeft: theme.spacing(1),
      paddingRight: theme.spacing(1),
    },
  },
  revoked: {
    color: theme.palette.text.disabled,
  },
  overdue: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
}));

function Fact(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <div className={classes.fact}>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
      <div>{props.children}</div>
    </div>
  );
}

function StatusChip(props: { status: AccessIdentity['status'] }) {
  const { status } = props;
  if (status === 'active') {
    return <Chip size="small" variant="outlined" label="active" />;
  }
  return (
    <Chip
      size="small"
      color={status === 'suspended' ? 'secondary' : 'default'}
      label={status}
    />
  );
}

/** An integration has at most one pending review: pending or overdue. */
function ReviewCounts(props: { pendingReview?: PendingReviewSummary }) {
  const { pendingReview } = props;
  const classes = useStyles();
  const reviewLink = useReviewLink();
  if (!pendingReview) {
    return (
      <Typography variant="body2" color="textSecondary">
        None pending
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <Chip
        size="small"
        variant="outlined"
        label={`1 pending, due ${formatDate(pendingReview.dueAt)}`}
      />
      {pendingReview.overdue && (
        <Chip size="small" className={classes.overdue} label="1 overdue" />
      )}
      {reviewLink && (
        <Link
          to={reviewLink(pendingReview.id)}
          aria-label={`Open access review #${pendingReview.id}`}
        >
          Review
        </Link>
      )}
    </Box>
  );
}

function IdentityTable(props: {
  integration: EntityAccessItem;
  identities: AccessIdentity[];
}) {
  const { integration, identities } = props;
  const classes = useStyles();
  if (identities.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No identities are granted for this integration.
      </Typography>
    );
  }
  const shown = identities.slice(0, MAX_IDENTITIES);
  return (
    <>
      <Table
        size="small"
        className={classes.identities}
        aria-label={`Identities of ${
          integration.title ?? integration.entityRef
        }`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Type</TableCell>
            <TableCell>Name</TableCell>
            <TableCell>Scopes</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell>Status</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map(identity => (
            <TableRow
              key={identity.name}
              className={
                identity.status === 'revoked' ? classes.revoked : undefined
              }
            >
              <TableCell>{identity.type}</TableCell>
              <TableCell>
                <Box
                  display="flex"
                  flexWrap="wrap"
                  alignItems="center"
                  style={{ gap: 4 }}
                >
                  {identity.name}
                  <ObservationMarks observation={identity.observation} />
                </Box>
              </TableCell>
              <TableCell>
                <ScopeChips
                  scopes={identity.scopes}
                  privileged={identity.privileged}
                />
              </TableCell>
              <TableCell>
                {identity.lastUsed ? formatDate(identity.lastUsed) : 'never'}
              </TableCell>
              <TableCell>
                <StatusChip status={identity.status} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {identities.length > shown.length && (
        <Typography variant="body2" color="textSecondary">
          {plural(
            identities.length - shown.length,
            'more identity',
            'more identities',
          )}{' '}
          on the{' '}
          <EntityRefLink
            entityRef={integration.entityRef}
            defaultKind="partnerintegration"
          >
            integration page
          </EntityRefLink>
          .
        </Typography>
      )}
    </>
  );
}

function AccessItemView(props: { item: EntityAccessItem }) {
  const { item } = props;
  const classes = useStyles();
  return (
    <div className={classes.item}>
      <div className={classes.heading}>
        <Typography variant="h6" component="h3">
          {/* named as the API names it: the catalog shows an integration
              only to those with a stake in it */}
          <EntityRefLink
            entityRef={item.entityRef}
            defaultKind="partnerintegration"
          >
            {item.title ?? parseEntityRef(item.entityRef).name}
          </EntityRefLink>
        </Typography>
        <Chip size="small" variant="outlined" label={item.type} />
        {item.environment && (
          <Chip size="small" variant="outlined" label={item.environment} />
        )}
      </div>
      <div className={classes.facts}>
        <Fact label="Partner">
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <EntityRefLink
              entityRef={item.partner.entityRef}
              defaultKind="partner"
            />
            <PartnerStageTierChips
              stage={item.partner.stage}
              tier={item.partner.tier}
            />
          </Box>
        </Fact>
        <Fact label="Integration owner">
          <EntityRefLink entityRef={item.owner} defaultKind="group" />
        </Fact>
        {item.accessPackage && (
          <Fact label="Access package">
            <Typography variant="body2">{item.accessPackage}</Typography>
          </Fact>
        )}
        <Fact label="Reviews">
          <ReviewCounts pendingReview={item.pendingReview} />
        </Fact>
        <Fact label="Open findings">
          <SeverityChips counts={item.openFindings} />
        </Fact>
      </div>
      <IdentityTable integration={item} identities={item.identities} />
    </div>
  );
}

/**
 * The partners and integrations that access the current entity: partner
 * stage and tier, integration owner, identities with scopes (marked when
 * their identity source did not see them or sees scopes they do not
 * declare), review counts and open findings.
 *
 * @public
 */
export function EntityPartnerAccessCard(props: { title?: string }) {
  const { title = 'Partner access' } = props;
  const { entity } = useEntity();
  const partnersApi = useApi(partnersApiRef);
  const entityRef = stringifyEntityRef(entity);
  // The cursor of each page shown so far: the last is the current page's.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const page = cursors.length - 1;
  const cursor = cursors[page];

  const { value, loading, error } = useAsync(
    () =>
      partnersApi.getEntityAccess(entityRef, {
        limit: INTEGRATIONS_PER_PAGE,
        cursor,
      }),
    [partnersApi, entityRef, cursor],
  );

  if (loading) {
    return (
      <InfoCard title={title}>
        <Progress />
      </InfoCard>
    );
  }
  if (error) {
    return (
      <InfoCard title={title}>
        <ResponseErrorPanel error={error} />
      </InfoCard>
    );
  }

  const items: EntityAccessItem[] = value?.items ?? [];
  const name = entity.metadata.title ?? entity.metadata.name;

  if (items.length === 0) {
    return (
      <InfoCard title={title}>
        <Typography variant="body1">
          No partner integration accesses {name}.
        </Typography>
      </InfoCard>
    );
  }

  const totals = value?.totals ?? { integrations: 0, partners: 0 };
  const nextCursor = value?.nextCursor;
  const onPageChange = (next: number) => {
    if (next > page && nextCursor) {
      setCursors([...cursors, nextCursor]);
    } else if (next < page) {
      setCursors(cursors.slice(0, next + 1));
    }
  };

  return (
    <InfoCard
      title={title}
      subheader={`${plural(totals.partners, 'partner')} through ${plural(
        totals.integrations,
        'integration',
      )} access ${name}`}
    >
      {items.map((item, index) => (
        <div key={item.entityRef}>
          {index > 0 && <Divider />}
          <AccessItemView item={item} />
        </div>
      ))}
      {totals.integrations > INTEGRATIONS_PER_PAGE && (
        <TablePagination
          component="div"
          count={totals.integrations}
          page={page}
          rowsPerPage={INTEGRATIONS_PER_PAGE}
          rowsPerPageOptions={[INTEGRATIONS_PER_PAGE]}
          onPageChange={(_event, next) => onPageChange(next)}
        />
      )}
    </InfoCard>
  );
}
