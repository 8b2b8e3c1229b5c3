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
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  BlastRadius,
  BlastRadiusEntity,
  BlastRadiusIdentity,
} from '@partner-governance/plugin-partners-common';
import { humanize } from '../common/formatters';
import { ScopeChips } from '../common/ScopeChips';

function count(value: number, singular: string, plural: string): string {
  return `${value} ${value === 1 ? singular : plural}`;
}

/** How far an entity is, for people: `1 step`, `3 steps`. */
function steps(distance: number): string {
  return count(distance, 'step', 'steps');
}

/** How an entity is reached: `dependsOn from orders-api`. */
function viaText(entity: BlastRadiusEntity): ReactNode {
  return (
    <>
      {entity.via} from <EntityRefLink entityRef={entity.from} />
    </>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function RevocableMark(props: { identity: BlastRadiusIdentity }) {
  const { identity } = props;
  if (identity.revocable) {
    return (
      <Chip
        size="small"
        color="secondary"
        label={`Revoked through ${identity.observedAs ?? 'its source'}`}
      />
    );
  }
  return <Chip size="small" variant="outlined" label="Revoke by hand" />;
}

function BlastIdentitiesTable(props: { identities: BlastRadiusIdentity[] }) {
  const { identities } = props;
  if (identities.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The partner holds no live identity.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Identities the suspension revokes">
      <TableHead>
        <TableRow>
          <TableCell>Identity</TableCell>
          <TableCell>Integration</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Scopes</TableCell>
          <TableCell>Revocation</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {identities.map(identity => (
          <TableRow key={`${identity.integrationRef} ${identity.name}`}>
            <TableCell>
              {identity.name}
              <Typography
                variant="caption"
                component="div"
                color="textSecondary"
              >
                {humanize(identity.type)}
                {identity.environment ? `, ${identity.environment}` : ''}
              </Typography>
            </TableCell>
            <TableCell>
              <EntityRefLink
                entityRef={identity.integrationRef}
                defaultKind="PartnerIntegration"
              />
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {humanize(identity.status)}
            </TableCell>
            <TableCell>
              <ScopeChips
                scopes={identity.scopes}
                privileged={identity.privileged}
              />
            </TableCell>
            <TableCell>
              <RevocableMark identity={identity} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function EntitiesTable(props: { entities: BlastRadiusEntity[] }) {
  const { entities } = props;
  if (entities.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No catalog entity is reached.
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label="Catalog entities the partner reaches">
      <TableHead>
        <TableRow>
          <TableCell>Entity</TableCell>
          <TableCell>Distance</TableCell>
          <TableCell>Reached through</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entities.map(entity => (
          <TableRow key={entity.entityRef}>
            <TableCell>
              <EntityRefLink
                entityRef={entity.entityRef}
                title={entity.title}
              />
            </TableCell>
            <TableCell>{steps(entity.distance)}</TableCell>
            <TableCell>{viaText(entity)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * What a partner reaches (`GET /partners/{ref}/blast-radius`): its live
 * identities, each marked revocable through its source or to revoke by hand,
 * its integrations and the catalog entities they reach with how far and
 * through which relation; a note when the list was cut short.
 */
export function BlastRadiusView(props: { blastRadius: BlastRadius }) {
  const { identities, integrations, entities, truncated, depth } =
    props.blastRadius;
  const revocable = identities.filter(i => i.revocable).length;
  return (
    <Box>
      <Typography variant="body2" component="p">
        {`${count(
          identities.length,
          'identity',
          'identities',
        )}, ${revocable} revocable through a source, in ${count(
          integrations.length,
          'integration',
          'integrations',
        )} reach ${truncated ? 'more than ' : ''}${count(
          entities.length,
          'catalog entity',
          'catalog entities',
        )}, following up to ${count(
          depth,
          'catalog relation',
          'catalog relations',
        )} beyond what the integrations access.`}
      </Typography>
      <Section title="Identities">
        <BlastIdentitiesTable identities={identities} />
      </Section>
      <Section title="Integrations">
        {integrations.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            None
          </Typography>
        ) : (
          <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
            {integrations.map(ref => (
              <EntityRefLink
                key={ref}
                entityRef={ref}
                defaultKind="PartnerIntegration"
              />
            ))}
          </Box>
        )}
      </Section>
      <Section title="Reached catalog entities">
        {truncated && (
          <Box mb={1}>
            <Alert severity="info">
              The partner reaches more catalog entities than are listed here.
            </Alert>
          </Box>
        )}
        <EntitiesTable entities={entities} />
      </Section>
    </Box>
  );
}
